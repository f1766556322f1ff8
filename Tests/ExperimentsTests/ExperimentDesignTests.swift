import Testing
@testable import Experiments

@Suite struct ExperimentDesignTests {
    @Test func highLowDefaultIsTop20PercentWithTenPercentControl() throws {
        let design = try ExperimentDesign.highLow(arms: ["call", "discount"])
        #expect(design.tiers.map(\.name) == ["high", "low"])
        #expect(design.tiers[0].groupShares == [0.1, 0.45, 0.45])
        // Hand-worked: 10 scores, top 20% = the two highest (rows 3 and 7).
        let scores = [0.1, 0.2, 0.3, 0.9, 0.05, 0.4, 0.5, 0.8, 0.15, 0.25]
        #expect(try design.tierIndices(scores: scores) == [1, 1, 1, 0, 1, 1, 1, 0, 1, 1])
    }

    @Test func tiesAreBrokenByInputOrder() throws {
        let design = try ExperimentDesign.highLow(highFraction: 0.5)
        #expect(try design.tierIndices(scores: [0.5, 0.5, 0.5, 0.5]) == [0, 0, 1, 1])
    }

    @Test func thresholdsAndThreeTiers() throws {
        let tier = { (name: String) in TierDesign(name: name, controlShare: 0.5, arms: [TreatmentArm(name: "a", share: 0.5)]) }
        let design = try ExperimentDesign(tierRule: .scoreThresholds([0.5, 0.2]), tiers: [tier("high"), tier("mid"), tier("low")])
        #expect(try design.tierIndices(scores: [0.7, 0.5, 0.3, 0.2, 0.1]) == [0, 0, 1, 1, 2])
        let fractions = try ExperimentDesign(tierRule: .topFractions([0.1, 0.3]), tiers: [tier("a"), tier("b"), tier("c")])
        let tiers = try fractions.tierIndices(scores: (0..<10).map { Double($0) })
        #expect(tiers == [2, 2, 2, 2, 2, 2, 2, 1, 1, 0])
    }

    @Test func badDesignsThrowClearErrors() {
        #expect(throws: ExperimentsError.sharesDoNotSumToOne(tier: "high", sum: 0.9)) {
            try ExperimentDesign(tierRule: .topFractions([0.2]), tiers: [
                TierDesign(name: "high", controlShare: 0.1, arms: [TreatmentArm(name: "a", share: 0.8)]),
                TierDesign(name: "low", controlShare: 0.1, arms: [TreatmentArm(name: "a", share: 0.9)]),
            ])
        }
        #expect(throws: ExperimentsError.lengthMismatch(argument: "tiers", count: 1, expected: 2)) {
            try ExperimentDesign(tierRule: .topFractions([0.2]), tiers: [TierDesign(name: "x", controlShare: 1, arms: [TreatmentArm(name: "a", share: 0)])])
        }
        #expect(throws: ExperimentsError.duplicateName(kind: "group", name: "control")) {
            try ExperimentDesign.highLow(arms: ["control"])
        }
        #expect(throws: ExperimentsError.self) { try ExperimentDesign.highLow(highFraction: 1.2) }
        #expect(throws: ExperimentsError.self) { try ExperimentDesign.highLow(controlShare: -0.1) }
        #expect(throws: ExperimentsError.self) { try ExperimentDesign.highLow(arms: []) }
        #expect(throws: ExperimentsError.nonFiniteValue(argument: "scores", index: 1, value: .infinity)) {
            try ExperimentDesign.highLow().tierIndices(scores: [0.1, .infinity])
        }
    }

    @Test func errorMessagesAreOneLine() {
        let message = ExperimentsError.sharesDoNotSumToOne(tier: "high", sum: 0.9).description
        #expect(message == "tier \"high\": control and arm shares sum to 0.9, but must sum to 1")
    }
}
