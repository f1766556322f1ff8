// Calendar dates as day numbers, for purchase logs.
//
// Goal: exact day arithmetic (recency, age, hold-out windows) without time zones or Foundation
// calendars. A date is the count of days since 1970-01-01 in the proleptic Gregorian calendar,
// by the days-from-civil algorithm of H. Hinnant ("chrono-Compatible Low-Level Date Algorithms").

/// A calendar day: the number of days since 1970-01-01 (proleptic Gregorian calendar).
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int

    /// Creates a day from its day number.
    /// - Parameter dayNumber: Days since 1970-01-01.
    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// Creates a day from a year, month and day of month, or nil when that day does not exist.
    /// - Parameters:
    ///   - year: The year, 1 to 9999.
    ///   - month: The month, 1 to 12.
    ///   - day: The day of the month.
    /// - Complexity: O(1).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= CalendarDay.daysInMonth(year: year, month: month) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        dayNumber = era * 146_097 + dayOfEra - 719_468
    }

    /// Parses `YYYY-MM-DD` or `YYYYMMDD` (spaces around it allowed).
    /// - Parameter text: The date text.
    /// - Returns: The day, or nil when the text is not such a date or names a day that does not exist.
    /// - Complexity: O(text length).
    public init?(parsing text: some StringProtocol) {
        let digits = Array(text.utf8.drop { $0 == 32 || $0 == 9 }.reversed().drop { $0 == 32 || $0 == 9 }.reversed())
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in digits[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        let parts: (Range<Int>, Range<Int>, Range<Int>)
        if digits.count == 8 {
            parts = (0..<4, 4..<6, 6..<8)
        } else if digits.count == 10, digits[4] == 45, digits[7] == 45 {
            parts = (0..<4, 5..<7, 8..<10)
        } else {
            return nil
        }
        guard let y = number(parts.0), let m = number(parts.1), let d = number(parts.2) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The year, month and day of month.
    /// - Complexity: O(1).
    public var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The ISO form, `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// The month, `YYYY-MM` (a purchase cohort).
    public var month: String { String(description.prefix(7)) }

    /// Orders days chronologically.
    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// The number of days in a month of the Gregorian calendar.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
