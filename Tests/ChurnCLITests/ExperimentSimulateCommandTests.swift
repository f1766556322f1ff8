import ChurnKit
import Foundation
import Testing
@testable import ChurnCLI

@Suite struct ExperimentSimulateCommandTests {
    @Test func writesThePortfolioAndItsManifest() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try writeSmallPortfolio(in: directory)
        let table = try Table(csvAt: path)
        #expect(table.rowCount == 2000)
        #expect(table.columnNames.contains("score") && table.columnNames.contains("churned_last_year"))
        let manifest = try JSONDecoder().decode(SimulationManifest.self, from: Data(contentsOf: URL(fileURLWithPath: path + ".manifest.json")))
        // The manifest is the library's, for the same scenario and seed.
        #expect(manifest == (try InsurancePortfolio(scenario: InsuranceScenario.axa.with(customerCount: 2000), seed: 1)).manifest)
        #expect(throws: (any Error).self) { try writeSmallPortfolio(in: directory) }
    }

    @Test func rejectsUnknownPresets() {
        #expect(throws: (any Error).self) { try ExperimentSimulateCommand.parse(["--preset", "telco", "--out", "x.csv"]) }
    }

    /// `--arm-effect` scales an arm's action: the outcomes and the printed truth are the library's
    /// `outcomes(for:seed:armEffectScale:)` and `truth(of:armEffectScale:)`, and a scale of 0 leaves
    /// the arm's customers at their untreated probabilities.
    @Test func armEffectScalesOneArm() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let portfolioPath = try writeSmallPortfolio(in: directory)
        let assignmentPath = directory + "/assignment.csv", outcomesPath = directory + "/outcomes.csv"
        _ = try ExperimentDesignCommand.parse([portfolioPath, "--score-column", "score", "--arms", "call", "discount", "--out", assignmentPath]).makeOutput()
        let text = try ExperimentSimulateCommand.parse([
            "--customers", "2000", "--seed", "1", "--assignment", assignmentPath, "--outcome-seed", "3",
            "--arm-effect", "discount=0", "--arm-effect", "call=0.5", "--out", outcomesPath,
        ]).makeOutput()
        let portfolio = try InsurancePortfolio(scenario: InsuranceScenario.axa.with(customerCount: 2000), seed: 1)
        let (assignment, _) = try AssignmentFile.read(from: assignmentPath)
        let scales = ["discount": 0.0, "call": 0.5]  // between p0 and p1: no clipping, so the truth scales exactly
        let expected = try portfolio.outcomes(for: assignment, seed: 3, armEffectScale: scales)
        let written = try Table(csvAt: outcomesPath)
        #expect(try ExperimentColumns.flags(written, "churned", file: outcomesPath) == expected.events)
        let rows = try portfolio.rows(of: assignment)
        for cell in try portfolio.truth(of: assignment, armEffectScale: scales) {
            let t = try #require(assignment.design.tiers.firstIndex { $0.name == cell.tier })
            let a = try #require(assignment.design.tiers[t].arms.firstIndex { $0.name == cell.arm })
            let cellRows = rows.indices.filter { assignment.tiers[$0] == t && assignment.groups[$0] == a + 1 }.map { rows[$0] }
            let unscaled = portfolio.truth(rows: cellRows)
            #expect(abs(cell.truth.customersRetained - (scales[cell.arm] ?? 1) * unscaled.customersRetained) < 1e-6 * max(1, unscaled.customersRetained))
            #expect(text.contains(formatted(cell.truth.customersRetained, digits: 5)))
        }
        #expect(throws: (any Error).self) {
            try ExperimentSimulateCommand.parse(["--customers", "2000", "--assignment", assignmentPath, "--arm-effect", "sms=1",
                                                 "--out", directory + "/x.csv"]).makeOutput()
        }
        #expect(throws: (any Error).self) { try ExperimentSimulateCommand.parse(["--arm-effect", "call=1", "--out", directory + "/y.csv"]) }
        #expect(throws: (any Error).self) {
            try ExperimentSimulateCommand.parse(["--assignment", assignmentPath, "--arm-effect", "call=nan", "--out", directory + "/z.csv"])
        }
    }

}
