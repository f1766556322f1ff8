import ChurnKit
import Foundation

/// Reads `count` little-endian float64 values (row-major features) from a raw file.
func readDoubles(_ path: String, count: Int) throws -> [Double] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard data.count == count * 8 else {
        throw CompareUsageError(description: "\(path) holds \(data.count) bytes, expected \(count * 8)")
    }
    return data.withUnsafeBytes { raw in (0..<count).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) } }
}

/// CPU seconds used by the process so far (all threads), to report work beside wall time on a
/// machine shared with other jobs.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// `tree.fit X.f64 Y.u8 N D TRAIN DEPTH MINLEAF MODE FILEROWS`: fits on the first TRAIN of the
/// first N rows of files holding FILEROWS rows (timed), in MODE `histogram` or `exact`, then
/// reports the hold-out AUC and prediction throughput on rows TRAIN..<N (median of 5 predictions).
private let treeFit: CompareTask = { arguments in
    guard arguments.count == 9, let n = Int(arguments[2]), let d = Int(arguments[3]), let train = Int(arguments[4]),
        let depth = Int(arguments[5]), let minLeaf = Int(arguments[6]), let fileRows = Int(arguments[8]),
        n <= fileRows, train < n, ["histogram", "exact"].contains(arguments[7])
    else { throw CompareUsageError(description: "expected X.f64 Y.u8 N D TRAIN DEPTH MINLEAF histogram|exact FILEROWS") }
    let values = Array(try readDoubles(arguments[0], count: fileRows * d)[0..<(n * d)])
    let labels = Array(try Data(contentsOf: URL(fileURLWithPath: arguments[1])).map { $0 != 0 }[0..<n])
    let xTrain = try Matrix(rows: train, columns: d, values: Array(values[0..<(train * d)]))
    let xTest = try Matrix(rows: n - train, columns: d, values: Array(values[(train * d)...]))
    let trainer = DecisionTreeClassifier(
        maxDepth: depth, minSamplesLeaf: minLeaf, splitSearch: arguments[7] == "exact" ? .exact : .default)
    let yTrain = Array(labels[0..<train])
    let cpuStart = processCPUSeconds()
    let (model, seconds) = try timed { try trainer.fit(xTrain, yTrain) }
    let cpuSeconds = processCPUSeconds() - cpuStart
    // The median of 5 timed predictions of the hold-out rows (as the Python side).
    var scores: [Double] = []
    var predictTimes: [Double] = []
    for _ in 0..<5 {
        let (predicted, seconds) = try timed { try model.predictProbabilities(xTest) }
        scores = predicted
        predictTimes.append(seconds)
    }
    let predictSeconds = predictTimes.sorted()[2]
    let auc = try rocAUC(labels: Array(labels[train...]), scores: scores)
    return CompareResult(seconds: seconds, extra: [
        "auc": (auc * 1e5).rounded() / 1e5, "leaves": model.leafCount, "fitCPUSeconds": (cpuSeconds * 1e3).rounded() / 1e3,
        "predictRowsPerSecond": (Double(n - train) / predictSeconds).rounded(),
    ])
}

/// Comparison tasks of the DecisionTrees module, by name.
let decisionTreeTasks: [String: CompareTask] = [
    "tree.fit": treeFit,
]
