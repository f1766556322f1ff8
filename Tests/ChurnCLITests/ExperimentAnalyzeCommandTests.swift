import ChurnKit
import Foundation
import Testing
@testable import ChurnCLI

@Suite struct ExperimentAnalyzeCommandTests {
    @Test func analysesSimulatedOutcomesLikeTheLibrary() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let portfolio = try writeSmallPortfolio(in: directory)
        let assignmentPath = directory + "/assignment.csv", outcomesPath = directory + "/outcomes.csv"
        _ = try ExperimentDesignCommand.parse([portfolio, "--score-column", "score", "--out", assignmentPath]).makeOutput()
        _ = try ExperimentSimulateCommand.parse(["--customers", "2000", "--seed", "1", "--assignment", assignmentPath, "--out", outcomesPath]).makeOutput()
        let json = try ExperimentAnalyzeCommand.parse([
            "--assignment", assignmentPath, "--outcomes", outcomesPath, "--value-column", "premium", "--cost", "action=10", "--format", "json",
        ]).makeOutput()
        let report = try JSONDecoder().decode(ExperimentReport.self, from: Data(json.utf8))
        // Reference: the library on the same simulated data.
        let (assignment, _) = try AssignmentFile.read(from: assignmentPath)
        let outcomes = try InsurancePortfolio(scenario: InsuranceScenario.axa.with(customerCount: 2000), seed: 1).outcomes(for: assignment, seed: 2)
        let expected = try ExperimentAnalysis.analyze(assignment: assignment, outcomes: outcomes, customerValue: .fromOutcomes, costPerCustomer: ["action": 10])
        #expect(report.cells.map(\.comparison.treatment) == expected.cells.map(\.comparison.treatment))
        #expect(report.cells.map(\.economics?.actionCost) == expected.cells.map(\.economics?.actionCost))
        #expect(report.sampleRatio.allSatisfy { $0.check.passed })
        let text = try ExperimentAnalyzeCommand.parse(["--assignment", assignmentPath, "--outcomes", outcomesPath]).makeOutput()
        #expect(text.contains("pooled across tiers") && text.contains("sample-ratio check"))
    }

    static let hillstrom = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/datasets/hillstrom-email.csv").path

    // The real Hillstrom experiment, arms read from its `segment` column; skipped without ../shared.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: hillstrom), "needs ../shared/datasets/hillstrom-email.csv"))
    func analysesAnExperimentRandomizedElsewhere() throws {
        let json = try ExperimentAnalyzeCommand.parse([
            "--outcomes", Self.hillstrom, "--arm-column", "segment", "--control-label", "No E-Mail", "--outcome-column", "visit",
            "--numeric-column", "spend", "--format", "json",
        ]).makeOutput()
        let report = try JSONDecoder().decode(ExperimentReport.self, from: Data(json.utf8))
        // SOURCES.md: visits 2,262 / 21,306 (No E-Mail), 3,238 / 21,387 (Womens), 3,894 / 21,307 (Mens).
        #expect(report.cells.map(\.arm) == ["Womens E-Mail", "Mens E-Mail"])
        #expect(report.cells.map(\.comparison.treatment.events) == [3238, 3894])
        #expect(report.cells[0].comparison.control.events == 2262 && report.cells[0].comparison.control.total == 21306)
        #expect(report.sampleRatio[0].check.passed)
        #expect(throws: (any Error).self) {
            try ExperimentAnalyzeCommand.parse(["--outcomes", Self.hillstrom, "--arm-column", "segment", "--control-label", "Nobody"]).makeOutput()
        }
        #expect(throws: (any Error).self) { try ExperimentAnalyzeCommand.parse(["--outcomes", Self.hillstrom, "--arm-column", "segment"]) }
    }

    @Test func badOutcomeColumnsAreReported() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let portfolio = try writeSmallPortfolio(in: directory)
        let assignmentPath = directory + "/assignment.csv"
        _ = try ExperimentDesignCommand.parse([portfolio, "--score-column", "score", "--out", assignmentPath]).makeOutput()
        // The portfolio's "claims" column holds counts above 1: not a 0/1 outcome.
        #expect(throws: (any Error).self) {
            try ExperimentAnalyzeCommand.parse(["--assignment", assignmentPath, "--outcomes", portfolio, "--outcome-column", "claims"]).makeOutput()
        }
        #expect(throws: (any Error).self) {
            try ExperimentAnalyzeCommand.parse(["--assignment", assignmentPath, "--outcomes", portfolio, "--value-column", "a", "--value-per-customer", "3"])
        }
        #expect(throws: (any Error).self) {
            try ExperimentAnalyzeCommand.parse(["--assignment", assignmentPath, "--outcomes", portfolio, "--arm-column", "channel", "--control-label", "agent"])
        }
    }
}
