import ChurnKit
import Foundation
import Testing
@testable import ChurnCLI

@Suite struct ExperimentUpliftCommandTests {
    @Test func evaluatesLikeTheLibrary() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/scores.csv"
        var random = SeededRandom(seed: 3)
        var lines = ["group,churned,uplift"]
        var churned: [Bool] = [], treated: [Bool] = [], scores: [Double] = []
        for _ in 0..<400 {
            let t = random.nextUnitDouble() < 0.5, s = random.nextUnitDouble()
            let c = random.nextUnitDouble() < (t ? 0.3 - 0.2 * s : 0.3)
            churned.append(c); treated.append(t); scores.append(s)
            lines.append("\(t ? "call" : "none"),\(c ? 1 : 0),\(s)")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let json = try ExperimentUpliftCommand.parse([
            path, "--outcome-column", "churned", "--churn-outcome", "--treatment-column", "group", "--control-label", "none",
            "--score-column", "uplift", "--format", "json",
        ]).makeOutput()
        struct Result: Decodable { let qiniCoefficient: Double; let upliftAUC: Double; let upliftAtKOverall: Double }
        let result = try JSONDecoder().decode(Result.self, from: Data(json.utf8))
        let reference = try UpliftEvaluation(outcome: churned.map { !$0 }, treatment: treated, scores: scores)
        #expect(abs(result.qiniCoefficient - reference.qiniCoefficient) < 1e-12)
        #expect(abs(result.upliftAUC - reference.upliftAUC) < 1e-12)
        #expect(abs(result.upliftAtKOverall - (try reference.upliftAtK(fraction: 0.3, strategy: .overall))) < 1e-12)
        #expect(throws: (any Error).self) {
            try ExperimentUpliftCommand.parse([path, "--outcome-column", "churned", "--treatment-column", "group", "--control-label", "nobody", "--score-column", "uplift"]).makeOutput()
        }
    }
}
