import Foundation
import Testing
@testable import ChurnCLI

@Suite struct ExperimentPowerCommandTests {
    @Test func sampleSizeForTheAXAExample() throws {
        // statsmodels NormalIndPower: 13,648.6 per group for 12% → 10.92% at alpha 0.05, power 0.8.
        let text = try ExperimentPowerCommand.parse(["--baseline", "0.12", "--relative-reduction", "0.09"]).makeOutput()
        #expect(text.contains("13649 control and 13649 treated customers"))
        let json = try jsonObject(ExperimentPowerCommand.parse([
            "--baseline", "0.12", "--relative-reduction", "0.09", "--alpha", "0.05", "--power", "0.8", "--format", "json",
        ]).makeOutput())
        #expect(json["sampleSizePerGroup"] as? Int == 13649)
    }

    @Test func exactlyOneModeIsRequired() {
        #expect(throws: (any Error).self) { try ExperimentPowerCommand.parse(["--baseline", "0.12"]) }
        #expect(throws: (any Error).self) { try ExperimentPowerCommand.parse(["--baseline", "0.12", "--relative-reduction", "0.1", "--assignment", "a.csv"]) }
        #expect(throws: (any Error).self) { try ExperimentPowerCommand.parse(["--baseline", "0.12", "--reduction", "0.1"]) }
    }
}
