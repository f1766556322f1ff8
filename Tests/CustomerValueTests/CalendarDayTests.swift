import Testing
@testable import CustomerValue

@Suite struct CalendarDayTests {
    @Test func dayNumbersMatchKnownDates() throws {
        #expect(CalendarDay(year: 1970, month: 1, day: 1)?.dayNumber == 0)
        #expect(CalendarDay(year: 2000, month: 3, day: 1)?.dayNumber == 11_017)
        // 1997-01-01 to 1997-09-30 is 272 days: the paper's 38.86 weeks.
        let start = try #require(CalendarDay(year: 1997, month: 1, day: 1))
        let end = try #require(CalendarDay(year: 1997, month: 9, day: 30))
        #expect(end.dayNumber - start.dayNumber == 272)
        #expect(CalendarDay(dayNumber: -1).description == "1969-12-31")
    }

    @Test func parsesBothFormatsAndRejectsImpossibleDays() {
        #expect(CalendarDay(parsing: "19970101") == CalendarDay(year: 1997, month: 1, day: 1))
        #expect(CalendarDay(parsing: " 1996-02-29 ") == CalendarDay(year: 1996, month: 2, day: 29))
        #expect(CalendarDay(parsing: "1997-02-29") == nil)
        #expect(CalendarDay(parsing: "19971301") == nil)
        #expect(CalendarDay(parsing: "1997/01/01") == nil)
        #expect(CalendarDay(parsing: "97-1-1") == nil)
        #expect(CalendarDay(parsing: "") == nil)
        #expect(CalendarDay(parsing: "2000-02-30") == nil)
    }

    @Test func componentsRoundTripOverFourCenturies() throws {
        for n in stride(from: -150_000, through: 150_000, by: 997) {
            let day = CalendarDay(dayNumber: n)
            let (y, m, d) = day.components
            #expect(CalendarDay(year: y, month: m, day: d) == day)
        }
        #expect(try #require(CalendarDay(year: 1997, month: 3, day: 25)).month == "1997-03")
    }
}
