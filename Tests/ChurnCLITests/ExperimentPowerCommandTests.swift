import ChurnKit
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

@Suite struct ExperimentPowerAssignmentTests {
    /// Each tier's detectable reduction uses its own expected churn rate: the mean score of the
    /// tier's customers, or --baseline TIER=P.
    @Test func everyTierUsesItsOwnRate() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines = ["id,churn_probability"]
        for i in 0..<2_000 { lines.append("c\(i),\(i < 400 ? 0.4 : 0.1)") }
        let scores = try write(lines.joined(separator: "\n") + "\n", named: "scores.csv", in: dir)
        let assignment = dir.appendingPathComponent("a.csv").path
        _ = try ExperimentDesignCommand.parse([scores, "--control", "0.5", "--out", assignment]).makeOutput()
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(ExperimentPowerCommand.parse(["--assignment", assignment, "--format", "json"])
            .makeOutput().utf8)) as? [[String: Any]])
        let rates = rows.map { $0["baseline"] as? Double ?? .nan }
        #expect(rates.count == 2 && abs(rates[0] - 0.4) < 1e-12 && abs(rates[1] - 0.1) < 1e-12)
        #expect(rows.map { $0["baselineSource"] as? String } == ["mean score", "mean score"])
        // Against the library with the same sizes (high: 200/200, low: 800/800).
        let high = try PowerAnalysis.minimumDetectableRelativeReduction(baselineRate: 0.4, controlSize: 200, treatmentSize: 200)
        #expect(abs((rows[0]["minimumDetectableRelativeReduction"] as? Double ?? 0) - high) < 1e-12)
        let named = try #require(try JSONSerialization.jsonObject(with: Data(ExperimentPowerCommand.parse(
            ["--assignment", assignment, "--baseline", "high=0.3", "low=0.05", "--format", "json"]).makeOutput().utf8)) as? [[String: Any]])
        #expect(named.map { $0["baseline"] as? Double } == [0.3, 0.05])
        #expect(throws: (any Error).self) { try ExperimentPowerCommand.parse(["--assignment", assignment, "--baseline", "mid=0.3"]).makeOutput() }
        #expect(throws: (any Error).self) { try ExperimentPowerCommand.parse(["--assignment", assignment, "--baseline", "x"]).makeOutput() }
    }
}
