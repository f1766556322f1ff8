import _TestSupport
import Tabular
import Testing
@testable import Survival

@Suite struct LogRankTestTests {
    @Test(.enabled(if: telcoAvailable, "needs ../shared/datasets/telco-customer-churn.csv"))
    func telcoContractsEqualLifelines() throws {
        let telco = try Table(csvAt: telcoPath)
        let data = try SurvivalData(table: telco, duration: "tenure", event: "Churn", group: "Contract", file: telcoPath)
        let test = try LogRankTest(data)
        let reference = try LifelinesFixtures.load().logRank
        #expect(isClose(test.statistic, reference.statistic, tolerance: 1e-10), "\(test.statistic) vs \(reference.statistic)")
        #expect(test.degreesOfFreedom == reference.degreesOfFreedom)
        #expect(test.pValue < 1e-300)
        #expect(test.observed.reduce(0, +) == 1869)
        #expect(isClose(test.expected.reduce(0, +), 1869, tolerance: 1e-10))
    }

    @Test func twoGroupsHandWorked() throws {
        // Group a: events at 1 and 2; group b: events at 3 and 4. At t = 1: n = 4, nₐ = 2, E = 0.5,
        // V = 2·2·1·3/(16·3) = 0.25; t = 2: n = 3, nₐ = 1, E = 1/3, V = 2/9; t = 3 and 4: nₐ = 0.
        let data = SurvivalData(durations: [1, 2, 3, 4], events: [true, true, true, true], groups: ["a", "a", "b", "b"])
        let test = try LogRankTest(data)
        let difference = 2 - (0.5 + 1.0 / 3)
        #expect(isClose(test.statistic, difference * difference / (0.25 + 2.0 / 9), tolerance: 1e-14))
        #expect(throws: SurvivalError.self) { try LogRankTest(SurvivalData(durations: [1], events: [true], groups: ["a"])) }
        // Arrays of different lengths are refused with their counts (they indexed out of range).
        #expect(throws: SurvivalError.invalidInput("the log-rank test needs one event and one group per duration (4 durations, 3 events, 4 groups)")) {
            try LogRankTest(SurvivalData(durations: [1, 2, 3, 4], events: [true, true, true], groups: ["a", "a", "b", "b"]))
        }
    }
}
