import ChurnKit
import Foundation
import Testing
@testable import ChurnCLI

@Suite struct ExperimentUpliftScoreCommandTests {
    @Test func scoresRoundTripTheLibrarysPredictions() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sample = dir.appendingPathComponent("sample.csv").path, model = dir.appendingPathComponent("uplift.json").path
        let out = dir.appendingPathComponent("uplift-scores.csv").path
        try writeUpliftSample(rows: 3_000, seed: 5, to: sample)
        _ = try ExperimentUpliftTrainCommand.parse([sample, "--treatment", "group", "--control", "none", "--outcome", "churned",
                                                    "--churn-outcome", "--features", "x1,region", "--out", model]).makeOutput()
        let text = try ExperimentUpliftScoreCommand.parse([model, sample, "--out", out]).makeOutput()
        #expect(text.contains("scored 3000 customers"))
        let scores = try Table(csvAt: out, options: CSVReadOptions(columnKinds: ["id": .categorical]))
        #expect(scores.columnNames == ["id", "uplift", "treated_probability", "control_probability"])
        let fitted = try FittedUpliftModel.load(from: model)
        let expected = try fitted.predictResponses(try Table(csvAt: sample))
        let uplift = try ExperimentColumns.numbers(scores, "uplift", file: out)
        let treated = try ExperimentColumns.numbers(scores, "treated_probability", file: out)
        let control = try ExperimentColumns.numbers(scores, "control_probability", file: out)
        // The CSV writer prints the shortest round-trip text of each double: equal bit for bit.
        #expect(uplift == expected.uplift && treated == expected.treated && control == expected.control)
        #expect(try ExperimentColumns.texts(scores, "id", file: out).prefix(2) == ["c0", "c1"])
        // Never over an input, never over an existing file without --force.
        #expect(throws: (any Error).self) { try ExperimentUpliftScoreCommand.parse([model, sample, "--out", sample]).makeOutput() }
        #expect(throws: (any Error).self) { try ExperimentUpliftScoreCommand.parse([model, sample, "--out", out]).makeOutput() }
        _ = try ExperimentUpliftScoreCommand.parse([model, sample, "--out", out, "--force", "--format", "json"]).makeOutput()
    }
}
