import _TestSupport
import Testing
@testable import Experiments

@Suite struct ProportionIntervalsTests {
    let cases: [StatisticsFixtures.Proportion]

    init() throws { cases = try StatisticsFixtures.load().proportions }

    @Test func wilsonNewcombeAndLogRatioMatchStatsmodels() throws {
        for c in cases {
            let t = try BinomialCount(events: c.treatment[0], total: c.treatment[1])
            let k = try BinomialCount(events: c.control[0], total: c.control[1])
            let wt = try #require(ProportionIntervals.wilson(t))
            let wc = try #require(ProportionIntervals.wilson(k))
            #expect(isClose(wt.lower, c.wilsonTreatment[0]) && isClose(wt.upper, c.wilsonTreatment[1]))
            #expect(isClose(wc.lower, c.wilsonControl[0]) && isClose(wc.upper, c.wilsonControl[1]))
            let newcombe = try #require(ProportionIntervals.newcombeDifference(t, k))
            #expect(isClose(newcombe.lower, c.newcombe[0]) && isClose(newcombe.upper, c.newcombe[1]), "\(c.treatment) vs \(c.control)")
            let ratio = try #require(ProportionIntervals.logRiskRatio(t, k))
            #expect(ratio.method.rawValue == c.ratioMethod)
            #expect(isClose(ratio.interval.lower, c.logRatio[0], tolerance: 1e-10), "\(c.treatment) vs \(c.control)")
            #expect(isClose(ratio.interval.upper, c.logRatio[1], tolerance: 1e-10), "\(c.treatment) vs \(c.control)")
        }
    }

    @Test func emptyGroupsHaveNoInterval() throws {
        let empty = try BinomialCount(events: 0, total: 0)
        let some = try BinomialCount(events: 3, total: 10)
        #expect(ProportionIntervals.wilson(empty) == nil)
        #expect(ProportionIntervals.newcombeDifference(some, empty) == nil)
        #expect(ProportionIntervals.logRiskRatio(empty, some) == nil)
        #expect(empty.rate.isNaN)
    }

    @Test func invalidCountsThrow() {
        #expect(throws: ExperimentsError.invalidCount(argument: "events", value: 11, reason: "must lie in 0...10 (the total)")) {
            try BinomialCount(events: 11, total: 10)
        }
        #expect(throws: ExperimentsError.self) { try BinomialCount(events: 0, total: -1) }
    }

    @Test func criticalValueIsTheNormalQuantile() {
        // Closed form: Φ⁻¹(0.975) = 1.959963984540054.
        #expect(isClose(ProportionIntervals.criticalValue(confidence: 0.95), 1.959963984540054, tolerance: 1e-15))
    }
}
