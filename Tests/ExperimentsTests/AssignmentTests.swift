import Testing
import Tabular
@testable import Experiments

@Suite struct AssignmentTests {
    static func customers(_ n: Int, seed: UInt64 = 3) -> (ids: [String], scores: [Double]) {
        var rng = SeededRandom(seed: seed)
        return ((0..<n).map { "C\($0)" }, (0..<n).map { _ in rng.nextUnitDouble() })
    }

    @Test func groupSizesFollowTheSharesExactly() throws {
        let (ids, scores) = Self.customers(1001)
        let design = try ExperimentDesign.highLow(arms: ["call", "discount"])
        let assignment = try Assignment.randomize(design: design, ids: ids, scores: scores, seed: 42)
        // Tier sizes: round(0.2 × 1001) = 200 high, 801 low. Largest remainder of 0.1/0.45/0.45:
        // high 20/90/90; low 80.1/360.45/360.45 → 80/361/360 (ties go to the earlier arm).
        #expect(assignment.counts == [[20, 90, 90], [80, 361, 360]])
        #expect(_largestRemainder(shares: [1.0 / 3, 1.0 / 3, 1.0 / 3], total: 10) == [4, 3, 3])
    }

    @Test func sameSeedSameAssignmentOtherSeedDifferent() throws {
        let (ids, scores) = Self.customers(500)
        let design = try ExperimentDesign.highLow()
        let a = try Assignment.randomize(design: design, ids: ids, scores: scores, seed: 7)
        let b = try Assignment.randomize(design: design, ids: ids, scores: scores, seed: 7)
        let c = try Assignment.randomize(design: design, ids: ids, scores: scores, seed: 8)
        #expect(a == b)
        #expect(a.groups != c.groups)
        #expect(a.tiers == c.tiers)
    }

    @Test func assignmentIsRandomWithinTiers() throws {
        // Control customers should not be the low-score ones of a tier: compare mean scores.
        let (ids, scores) = Self.customers(20000)
        let design = try ExperimentDesign.highLow(controlShare: 0.5)
        let a = try Assignment.randomize(design: design, ids: ids, scores: scores, seed: 1)
        let rows = CovariateBalance.standardizedMeanDifference(
            treatment: ids.indices.filter { a.tiers[$0] == 1 && a.groups[$0] == 1 }.map { scores[$0] },
            control: ids.indices.filter { a.tiers[$0] == 1 && a.groups[$0] == 0 }.map { scores[$0] })
        #expect(abs(rows) < 0.05)
    }

    @Test func labelsRoundTripAndBadLabelsThrow() throws {
        let design = try ExperimentDesign.highLow()
        let a = try Assignment(design: design, ids: ["x", "y"], tierNames: ["high", "low"], groupNames: ["control", "action"])
        #expect(a.tiers == [0, 1] && a.groups == [0, 1])
        #expect(a.groupName(row: 1) == "action")
        #expect(throws: ExperimentsError.unknownArm(name: "sms", row: 2)) {
            try Assignment(design: design, ids: ["x", "y"], tierNames: ["high", "low"], groupNames: ["control", "sms"])
        }
        #expect(throws: ExperimentsError.unknownTier(name: "mid", row: 1)) {
            try Assignment(design: design, ids: ["x"], tierNames: ["mid"], groupNames: ["control"])
        }
    }

    @Test func duplicateIDsAndBadInputThrow() throws {
        let design = try ExperimentDesign.highLow()
        #expect(throws: ExperimentsError.duplicateID(id: "a", firstRow: 1, row: 3)) {
            try Assignment.randomize(design: design, ids: ["a", "b", "a"], scores: [0.1, 0.2, 0.3], seed: 1)
        }
        #expect(throws: ExperimentsError.lengthMismatch(argument: "scores", count: 1, expected: 2)) {
            try Assignment.randomize(design: design, ids: ["a", "b"], scores: [0.1], seed: 1)
        }
        #expect(throws: ExperimentsError.self) { try Assignment.randomize(design: design, ids: [], scores: [], seed: 1) }
        #expect(throws: ExperimentsError.self) {
            try Assignment(design: design, ids: ["a"], scores: [0], tiers: [2], groups: [0])
        }
    }
}
