import _TestSupport
import Testing
@testable import Experiments

@Suite struct ProportionComparisonTests {
    @Test func signConventionsAndTransformsAgree() throws {
        // A 9% relative reduction at 12%: 10,920 vs 12,000 churners of 100,000.
        let c = ProportionComparison(treatment: try BinomialCount(events: 10920, total: 100000), control: try BinomialCount(events: 12000, total: 100000))
        #expect(isClose(c.absoluteReduction, 0.0108, tolerance: 1e-15) && isClose(c.difference, -0.0108, tolerance: 1e-15))
        #expect(isClose(c.relativeReduction, 0.09, tolerance: 1e-14))
        let d = try #require(c.differenceInterval), a = try #require(c.absoluteReductionInterval)
        #expect(a.lower == -d.upper && a.upper == -d.lower)
        let r = try #require(c.riskRatioInterval), rr = try #require(c.relativeReductionInterval)
        #expect(rr.lower == 1 - r.upper && rr.upper == 1 - r.lower)
        #expect(rr.contains(0.09) && c.note.isEmpty && c.testMethod == .twoProportionZ)
    }

    @Test func zeroEventsAndEmptyGroupsAreMarked() throws {
        let zeroControl = ProportionComparison(treatment: try BinomialCount(events: 2, total: 15), control: try BinomialCount(events: 0, total: 12))
        #expect(zeroControl.riskRatio.isNaN && zeroControl.riskRatioIntervalMethod == .logAdjusted)
        #expect(zeroControl.differenceInterval != nil && zeroControl.testMethod == .fisherExact)
        #expect(zeroControl.note.contains("zero events") && zeroControl.note.contains("Fisher"))
        let empty = ProportionComparison(treatment: try BinomialCount(events: 0, total: 0), control: try BinomialCount(events: 3, total: 10))
        #expect(empty.differenceInterval == nil && empty.riskRatioInterval == nil && empty.pValue.isNaN)
        #expect(empty.note.contains("treatment group is empty"))
    }
}
