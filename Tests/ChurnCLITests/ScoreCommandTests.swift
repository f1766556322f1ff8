import Foundation
import ChurnKit
import Testing
@testable import ChurnCLI

/// Trains `kind` on `data` (with `options`), scores it with `--reasons count`, and returns the
/// pipeline, the input table and the score file read back.
private func scoredWithReasons(
    _ data: String, target: String, kind: String, count: Int, in dir: URL, options: [String] = []
) throws -> (pipeline: FittedPipeline, input: Table, scores: Table) {
    let model = dir.appendingPathComponent("\(kind).json").path
    _ = try TrainCommand.parse([data, "--target", target, "--model", kind, "--out", model, "--format", "json"] + options)
        .makeOutput()
    let out = dir.appendingPathComponent("\(kind)-scores.csv").path
    _ = try ScoreCommand.parse([model, data, "--out", out, "--reasons", "\(count)", "--chunk-rows", "1500"]).makeOutput()
    return (try FittedPipeline.load(from: model), try Table(csvAt: data), try Table(csvAt: out))
}

/// The score file's reasons equal the library's explanation of the same rows, and name the
/// customer's own value of an original column.
private func expectReasonsMatchTheLibrary(
    _ scored: (pipeline: FittedPipeline, input: Table, scores: Table), count: Int, unit: String
) throws {
    let (pipeline, input, scores) = scored
    let header = scores.columnNames
    #expect(Array(header.suffix(2 * count)) == (1...count).flatMap { ["reason_\($0)", "reason_\($0)_effect_\(unit)"] })
    let explanation = try pipeline.explain(input)
    #expect(scores.rowCount == input.rowCount)
    var listed = 0
    for row in stride(from: 0, to: input.rowCount, by: 7) {
        let expected = try explanation.reasons(row: row, count: count)
        for k in 0..<count {
            let label = try scores.column(named: "reason_\(k + 1)").text(at: row)
            let effect = Double(try scores.column(named: "reason_\(k + 1)_effect_\(unit)").text(at: row) ?? "")
            guard k < expected.count else {
                #expect(label == nil && effect == nil)
                continue
            }
            listed += 1
            #expect(label == expected[k].description)
            #expect(effect == expected[k].effect)
            let column = try input.column(named: expected[k].column)
            #expect(label == "\(expected[k].column)=\(column.text(at: row) ?? "(missing)")")
        }
    }
    #expect(listed > 0)
}

@Test func scoreReasonsOnTheBundledCustomers() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = bundledDatasets + "/telecom-customers.csv"
    let logistic = try scoredWithReasons(data, target: "churned", kind: "logistic", count: 3, in: dir)
    try expectReasonsMatchTheLibrary(logistic, count: 3, unit: "logit")
    let tree = try scoredWithReasons(data, target: "churned", kind: "tree", count: 2, in: dir)
    try expectReasonsMatchTheLibrary(tree, count: 2, unit: "probability")
    let boosted = try scoredWithReasons(data, target: "churned", kind: "gbdt", count: 3, in: dir)
    try expectReasonsMatchTheLibrary(boosted, count: 3, unit: "logit")
    let forest = try scoredWithReasons(
        data, target: "churned", kind: "forest", count: 2, in: dir, options: ["--trees", "20", "--max-depth", "8"])
    try expectReasonsMatchTheLibrary(forest, count: 2, unit: "probability")
    // A month-to-month contract raises the logistic risk of many customers.
    let reasons = try logistic.scores.column(named: "reason_1")
    #expect((0..<logistic.scores.rowCount).contains { reasons.text(at: $0) == "contract=Month-to-month" })
}

@Test(.enabled(if: sharedDataAvailable, "needs ../shared/datasets/telco-customer-churn.csv"))
func scoreReasonsOnTelco() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = sharedDatasets + "/telco-customer-churn.csv"
    let logistic = try scoredWithReasons(data, target: "Churn", kind: "logistic", count: 3, in: dir)
    try expectReasonsMatchTheLibrary(logistic, count: 3, unit: "logit")
    let labels = try logistic.scores.column(named: "reason_1")
    #expect((0..<logistic.scores.rowCount).contains { labels.text(at: $0) == "Contract=Month-to-month" })
    let tree = try scoredWithReasons(data, target: "Churn", kind: "tree", count: 3, in: dir)
    try expectReasonsMatchTheLibrary(tree, count: 3, unit: "probability")
    let boosted = try scoredWithReasons(data, target: "Churn", kind: "gbdt", count: 3, in: dir)
    try expectReasonsMatchTheLibrary(boosted, count: 3, unit: "logit")
    let boostedLabels = try boosted.scores.column(named: "reason_1")
    #expect((0..<boosted.scores.rowCount).contains { boostedLabels.text(at: $0) == "Contract=Month-to-month" })
}

@Test func scoreReasonsCountIsChecked() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = bundledDatasets + "/telecom-customers.csv"
    let model = dir.appendingPathComponent("m.json").path
    _ = try TrainCommand.parse([data, "--target", "churned", "--out", model, "--format", "json"]).makeOutput()
    let out = dir.appendingPathComponent("s.csv").path
    #expect(throws: (any Error).self) { try ScoreCommand.parse([model, data, "--out", out, "--reasons", "0"]) }
    let columns = try FittedPipeline.load(from: model).encoder.requiredColumns.count
    #expect {
        try ScoreCommand.parse([model, data, "--out", out, "--reasons", "\(columns + 1)"]).makeOutput()
    } throws: { "\($0)".contains("1...\(columns)") }
    #expect(!FileManager.default.fileExists(atPath: out))
    _ = try ScoreCommand.parse([model, data, "--out", out, "--reasons", "\(columns)"]).makeOutput()
    #expect(FileManager.default.fileExists(atPath: out))
}
