import ChurnKit
import Foundation
import Testing
@testable import ChurnCLI

@Suite struct ExperimentCommandTests {
    @Test func routesToTheSubcommands() throws {
        #expect(try ChurnCommand.parseAsRoot(["experiment", "power", "--baseline", "0.1", "--relative-reduction", "0.1"]) is ExperimentPowerCommand)
        #expect(try ChurnCommand.parseAsRoot(["experiment", "design", "f.csv", "--out", "a.csv"]) is ExperimentDesignCommand)
        #expect(try ChurnCommand.parseAsRoot(["experiment", "assign", "f.csv", "--out", "a.csv"]) is ExperimentDesignCommand)
        #expect(try ChurnCommand.parseAsRoot(["experiment", "analyze", "f.csv", "--arm", "segment", "--control", "No E-Mail", "--outcome", "visit"])
            is ExperimentAnalyzeCommand)
        #expect(ExperimentCommand.configuration.subcommands.map { $0.configuration.commandName } == ["design", "power", "simulate", "analyze"])
        #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["experiment", "randomize", "f.csv"]) }
    }

    /// The loop from a scored file to a decision, every command with its default flags: each
    /// output is a valid input of the next (the portfolio size is the only choice made).
    @Test func scoreDesignSimulateAnalyzeChainWithDefaults() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        _ = try ExperimentSimulateCommand.parse(["--customers", "20000", "--out", path("portfolio.csv")]).makeOutput()
        _ = try TrainCommand.parse([path("portfolio.csv"), "--target", "churned_last_year", "--out", path("model.json")]).makeOutput()
        _ = try ScoreCommand.parse([path("model.json"), path("portfolio.csv"), "--out", path("scores.csv")]).makeOutput()
        _ = try ExperimentDesignCommand.parse([path("scores.csv"), "--out", path("assignment.csv")]).makeOutput()
        let truth = try ExperimentSimulateCommand.parse(["--customers", "20000", "--assignment", path("assignment.csv"), "--out", path("outcomes.csv")])
            .makeOutput()
        #expect(truth.contains("true value retained"))
        let text = try ExperimentAnalyzeCommand.parse([path("outcomes.csv"), "--assignment", path("assignment.csv"), "--value-column", "premium"])
            .makeOutput()
        #expect(text.contains("analysed 20000 of 20000 assigned customers"))
        #expect(text.contains("reduction [95%]") && text.contains("value retained [95%]"))
    }
}
