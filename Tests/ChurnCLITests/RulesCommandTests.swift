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
