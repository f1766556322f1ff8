import Foundation
import Testing
@testable import ChurnCLI

@Test func treeModelsTrainAndPrintReadableRules() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = dir.appendingPathComponent("tree.json").path
    let trained = try jsonObject(try TrainCommand.parse([
        bundledDatasets + "/telecom-customers.csv", "--target", "churned", "--model", "tree", "--max-depth", "3",
        "--min-samples-leaf", "100", "--out", model, "--format", "json",
    ]).makeOutput())
    #expect(trained["modelKind"] as? String == "tree")
    let holdout = try #require(trained["holdout"] as? [String: Any])
    #expect((holdout["auc"] as? Double ?? 0) > 0.7)
    let rules = try jsonObject(try RulesCommand.parse([model, "--format", "json"]).makeOutput())["rules"] as? [[String: Any]]
    let list = try #require(rules)
    #expect(list.count <= 8)
    let rates = list.compactMap { $0["churnRate"] as? Double }
    #expect(rates == rates.sorted(by: >))
    // Every leaf holds at least 100 training customers, and the rules cover the rows the saved
    // model was fitted on (all 5,000: it is refitted after the hold-out evaluation).
    let customers = list.compactMap { $0["customers"] as? Int }
    #expect(customers.allSatisfy { $0 >= 100 })
    let saved = try #require(trained["savedModel"] as? [String: Any])
    #expect(customers.reduce(0, +) == saved["fittedRows"] as? Int)
    #expect(saved["fittedRows"] as? Int == 5000)
    // The strongest true effect (contract type) is in the riskiest rule, in the data's own labels.
    let top = try #require(list.first?["text"] as? String)
    #expect(top.contains("contract"))
    #expect(try RulesCommand.parse([model, "--dot"]).makeOutput().hasPrefix("digraph"))
}

@Test func rulesRejectANonTreeModel() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = dir.appendingPathComponent("logistic.json").path
    _ = try TrainCommand.parse([bundledDatasets + "/telecom-customers.csv", "--target", "churned", "--out", model]).makeOutput()
    #expect {
        try RulesCommand.parse([model]).makeOutput()
    } throws: { "\($0)".contains("holds a logistic model") }
    #expect(throws: (any Error).self) {
        try ChurnCommand.parseAsRoot(["train", "x.csv", "--target", "y", "--out", "m.json", "--model", "tree", "--max-depth", "0"])
    }
}

/// The tree's regularization flags reach the saved model: with --leaf-smoothing 0 and a leaf
/// budget of 4 the rules show 4 leaves at raw rates (the churners over the customers), with the
/// default smoothing every rate lies strictly between 0 and 1; bad values are rejected by name.
@Test func treeRegularizationFlagsReachTheModel() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = bundledDatasets + "/telecom-plans-states.csv"
    let raw = dir.appendingPathComponent("raw.json").path
    _ = try TrainCommand.parse([
        file, "--target", "churn", "--model", "tree", "--max-leaf-nodes", "4", "--leaf-smoothing", "0",
        "--min-samples-split", "40", "--ccp-alpha", "0", "--cat-smooth", "5", "--min-data-per-category", "30",
        "--max-cat-threshold", "8", "--max-cat-to-onehot", "2", "--out", raw,
    ]).makeOutput()
    let rawRules = try #require(try jsonObject(try RulesCommand.parse([raw, "--format", "json"]).makeOutput())["rules"] as? [[String: Any]])
    #expect(rawRules.count == 4)
    let smoothed = dir.appendingPathComponent("smoothed.json").path
    _ = try TrainCommand.parse([file, "--target", "churn", "--model", "tree", "--max-depth", "6", "--min-samples-leaf", "20", "--out", smoothed])
        .makeOutput()
    let rules = try #require(try jsonObject(try RulesCommand.parse([smoothed, "--format", "json"]).makeOutput())["rules"] as? [[String: Any]])
    #expect(rules.compactMap { $0["churnRate"] as? Double }.allSatisfy { $0 > 0 && $0 < 1 })
    for (flag, value) in [("--min-samples-split", "1"), ("--ccp-alpha", "-1"), ("--max-leaf-nodes", "1"), ("--cat-smooth", "nan"),
                          ("--min-data-per-category", "0"), ("--max-cat-threshold", "0"), ("--max-cat-to-onehot", "-1"),
                          ("--leaf-smoothing", "inf")] {
        #expect(throws: (any Error).self, "\(flag) \(value)") {
            try TrainCommand.parse([file, "--target", "churn", "--model", "tree", flag, value, "--out", dir.path + "/x.json"])
        }
    }
}
