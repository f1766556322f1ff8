import Testing
@testable import CustomerValue

@Suite struct TransactionLogTests {
    @Test(.enabled(if: cdnowAvailable, "needs ../shared/datasets/CDNOW_sample.txt"))
    func readsTheCDNOWSampleAsPublished() throws {
        let log = try TransactionLog(contentsOf: cdnowPath, layout: .cdnow)
        #expect(log.transactions.count == 6919)
        #expect(Set(log.transactions.map(\.customer)).count == 2357)
        let first = try #require(log.transactions.first)
        // The first line is " 00004 0001 19970101  2   29.33": sample id 0001, two CDs for $29.33.
        #expect(first.customer == "0001" && first.day == CalendarDay(year: 1997, month: 1, day: 1) && first.amount == 29.33 && first.line == 1)
        #expect(log.transactions.map(\.day).min() == CalendarDay(year: 1997, month: 1, day: 1))
        #expect(log.transactions.map(\.day).max() == CalendarDay(year: 1998, month: 6, day: 30))
    }

    @Test func readsACSVLogWithHeaderAndBothDateFormats() throws {
        let path = try temporaryFile("id,when,spend\nA,2020-01-05,10.5\nB,20200106,3\nA,2020-01-05,1.5\n")
        let log = try TransactionLog(contentsOf: path, layout: .csv(customer: "id", date: "when", amount: "spend"))
        #expect(log.transactions.map(\.customer) == ["A", "B", "A"])
        #expect(log.transactions.map(\.amount) == [10.5, 3, 1.5])
        #expect(log.transactions[1].day == CalendarDay(year: 2020, month: 1, day: 6))
        #expect(log.transactions.map(\.line) == [2, 3, 4])
    }

    @Test func badDatesAndAmountsNameLineAndColumn() throws {
        let csv = try temporaryFile("id,when,spend\nA,2020-01-05,10\nB,2020-13-01,3\n")
        #expect(throws: CustomerValueError.invalidDate(file: csv, line: 3, column: "when", value: "2020-13-01")) {
            try TransactionLog(contentsOf: csv, layout: .csv(customer: "id", date: "when", amount: "spend"))
        }
        let negative = try temporaryFile("id,when,spend\nA,2020-01-05,10\nB,2020-01-06,-3\n")
        #expect(throws: CustomerValueError.negativeAmount(file: negative, line: 3, column: "spend", value: -3)) {
            try TransactionLog(contentsOf: negative, layout: .csv(customer: "id", date: "when", amount: "spend"))
        }
        let missing = try temporaryFile("id,when,spend\nA,2020-01-05,\n")
        #expect(throws: CustomerValueError.invalidAmount(file: missing, line: 2, column: "spend", value: "")) {
            try TransactionLog(contentsOf: missing, layout: .csv(customer: "id", date: "when", amount: "spend"))
        }
        #expect(throws: CustomerValueError.missingColumn(file: csv, column: "amount", available: ["id", "when", "spend"])) {
            try TransactionLog(contentsOf: csv, layout: .csv(customer: "id", date: "when", amount: "amount"))
        }
        let spaced = try temporaryFile("00001 1 19970101 1 11.77\r\n00002 2 1997013x 1 12.00\r\n", suffix: ".txt")
        let error = #expect(throws: CustomerValueError.self) { try TransactionLog(contentsOf: spaced, layout: .cdnow) }
        #expect(error?.description == "\(spaced): column \"column 3\", line 2: \"1997013x\" is not a date (YYYY-MM-DD or YYYYMMDD)")
        let short = try temporaryFile("00001 1 19970101 1\n", suffix: ".txt")
        #expect(throws: CustomerValueError.missingField(file: short, line: 1, column: 5, found: 4)) {
            try TransactionLog(contentsOf: short, layout: .cdnow)
        }
        let negativeSpaced = try temporaryFile("00001 1 19970101 1 -2.5\n", suffix: ".txt")
        #expect(throws: CustomerValueError.negativeAmount(file: negativeSpaced, line: 1, column: "column 5", value: -2.5)) {
            try TransactionLog(contentsOf: negativeSpaced, layout: .cdnow)
        }
        let empty = try temporaryFile("\n\n", suffix: ".txt")
        #expect(throws: CustomerValueError.noTransactions(file: empty)) { try TransactionLog(contentsOf: empty, layout: .cdnow) }
    }
}
