import Foundation

/// What one timed task reports: wall-clock seconds of the timed part, and extra figures
/// (objective value, AUC, rows, ...) that the comparison prints beside the time.
struct CompareResult {
    var seconds: Double
    var extra: [String: Any] = [:]
}

/// A task takes its command-line arguments (file paths, sizes) and returns its timing.
typealias CompareTask = @Sendable ([String]) throws -> CompareResult

/// An argument error of the comparison runner.
struct CompareUsageError: Error, CustomStringConvertible {
    var description: String
}

/// Times `body` with a monotonic clock, returning its result and the elapsed seconds.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    let end = DispatchTime.now().uptimeNanoseconds
    return (value, Double(end - start) / 1e9)
}

/// Every task the runner knows, by name. Each file `Tasks+<Area>.swift` contributes its tasks.
let compareTasks: [String: CompareTask] = [
    linearAlgebraTasks, tabularTasks, encoderTasks, modelMetricsTasks, linearModelsTasks, clusteringTasks,
    decisionTreeTasks, ensembleTasks, experimentsTasks, survivalTasks, customerValueTasks,
].reduce(into: [:]) { all, area in all.merge(area) { first, _ in first } }
