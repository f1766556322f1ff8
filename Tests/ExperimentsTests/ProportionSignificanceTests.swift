import _TestSupport
import Testing
@testable import Experiments

@Suite struct ProportionSignificanceTests {
    let cases: [StatisticsFixtures.Proportion]

    init() throws { cases = try StatisticsFixtures.load().proportions }

    @Test func zTestMatchesStatsmodelsAndFisherMatchesScipy() throws {
        for c in cases {
            let t = try BinomialCount(events: c.treatment[0], total: c.treatment[1])
            let k = try BinomialCount(events: c.control[0], total: c.control[1])
            if let reference = c.z {
                let z = try #require(ProportionSignificance.twoProportionZ(t, k))
                #expect(isClose(z.z, reference[0], tolerance: 1e-12))
                #expect(isRelativelyClose(z.pValue, reference[1], tolerance: 1e-9), "\(c.treatment) vs \(c.control)")
            } else {
                #expect(ProportionSignificance.twoProportionZ(t, k) == nil)
            }
            #expect(isRelativelyClose(ProportionSignificance.fisherExact(t, k), c.fisher, tolerance: 1e-9), "\(c.treatment) vs \(c.control)")
            #expect(isClose(ProportionSignificance.smallestExpectedCount(t, k), c.smallestExpected))
        }
    }

    @Test func testSwitchesToFisherBelowFiveExpected() throws {
        for c in cases {
            let t = try BinomialCount(events: c.treatment[0], total: c.treatment[1])
            let k = try BinomialCount(events: c.control[0], total: c.control[1])
            let result = ProportionSignificance.test(t, k)
            if c.smallestExpected < 5 || c.z == nil {
                #expect(result.method == .fisherExact)
                #expect(isRelativelyClose(result.pValue, c.fisher, tolerance: 1e-9))
            } else {
                #expect(result.method == .twoProportionZ)
                #expect(isRelativelyClose(result.pValue, c.z?[1] ?? .nan, tolerance: 1e-9))
            }
        }
    }

    @Test func handWorkedFisherTable() throws {
        // [[1, 9], [11, 3]]: the classic tea-tasting style table; scipy gives 0.0027594561852200836.
        let p = ProportionSignificance.fisherExact(try BinomialCount(events: 1, total: 10), try BinomialCount(events: 11, total: 14))
        #expect(isRelativelyClose(p, 0.0027594561852200836, tolerance: 1e-9))
    }
}
