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
}
