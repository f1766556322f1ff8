import ChurnKit
import Foundation

/// Reads the uint8 outcome and treatment files and the float64 score file of compare/tasks_experiments.py.
private func readUpliftSample(_ arguments: [String]) throws -> (outcome: [Bool], treatment: [Bool], scores: [Double]) {
    guard arguments.count == 3 else {
        throw CompareUsageError(description: "expected OUTCOME.bin TREATMENT.bin SCORES.bin, got \(arguments.count) arguments")
    }
    let outcome = try Data(contentsOf: URL(fileURLWithPath: arguments[0])).map { $0 != 0 }
    let treatment = try Data(contentsOf: URL(fileURLWithPath: arguments[1])).map { $0 != 0 }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: arguments[2]))
    let scores = bytes.withUnsafeBytes { raw in
        (0..<bytes.count / 8).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))) }
    }
    return (outcome, treatment, scores)
}

/// Times one uplift metric from the raw arrays, the sort by score (inside `UpliftEvaluation`)
/// included, as scikit-uplift sorts inside its metric; its value is reported beside the time.
private func upliftTask(_ metric: @escaping @Sendable (UpliftEvaluation) throws -> Double) -> CompareTask {
    { arguments in
        let sample = try readUpliftSample(arguments)
        let (value, seconds) = try timed {
            try metric(try UpliftEvaluation(outcome: sample.outcome, treatment: sample.treatment, scores: sample.scores))
        }
        return CompareResult(seconds: seconds, extra: ["value": (value * 1e12).rounded() / 1e12])
    }
}

/// The analysis of a two-tier, two-arm experiment, files read before the clock starts; the clock
/// holds what pandas' holds: joining outcomes to the assignment by id (with the id checks) and
/// mapping tier and arm labels (building `Assignment` and `ExperimentOutcomes`), then the analysis.
private let analyzeTask: CompareTask = { arguments in
    guard arguments.count == 2 else { throw CompareUsageError(description: "expected ASSIGNMENT.csv OUTCOMES.csv") }
    let design = try ExperimentDesign.highLow(arms: ["call", "discount"])
    let a = try Table(csvAt: arguments[0], options: CSVReadOptions(columnKinds: ["id": .categorical]))
    let o = try Table(csvAt: arguments[1], options: CSVReadOptions(columnKinds: ["id": .categorical, "churned": .numeric]))
    func texts(_ table: Table, _ name: String) throws -> [String] {
        let column = try table.column(named: name)
        return (0..<table.rowCount).map { column.text(at: $0) ?? "" }
    }
    guard case .numeric(let churned) = try o.column(named: "churned").values else { throw CompareUsageError(description: "churned is not numeric") }
    let (ids, tiers, arms) = (try texts(a, "id"), try texts(a, "tier"), try texts(a, "arm"))
    let (outcomeIDs, events) = (try texts(o, "id"), churned.map { $0 == 1 })
    let (report, seconds) = try timed {
        let assignment = try Assignment(design: design, ids: ids, tierNames: tiers, groupNames: arms)
        let outcomes = try ExperimentOutcomes(ids: outcomeIDs, events: events)
        return try ExperimentAnalysis.analyze(assignment: assignment, outcomes: outcomes)
    }
    let lower = report.cells[0].comparison.differenceInterval?.lower ?? .nan
    return CompareResult(seconds: seconds, extra: ["lower": (lower * 1e12).rounded() / 1e12,
                                                   "holm0": (report.cells[0].adjustedPValue * 1e12).rounded() / 1e12])
}

/// Comparison tasks of the Experiments module, by name.
let experimentsTasks: [String: CompareTask] = [
    "uplift.qini": upliftTask { $0.qiniCoefficient },
    "uplift.atK": upliftTask { try $0.upliftAtK(fraction: 0.3, strategy: .overall) },
    "experiments.analyze": analyzeTask,
]
