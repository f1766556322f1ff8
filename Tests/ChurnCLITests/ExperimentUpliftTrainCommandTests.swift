import ChurnKit
import Foundation
import Testing
@testable import ChurnCLI

@Suite struct ExperimentUpliftTrainCommandTests {
    @Test func savesTheModelTheLibraryFits() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let data = directory + "/train.csv", out = directory + "/uplift.json"
        try writeUpliftSample(rows: 1000, seed: 5, to: data)
        let json = try jsonObject(ExperimentUpliftTrainCommand.parse([
            data, "--treatment", "group", "--control", "none", "--outcome", "churned", "--churn-outcome", "--features", "x1,region",
            "--out", out, "--format", "json",
        ]).makeOutput())
        #expect(json["method"] as? String == "two-model" && json["model"] as? String == "logistic")
        #expect(json["features"] as? [String] == ["x1", "region"])
        // Reference: the library fit on the same table with the same settings.
        let table = try Table(csvAt: data)
        let treated = try ExperimentColumns.texts(table, "group", file: data).map { $0 != "none" }
        let retained = try ExperimentColumns.flags(table, "churned", file: data).map { !$0 }
        let expected = try FittedUpliftModel.fit(
            table, features: ["x1", "region"], excluding: ["group", "churned", "id"], response: retained, treatment: treated,
            columns: UpliftTrainingColumns(treatment: "group", controlLabel: "none", outcome: "churned", churnOutcome: true),
            method: .twoModel, learner: .logisticRegression(LogisticRegression()))
        #expect(try FittedUpliftModel.load(from: out) == expected)
        #expect(json["treated"] as? Int == treated.filter { $0 }.count)
    }

    @Test func identifierLikeColumnsAreNotFeaturesByDefault() throws {
        // As `churn train`: a numeric id under another name and a surname-like text column are left out.
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sample = directory + "/sample.csv", data = directory + "/train.csv", out = directory + "/uplift.json"
        try writeUpliftSample(rows: 1000, seed: 5, to: sample)
        let lines = try String(contentsOfFile: sample, encoding: .utf8).split(separator: "\n")
        let widened = ["policy_number,surname," + lines[0]] + lines.dropFirst().enumerated().map { i, line in
            "\(48_000_000 + 7 * i),name\(i % 400),\(line)"
        }
        try (widened.joined(separator: "\n") + "\n").write(toFile: data, atomically: true, encoding: .utf8)
        let json = try jsonObject(ExperimentUpliftTrainCommand.parse([
            data, "--treatment", "group", "--control", "none", "--outcome", "churned", "--churn-outcome",
            "--out", out, "--format", "json",
        ]).makeOutput())
        let features = try #require(json["features"] as? [String])
        #expect(Set(features) == ["x1", "region", "risk"], "features: \(features)")
    }

    @Test func treeAndClassTransformationAreAvailable() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let data = directory + "/train.csv", out = directory + "/uplift.json"
        try writeUpliftSample(rows: 600, seed: 6, to: data)
        let text = try ExperimentUpliftTrainCommand.parse([
            data, "--treatment", "group", "--control", "none", "--outcome", "churned", "--churn-outcome",
            "--learner", "class-transformation", "--model", "tree", "--max-depth", "3", "--out", out,
        ]).makeOutput()
        #expect(text.contains("class-transformation uplift model (tree)"))
        let model = try FittedUpliftModel.load(from: out)
        #expect(model.method == .classTransformation && model.controlModel == nil && model.treatedModel.kind == "tree")
        // id, group and churned are never features.
        #expect(model.encoder.requiredColumns == ["x1", "region", "risk"])
    }

    @Test func badFlagsAreRejected() throws {
        for flags in [
            ["f.csv", "--treatment", "t", "--outcome", "y"],
            ["f.csv", "--treatment", "t", "--outcome", "y", "--out", "u.json", "--learner", "s-learner"],
            ["f.csv", "--treatment", "t", "--outcome", "y", "--out", "u.json", "--model", "boosted-stumps"],
            ["f.csv", "--outcome", "y", "--out", "u.json"],
        ] {
            #expect(throws: (any Error).self) { try ExperimentUpliftTrainCommand.parse(flags) }
        }
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let data = directory + "/train.csv"
        try writeUpliftSample(rows: 100, seed: 7, to: data)
        #expect(throws: (any Error).self) {
            try ExperimentUpliftTrainCommand.parse([data, "--treatment", "group", "--control", "nobody", "--outcome", "churned", "--out", directory + "/u.json"])
                .makeOutput()
        }
    }
}
