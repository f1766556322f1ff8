import _TestSupport
import Testing
@testable import Experiments

@Suite struct MantelHaenszelTests {
    @Test func pooledRiskRatioAndTestMatchStatsmodels() throws {
        for c in try StatisticsFixtures.load().cmh {
            let strata = try c.strata.map { s in
                (treatment: try BinomialCount(events: s[0], total: s[1]), control: try BinomialCount(events: s[2], total: s[3]))
            }
            let result = MantelHaenszel.pool(strata)
            #expect(result.strataUsed == strata.count)
            #expect(isClose(result.riskRatio, c.riskRatio, tolerance: 1e-13))
            let interval = try #require(result.riskRatioInterval)
            #expect(isClose(interval.lower, c.interval[0], tolerance: 1e-12) && isClose(interval.upper, c.interval[1], tolerance: 1e-12))
            #expect(isClose(result.chiSquare, c.chiSquare, tolerance: 1e-11))
            #expect(isRelativelyClose(result.pValue, c.pValue, tolerance: 1e-9))
            #expect(isClose(result.relativeReduction, 1 - c.riskRatio, tolerance: 1e-13))
            #expect(isClose(try #require(result.relativeReductionInterval).lower, 1 - c.interval[1], tolerance: 1e-12))
        }
    }

    @Test func oneStratumEqualsTheCrudeRatio() throws {
        // Hand-worked: a single stratum gives RR = (30/200) / (20/200) = 1.5.
        let result = MantelHaenszel.pool([(try BinomialCount(events: 30, total: 200), try BinomialCount(events: 20, total: 200))])
        #expect(isClose(result.riskRatio, 1.5, tolerance: 1e-15))
    }

    @Test func emptyStrataAreSkippedAndNoEventsIsUndefined() throws {
        let empty = try BinomialCount(events: 0, total: 0)
        let none = try BinomialCount(events: 0, total: 10)
        let result = MantelHaenszel.pool([(empty, none), (none, none)])
        #expect(result.strataUsed == 1)
        #expect(result.riskRatio.isNaN && result.riskRatioInterval == nil && result.pValue.isNaN)
    }
}
