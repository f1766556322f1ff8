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
}
