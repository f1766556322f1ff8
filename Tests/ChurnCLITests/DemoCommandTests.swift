import Foundation
import Testing
@testable import ChurnCLI

@Test func demoRunsTheWholeLoopAndWritesANotebook() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let summary = try DemoCommand.parse([
        "--data", bundledDatasets + "/telecom-customers.csv", "--out-dir", dir.path, "--policyholders", "30000",
    ]).makeOutput()
    #expect(summary.contains("5000 customers"))
    #expect(summary.contains("riskiest 10%"))
    #expect(summary.contains("riskiest segment"))
    #expect(summary.contains("AXA rehearsal on 30000 policyholders"))
    #expect(summary.contains("Uplift check") && summary.contains("true Qini of"))
    for file in ["churn-model.json", "scores.csv", "churn-demo.ipynb"] {
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "missing \(file)")
    }
    let notebook = try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("churn-demo.ipynb"))) as? [String: Any])
    let cells = try #require(notebook["cells"] as? [[String: Any]])
    let figures = cells.flatMap { ($0["outputs"] as? [[String: Any]]) ?? [] }.filter { $0["output_type"] as? String == "display_data" }
    #expect(figures.count == 5)
    #expect(throws: (any Error).self) { try DemoCommand.parse(["--data", "/nonexistent.csv"]).makeOutput() }
}
