/// Errors about table structure and column contents (as opposed to CSV syntax, see `CSVError`).
public enum TabularError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Two columns share a name.
    case duplicateColumn(name: String)
    /// A column has `count` rows where the table has `expected`.
    case lengthMismatch(name: String, count: Int, expected: Int)
    /// No column is called `name`.
    case missingColumn(name: String, available: [String])
    /// A column's contents are inconsistent or unusable for the requested operation.
    case invalidColumn(name: String, reason: String)
    /// An argument is out of its valid range (a fraction, a fold count, ...).
    case invalidArgument(String)
    /// A label that was not seen when an encoder was fitted (with `UnknownCategoryPolicy.error`).
    case unknownCategory(column: String, label: String, row: Int, known: [String])
    /// A numeric value is infinite, or a computed feature overflows (`row` is 0-based).
    case nonFiniteValue(column: String, row: Int, value: Double)

    /// A one-line human-readable explanation.
    public var description: String {
        switch self {
        case .duplicateColumn(let name):
            return "column \"\(name)\" appears more than once"
        case .lengthMismatch(let name, let count, let expected):
            return "column \"\(name)\" has \(count) rows, but the table has \(expected)"
        case .missingColumn(let name, let available):
            let shown = available.prefix(30).map { "\"\($0)\"" }.joined(separator: ", ")
            let more = available.count > 30 ? ", ..." : ""
            return "no column \"\(name)\"; the columns are \(shown)\(more)"
        case .invalidColumn(let name, let reason):
            return "column \"\(name)\": \(reason)"
        case .invalidArgument(let message):
            return message
        case .unknownCategory(let column, let label, let row, let known):
            let shown = known.prefix(20).map { "\"\($0)\"" }.joined(separator: ", ")
            let more = known.count > 20 ? ", ..." : ""
            return "column \"\(column)\", row \(row) (0-based): \"\(label)\" was not seen when the encoder was fitted; "
                + "the known labels are \(shown)\(more)"
        case .nonFiniteValue(let column, let row, let value):
            return "column \"\(column)\", row \(row) (0-based): \(value) is not a finite number"
        }
    }
}
