import _TestSupport
import Testing
@testable import CustomerValue

@Suite struct CustomerSummaryTests {
    @Test(.enabled(if: cdnowAvailable, "needs ../shared/datasets/CDNOW_sample.txt"))
    func cdnowSummaryEqualsThePublishedCountsAndLifetimesTable() throws {
        let summary = try cdnowSummary()
        #expect(summary.customers.count == 2357)
        #expect(summary.repeatCustomerCount == 946)
        #expect(summary.repeatOccasionCount == 2457)
        // The last calibration day is 38.86 weeks after 1997-01-01.
        #expect(abs((summary.customers.map(\.age).max() ?? 0) - 38.857142857142854) < 1e-12)
        let reference = try LifetimesFixtures.load()
        #expect(summary.holdoutOccasionCount == reference.holdoutOccasions)
        #expect(isClose(summary.holdoutDuration, reference.holdoutWeeks))
        for (i, c) in summary.customers.enumerated() {
            #expect(Double(c.frequency) == reference.table.frequency[i])
            #expect(isClose(c.recency, reference.table.recency[i], tolerance: 1e-14))
            #expect(isClose(c.age, reference.table.age[i], tolerance: 1e-14))
            #expect(isClose(c.monetaryValue, reference.table.monetary[i], tolerance: 1e-12))
            #expect(c.holdoutFrequency == reference.table.holdoutFrequency[i])
        }
        #expect(Set(summary.customers.map(\.cohort)) == ["1997-01", "1997-02", "1997-03"])
    }

    @Test func mergesSameDayPurchasesAndSplitsCalibrationFromHoldout() throws {
        let path = try temporaryFile("c,d,a\nA,2020-01-01,10\nA,2020-01-01,5\nA,2020-01-08,20\nA,2020-01-15,40\nA,2020-02-01,7\nB,2020-01-10,3\n")
        let log = try TransactionLog(contentsOf: path, layout: .csv(customer: "c", date: "d", amount: "a"))
        let summary = try CustomerSummary(log: log, calibrationEnd: CalendarDay(year: 2020, month: 1, day: 29)!, unit: .days)
        let a = summary.customers[0], b = summary.customers[1]
        #expect(a.frequency == 2 && a.recency == 14 && a.age == 28 && a.monetaryValue == 30 && a.totalSpend == 75)
        #expect(a.holdoutFrequency == 1 && a.holdoutMonetaryValue == 7)
        #expect(b.frequency == 0 && b.recency == 0 && b.age == 19 && b.monetaryValue == 0)
        #expect(summary.holdoutEnd == CalendarDay(year: 2020, month: 2, day: 1))
        let weeks = try CustomerSummary(log: log, calibrationEnd: CalendarDay(year: 2020, month: 1, day: 29)!, unit: .weeks)
        #expect(weeks.customers[0].recency == 2 && weeks.customers[0].age == 4)
    }

    @Test func aCustomerWhollyAfterTheCutoffIsAnErrorOrExcluded() throws {
        let path = try temporaryFile("c,d,a\nA,2020-01-01,10\nB,2020-03-01,4\nB,2020-02-10,5\n")
        let log = try TransactionLog(contentsOf: path, layout: .csv(customer: "c", date: "d", amount: "a"))
        let cutoff = try #require(CalendarDay(year: 2020, month: 1, day: 31))
        #expect(throws: CustomerValueError.customerAfterCutoff(
            file: path, line: 4, column: "d", customer: "B", firstPurchase: "2020-02-10", cutoff: "2020-01-31")) {
            try CustomerSummary(log: log, calibrationEnd: cutoff)
        }
        let kept = try CustomerSummary(log: log, calibrationEnd: cutoff, excludeNewCustomers: true)
        #expect(kept.customers.map(\.id) == ["A"] && kept.excludedNewCustomers == 1)
        #expect(throws: CustomerValueError.noCustomersBeforeCutoff(cutoff: "2019-12-31")) {
            try CustomerSummary(log: log, calibrationEnd: CalendarDay(year: 2019, month: 12, day: 31)!, excludeNewCustomers: true)
        }
        #expect(throws: CustomerValueError.self) {
            try CustomerSummary(log: log, calibrationEnd: cutoff, holdoutEnd: CalendarDay(year: 2020, month: 1, day: 1)!)
        }
    }
}
