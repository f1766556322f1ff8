import Foundation
import Testing
@testable import ChurnCLI

@Test func demoRunsTheWholeLoopAndWritesFiguresAndTheModelReport() throws {
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
    #expect(summary.contains("every tier and arm against the scenario's truth") && summary.contains("all (pooled)"))
    for file in ["churn-model.json", "scores.csv", "churn-model-report.ipynb"]
        + ["roc", "gains", "lift", "calibration", "segments"].map({ "figures/\($0).svg" }) {
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "missing \(file)")
    }
    let svg = try String(contentsOf: dir.appendingPathComponent("figures/roc.svg"), encoding: .utf8)
    #expect(svg.hasPrefix("<svg") && svg.contains("ROC"))
    // The notebook is what `churn report model` writes for the same file and seed.
    let reportPath = dir.appendingPathComponent("report.ipynb").path
    _ = try ReportModelCommand.parse([bundledDatasets + "/telecom-customers.csv", "--target", "churned", "--seed", "42",
                                      "--out", reportPath]).makeOutput()
    #expect(try Data(contentsOf: dir.appendingPathComponent("churn-model-report.ipynb")) == Data(contentsOf: URL(fileURLWithPath: reportPath)))
    // A second run refuses to replace the files without --force, and replaces them with it.
    #expect(throws: (any Error).self) {
        try DemoCommand.parse(["--data", bundledDatasets + "/telecom-customers.csv", "--out-dir", dir.path, "--policyholders", "0"])
            .makeOutput()
    }
    _ = try DemoCommand.parse(["--data", bundledDatasets + "/telecom-customers.csv", "--out-dir", dir.path, "--policyholders", "0",
                               "--force"]).makeOutput()
    #expect(throws: (any Error).self) { try DemoCommand.parse(["--data", "/nonexistent.csv"]).makeOutput() }
}
