import _TestSupport
import Testing
@testable import Experiments

@Suite struct MeanComparisonTests {
    let fixtures: StatisticsFixtures

    init() throws { fixtures = try StatisticsFixtures.load() }

    @Test func welchMatchesStatsmodels() throws {
        for c in fixtures.welch {
            let first = try #require(c.first), second = try #require(c.second)
            let result = try WelchComparison(SampleSummary(first), SampleSummary(second))
            #expect(isClose(result.difference, c.difference, tolerance: 1e-13))
            #expect(isClose(result.interval.lower, c.interval[0], tolerance: 1e-10))
            #expect(isClose(result.interval.upper, c.interval[1], tolerance: 1e-10))
            #expect(isClose(result.t, c.t, tolerance: 1e-12))
            #expect(isClose(result.degreesOfFreedom, c.df, tolerance: 1e-11))
            #expect(isRelativelyClose(result.pValue, c.pValue, tolerance: 1e-9))
        }
    }

    @Test func hillstromSpendFromSummaries() throws {
        let arms = fixtures.hillstrom.arms
        let control = try #require(arms["No E-Mail"])
        for name in ["Mens E-Mail", "Womens E-Mail"] {
            let arm = try #require(arms[name])
            let reference = try #require(fixtures.hillstrom.comparisons[name]).spend
            let result = try WelchComparison(
                SampleSummary(count: arm.n, mean: arm.spendMean, variance: arm.spendVariance),
                SampleSummary(count: control.n, mean: control.spendMean, variance: control.spendVariance))
            #expect(isClose(result.interval.lower, reference.interval[0], tolerance: 1e-9), "\(name)")
            #expect(isClose(result.interval.upper, reference.interval[1], tolerance: 1e-9), "\(name)")
            #expect(isRelativelyClose(result.pValue, reference.pValue, tolerance: 1e-7), "\(name)")
        }
    }

    @Test func summaryIsWelford() {
        // Hand-worked: 1, 2, 3, 4 has mean 2.5 and unbiased variance 5/3.
        let s = SampleSummary([1, 2, 3, 4])
        #expect(s.count == 4 && s.mean == 2.5 && isClose(s.variance, 5.0 / 3, tolerance: 1e-15))
        #expect(SampleSummary([Double]()).mean.isNaN)
    }

    @Test func degenerateGroupsThrow() {
        #expect(throws: ExperimentsError.self) { try WelchComparison(SampleSummary([1]), SampleSummary([1, 2])) }
        #expect(throws: ExperimentsError.self) { try WelchComparison(SampleSummary([1, 1]), SampleSummary([2, 2])) }
    }
}
