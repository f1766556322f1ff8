import Testing
@testable import ChurnCLI

@Suite struct ExperimentPowerCommandTests {
    @Test func sampleSizeForTheAXAExample() throws {
        // statsmodels NormalIndPower: 13,648.6 per group for 12% → 10.92% at alpha 0.05, power 0.8.
        let text = try ExperimentPowerCommand.parse(["--baseline", "0.12", "--reduction", "0.09"]).makeOutput()
        #expect(text.contains("13649 control and 13649 treated customers"))
    }

    @Test func exactlyOneModeIsRequired() {
        #expect(throws: (any Error).self) { try ExperimentPowerCommand.parse(["--baseline", "0.12"]) }
        #expect(throws: (any Error).self) { try ExperimentPowerCommand.parse(["--baseline", "0.12", "--reduction", "0.1", "--assignment", "a.csv"]) }
    }
}
