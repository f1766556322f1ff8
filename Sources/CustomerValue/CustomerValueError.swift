import Tabular

/// Errors of the customer-value module: bad purchase logs and data a model cannot be fitted to.
/// Every input error names the file, the 1-based line and the column.
public enum CustomerValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The CSV reader failed (malformed file, missing column, a non-number in the amount column).
    case csv(CSVError)
    /// The log file could not be read.
    case cannotRead(file: String, reason: String)
    /// A column named by the options is not in the file's header.
    case missingColumn(file: String, column: String, available: [String])
    /// A line has fewer whitespace-separated fields than the column position needs.
    case missingField(file: String, line: Int, column: Int, found: Int)
    /// A date is neither YYYY-MM-DD nor YYYYMMDD, or names a day that does not exist.
    case invalidDate(file: String, line: Int, column: String, value: String)
    /// An amount is not a number.
    case invalidAmount(file: String, line: Int, column: String, value: String)
    /// An amount is negative (returns belong in a separate log).
    case negativeAmount(file: String, line: Int, column: String, value: Double)
    /// A customer id field is empty.
    case emptyCustomer(file: String, line: Int, column: String)
    /// The log holds no transaction.
    case noTransactions(file: String)
    /// Every purchase of `customer` is after the calibration end, so the customer has no
    /// calibration history (pass `excludeNewCustomers` to drop such customers instead).
    case customerAfterCutoff(file: String, line: Int, column: String, customer: String, firstPurchase: String, cutoff: String)
    /// No customer has a purchase on or before the cut-off.
    case noCustomersBeforeCutoff(cutoff: String)
    /// The hold-out end is before the calibration end.
    case invalidPeriod(String)
    /// Fitting inputs are inconsistent (lengths, negative or non-integer counts, recency > age).
    case invalidInput(String)
    /// The likelihood could not be maximised (reported with the optimiser's reason).
    case fitFailed(model: String, reason: String)

    /// A one-line explanation naming what is wrong and where.
    public var description: String {
        switch self {
        case .csv(let error): return error.description
        case .cannotRead(let file, let reason): return "\(file): cannot read: \(reason)"
        case .missingColumn(let file, let column, let available):
            return "\(file): no column \"\(column)\" (columns: \(available.joined(separator: ", ")))"
        case .missingField(let file, let line, let column, let found):
            return "\(file): line \(line), column \(column): the line has only \(found) fields"
        case .invalidDate(let file, let line, let column, let value):
            return "\(file): column \"\(column)\", line \(line): \"\(value)\" is not a date (YYYY-MM-DD or YYYYMMDD)"
        case .invalidAmount(let file, let line, let column, let value):
            return "\(file): column \"\(column)\", line \(line): \"\(value)\" is not an amount"
        case .negativeAmount(let file, let line, let column, let value):
            return "\(file): column \"\(column)\", line \(line): the amount \(value) is negative"
        case .emptyCustomer(let file, let line, let column):
            return "\(file): column \"\(column)\", line \(line): the customer id is empty"
        case .noTransactions(let file): return "\(file): the log holds no transaction"
        case .customerAfterCutoff(let file, let line, let column, let customer, let first, let cutoff):
            return "\(file): column \"\(column)\", line \(line): customer \"\(customer)\" first buys on \(first), "
                + "after the calibration end \(cutoff), so it has no calibration history "
                + "(choose a later cut-off or exclude new customers)"
        case .noCustomersBeforeCutoff(let cutoff): return "no customer buys on or before the cut-off \(cutoff)"
        case .invalidPeriod(let message): return message
        case .invalidInput(let message): return message
        case .fitFailed(let model, let reason): return "\(model) fit failed: \(reason)"
        }
    }
}
