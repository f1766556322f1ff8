import Tabular

/// Errors of the survival module: bad duration or event data, and models that cannot be fitted.
/// Input errors name the file, the 1-based line and the column.
public enum SurvivalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A column named by the caller is not in the table.
    case missingColumn(file: String, column: String, available: [String])
    /// A duration is missing, not a number, negative or infinite.
    case invalidDuration(file: String, line: Int, column: String, value: String)
    /// An event indicator is not 0/1 (or a yes/no, true/false pair).
    case invalidEvent(file: String, line: Int, column: String, value: String)
    /// A row has duration zero and an event: a lifetime of length zero.
    case zeroDurationEvent(file: String, line: Int, column: String)
    /// A covariate value is missing or not a number.
    case invalidCovariate(file: String, line: Int, column: String, value: String)
    /// A covariate cannot enter the model (constant, or collinear with the others).
    case unusableCovariate(String)
    /// Inputs are inconsistent (lengths, no rows, no events, bad options).
    case invalidInput(String)
    /// The model could not be fitted.
    case fitFailed(model: String, reason: String)

    /// A one-line explanation naming what is wrong and where.
    public var description: String {
        switch self {
        case .missingColumn(let file, let column, let available):
            return "\(file): no column \"\(column)\" (columns: \(available.joined(separator: ", ")))"
        case .invalidDuration(let file, let line, let column, let value):
            return "\(file): column \"\(column)\", line \(line): \"\(value)\" is not a duration (a finite number ≥ 0)"
        case .invalidEvent(let file, let line, let column, let value):
            return "\(file): column \"\(column)\", line \(line): \"\(value)\" is not an event indicator (0/1, yes/no or true/false)"
        case .zeroDurationEvent(let file, let line, let column):
            return "\(file): column \"\(column)\", line \(line): an event at duration 0 (a lifetime of length zero)"
        case .invalidCovariate(let file, let line, let column, let value):
            return "\(file): column \"\(column)\", line \(line): \"\(value)\" is not a number"
        case .unusableCovariate(let message): return message
        case .invalidInput(let message): return message
        case .fitFailed(let model, let reason): return "\(model) fit failed: \(reason)"
        }
    }
}
