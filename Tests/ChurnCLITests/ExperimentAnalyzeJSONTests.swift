import ChurnKit
import Foundation
import Testing
@testable import ChurnCLI

@Suite struct ExperimentAnalyzeJSONTests {
    @Test func missingAndNonFiniteNumbersAreNull() throws {
        struct Row: Encodable { let a: JSONNumber, b: JSONNumber, c: JSONNumber }
        #expect(try jsonText(Row(a: JSONNumber(0.5), b: JSONNumber(.nan), c: JSONNumber(nil))).replacingOccurrences(of: " ", with: "")
            == "{\n\"a\":0.5,\n\"b\":null,\n\"c\":null\n}")
    }

    @Test func tierChiSquaresAreSummed() throws {
        // Hand-worked: tier x observed 60/40 for 50/50 → chi-square 4; tier y 50/50 → 0. Sum 4 on
        // 2 degrees of freedom: p = exp(−4/2) = 0.1353.
        let design = try ExperimentDesign(tierRule: .scoreThresholds([1]), tiers: ["x", "y"].map {
            TierDesign(name: $0, controlShare: 0.5, arms: [TreatmentArm(name: "call", share: 0.5)])
        })
        var tiers: [String] = [], groups: [String] = []
        for (tier, control) in [("x", 60), ("y", 50)] {
            tiers += Array(repeating: tier, count: 100)
            groups += Array(repeating: "control", count: control) + Array(repeating: "call", count: 100 - control)
        }
        let ids = tiers.indices.map(String.init)
        let assignment = try Assignment(design: design, ids: ids, tierNames: tiers, groupNames: groups)
        let outcomes = try ExperimentOutcomes(ids: ids, events: ids.indices.map { $0 % 3 == 0 })
        let json = ExperimentAnalyzeJSON(try ExperimentAnalysis.analyze(assignment: assignment, outcomes: outcomes))
        #expect(json.sampleRatioMismatch.chiSquare.value == 4 && json.sampleRatioMismatch.degreesOfFreedom == 2)
        #expect(abs((json.sampleRatioMismatch.pValue.value ?? 0) - exp(-2)) < 1e-12)
        #expect(json.cells.map(\.n) == [40, 50] && json.cells.map(\.controlN) == [60, 50])
    }
}
