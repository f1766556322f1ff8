import Testing
@testable import CustomerValue

@Suite struct RFMScoresTests {
    @Test func quintilesOfDistinctValuesAreEqualFifths() {
        #expect(RFMScoring.quintiles([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]) == [5, 1, 5, 1, 4, 2, 4, 2, 3, 3])
    }

    @Test func tiedValuesShareTheScoreOfTheirLowestRank() {
        // pandas rank(method="min") on ten values: the six 1s rank 1 (⌈5 · 1/10⌉ = 1), the two 2s
        // rank 7 (⌈3.5⌉ = 4), the two 5s rank 9 (⌈4.5⌉ = 5).
        #expect(RFMScoring.quintiles([1, 1, 1, 1, 1, 1, 2, 2, 5, 5]) == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5])
        // Ranks 1, 2, 2, 4, 4, 4, 7 of seven: ⌈5/7⌉ = 1, ⌈10/7⌉ = 2, ⌈20/7⌉ = 3, ⌈35/7⌉ = 5.
        #expect(RFMScoring.quintiles([3, 4, 4, 6, 6, 6, 9]) == [1, 2, 2, 3, 3, 3, 5])
    }

    @Test func segmentsFollowTheGrid() {
        #expect(RFMScoring.segment(recency: 5, frequency: 5) == "champions")
        #expect(RFMScoring.segment(recency: 2, frequency: 5) == "loyal")
        #expect(RFMScoring.segment(recency: 4, frequency: 2) == "potential loyalists")
        #expect(RFMScoring.segment(recency: 5, frequency: 1) == "new")
        #expect(RFMScoring.segment(recency: 1, frequency: 3) == "at risk")
        #expect(RFMScoring.segment(recency: 2, frequency: 1) == "hibernating")
        #expect(RFMScoring.segment(recency: 3, frequency: 3) == "needs attention")
    }

    @Test func scoresAtTheCutoff() throws {
        let path = try temporaryFile("c,d,a\nA,2020-01-01,10\nA,2020-01-20,10\nB,2020-01-02,100\nC,2020-01-25,1\n")
        let log = try TransactionLog(contentsOf: path, layout: .csv(customer: "c", date: "d", amount: "a"))
        let summary = try CustomerSummary(log: log, calibrationEnd: CalendarDay(year: 2020, month: 1, day: 31)!, unit: .days)
        let scores = RFMScoring.scores(summary)
        #expect(scores.map(\.recencyDays) == [11, 29, 6])
        #expect(scores.map(\.frequency) == [2, 1, 1])
        #expect(scores.map(\.monetary) == [20, 100, 1])
        #expect(scores.map(\.recencyScore) == [4, 2, 5])
        #expect(scores.map(\.frequencyScore) == [5, 2, 2])
        #expect(scores.map(\.monetaryScore) == [4, 5, 2])
        #expect(scores[0].code == "454" && scores[0].segment == "champions")
    }
}
