import Testing
@testable import ChurnCLI

@Suite struct ExperimentCommandTests {
    @Test func routesToTheSubcommands() throws {
        #expect(try ChurnCommand.parseAsRoot(["experiment", "power", "--baseline", "0.1", "--reduction", "0.1"]) is ExperimentPowerCommand)
        #expect(try ChurnCommand.parseAsRoot(["uplift", "f.csv", "--outcome-column", "y", "--treatment-column", "t", "--score-column", "s"]) is ExperimentUpliftCommand)
        #expect(ExperimentCommand.configuration.subcommands.count == 4)
    }
}
