import LinearAlgebra

/// Errors raised by the Experiments module when a design, an assignment or outcomes cannot be used.
///
/// Every case says what is wrong and where (tier, arm, row, id, path), so the one-line
/// ``description`` can be shown to a user as is.
public enum ExperimentsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The shares of a tier (control plus arms) do not sum to 1.
    case sharesDoNotSumToOne(tier: String, sum: Double)
    /// A share or fraction is negative, NaN or above 1.
    case invalidShare(tier: String, group: String, value: Double)
    /// A design names the same arm or tier twice, or uses a reserved name.
    case duplicateName(kind: String, name: String)
    /// A value names an arm that the design does not have.
    case unknownArm(name: String, row: Int)
    /// A value names a tier that the design does not have.
    case unknownTier(name: String, row: Int)
    /// The same customer id appears twice.
    case duplicateID(id: String, firstRow: Int, row: Int)
    /// Two parallel inputs have different lengths.
    case lengthMismatch(argument: String, count: Int, expected: Int)
    /// A number is NaN or infinite where a finite value is needed.
    case nonFiniteValue(argument: String, index: Int, value: Double)
    /// A count or size is impossible (negative, or more events than customers).
    case invalidCount(argument: String, value: Int, reason: String)
    /// A parameter is outside its valid range.
    case invalidArgument(name: String, value: String, reason: String)
    /// There is nothing to work on.
    case emptyInput(String)
    /// The output file exists and `force` was not given.
    case outputExists(path: String)
    /// A file could not be read or written.
    case fileError(path: String, reason: String)
    /// A file's content could not be parsed.
    case malformedFile(path: String, line: Int, reason: String)
    /// A learner given to an uplift model failed.
    case learnerFailed(group: String, reason: String)
    /// A user-given number is out of range or sizes more memory than the machine has.
    case limit(InputLimitError)

    /// A one-line human-readable explanation.
    public var description: String {
        switch self {
        case .sharesDoNotSumToOne(let tier, let sum):
            return "tier \"\(tier)\": control and arm shares sum to \(sum), but must sum to 1"
        case .invalidShare(let tier, let group, let value):
            return "tier \"\(tier)\", group \"\(group)\": share \(value) is not in [0, 1]"
        case .duplicateName(let kind, let name):
            return "\(kind) \"\(name)\" is given more than once (or is a reserved name)"
        case .unknownArm(let name, let row):
            return "row \(row): arm \"\(name)\" is not in the design"
        case .unknownTier(let name, let row):
            return "row \(row): tier \"\(name)\" is not in the design"
        case .duplicateID(let id, let firstRow, let row):
            return "customer id \"\(id)\" appears on row \(firstRow) and again on row \(row)"
        case .lengthMismatch(let argument, let count, let expected):
            return "\(argument) has \(count) values, but \(expected) were expected"
        case .nonFiniteValue(let argument, let index, let value):
            return "\(argument)[\(index)] is \(value); a finite number is required"
        case .invalidCount(let argument, let value, let reason):
            return "\(argument) = \(value): \(reason)"
        case .invalidArgument(let name, let value, let reason):
            return "\(name) = \(value): \(reason)"
        case .emptyInput(let what):
            return "no data: \(what)"
        case .outputExists(let path):
            return "\(path) already exists and is not overwritten without force (--force)"
        case .fileError(let path, let reason):
            return "\(path): \(reason)"
        case .malformedFile(let path, let line, let reason):
            return "\(path), line \(line): \(reason)"
        case .learnerFailed(let group, let reason):
            return "the learner failed on the \(group) group: \(reason)"
        case .limit(let error):
            return error.description
        }
    }
}
