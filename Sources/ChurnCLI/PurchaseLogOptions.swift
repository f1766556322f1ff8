import ArgumentParser
import ChurnKit
import Foundation

/// `--customer`, `--date`, `--amount` and `--whitespace`: where a purchase log keeps its columns,
/// shared by `churn rfm` and `churn lifetime fit | predict`.
///
/// A CSV log (its first line holds a comma) names its columns; a whitespace-separated log (the
/// CDNOW sample as published, or any file given `--whitespace`) has no header and takes 1-based
/// field positions, defaulting to CDNOW's customer 2, date 3, amount 5.
struct PurchaseLogOptions: ParsableArguments {
    @Option(help: "The customer id column (a CSV column name, or a 1-based field position in a whitespace-separated log; default there 2).")
    var customer: String?

    @Option(help: "The purchase date column, dates YYYY-MM-DD or YYYYMMDD (whitespace-separated default 3).")
    var date: String?

    @Option(help: "The amount column, non-negative numbers (whitespace-separated default 5).")
    var amount: String?

    @Flag(help: "Read the log as headerless whitespace-separated fields (detected when the first line has no comma).")
    var whitespace = false

    /// The layout of the log at `path`: CSV with the named columns, or whitespace-separated positions.
    /// - Throws: `CommandError` for a missing CSV column option or a position that is not a whole number ≥ 1.
    func layout(of path: String) throws -> TransactionLogLayout {
        let csv = try firstLineHasComma(path)
        if whitespace || !csv {
            func position(_ text: String?, _ option: String, _ fallback: Int) throws -> Int {
                guard let text else { return fallback }
                guard let value = Int(text), value >= 1 else {
                    throw CommandError("\(path) is whitespace-separated (no header): --\(option) must be a field position 1, 2, ..., not \"\(text)\"")
                }
                return value
            }
            return .whitespace(
                customer: try position(customer, "customer", 2), date: try position(date, "date", 3), amount: try position(amount, "amount", 5))
        }
        guard let customer, let date, let amount else {
            let missing = [("--customer", customer), ("--date", date), ("--amount", amount)].filter { $0.1 == nil }.map(\.0)
            throw CommandError("\(path) is a CSV file: give \(missing.joined(separator: ", ")) (column names from its header)")
        }
        return .csv(customer: customer, date: date, amount: amount)
    }

    /// Reads the purchase log at `path`, reporting progress on standard error.
    /// - Throws: `CommandError` for the column options, `CustomerValueError` for the file (naming line and column).
    func read(_ path: String) throws -> TransactionLog {
        let start = Date()
        let log = try TransactionLog(contentsOf: path, layout: try layout(of: path))
        let customers = Set(log.transactions.map(\.customer)).count
        printError("read \(path): \(log.transactions.count) purchases of \(customers) customers (\(elapsed(since: start)))")
        return log
    }

    /// Whether the first non-empty line of the file holds a comma.
    private func firstLineHasComma(_ path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandError("\(path): cannot open the purchase log")
        }
        defer { try? handle.close() }
        let head = handle.readData(ofLength: 1 << 16)
        let line = head.split(separator: UInt8(ascii: "\n")).first { !$0.allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 } }
        return line?.contains(UInt8(ascii: ",")) ?? false
    }
}

/// Parses a date option, `YYYY-MM-DD` or `YYYYMMDD`.
/// - Throws: `ValidationError` naming the option.
func parseDay(_ text: String, option: String) throws -> CalendarDay {
    guard let day = CalendarDay(parsing: text) else {
        throw ValidationError("--\(option) must be a date YYYY-MM-DD or YYYYMMDD, not \"\(text)\"")
    }
    return day
}
