/// Errors of the DecisionTrees module: bad hyperparameters, bad training data, bad input at
/// prediction time. Row and feature indices in messages are 0-based.
public enum DecisionTreeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A hyperparameter is out of its valid range (`name`, the offending value, the rule).
    case invalidParameter(name: String, value: String, requirement: String)
    /// The data has no rows, or no features.
    case emptyData(String)
    /// Two inputs disagree in length or width (`what` says which).
    case dimensionMismatch(String)
    /// The target has a single class, so there is nothing to separate.
    case singleClass(label: Int, rows: Int)
    /// A class label is negative or not below the class count.
    case invalidLabel(row: Int, label: Int, classCount: Int)
    /// A feature value is infinite (NaN is allowed and means missing).
    case nonFiniteValue(feature: String, row: Int, value: Double)
    /// A categorical feature holds something other than a level code 0..<levels or NaN.
    case invalidCategoryCode(feature: String, row: Int, value: Double, levelCount: Int)
    /// A categorical feature has more levels than histogram search supports.
    case tooManyLevels(feature: String, count: Int, maximum: Int)
    /// A sample weight is negative or not finite, or all weights are zero.
    case invalidSampleWeight(row: Int?, value: Double)
    /// The tree's probabilities of a positive class were asked for a model with more than two classes.
    case notBinary(classCount: Int)

    /// The row a data error is about, if any.
    var row: Int {
        switch self {
        case .nonFiniteValue(_, let row, _), .invalidCategoryCode(_, let row, _, _), .invalidLabel(let row, _, _): return row
        default: return Int.max
        }
    }

    /// A one-line human-readable explanation.
    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let requirement):
            return "\(name) is \(value), but it \(requirement)"
        case .emptyData(let message):
            return message
        case .dimensionMismatch(let message):
            return message
        case .singleClass(let label, let rows):
            return "the target has a single class (\(label)) in its \(rows) rows; a tree needs at least two classes"
        case .invalidLabel(let row, let label, let classCount):
            return "row \(row): class label \(label) is not in 0..<\(classCount)"
        case .nonFiniteValue(let feature, let row, let value):
            return "feature \"\(feature)\", row \(row): \(value) is not finite (use NaN for a missing value)"
        case .invalidCategoryCode(let feature, let row, let value, let levelCount):
            return "feature \"\(feature)\", row \(row): \(value) is not a level code 0..<\(levelCount) or NaN"
        case .tooManyLevels(let feature, let count, let maximum):
            return "feature \"\(feature)\" has \(count) levels, but histogram split search supports at most \(maximum); "
                + "use SplitSearch.exact or merge rare levels"
        case .invalidSampleWeight(let row, let value):
            if let row { return "sample weight of row \(row) is \(value), but weights must be finite and >= 0" }
            return "the sample weights sum to \(value); at least one must be positive"
        case .notBinary(let classCount):
            return "the model has \(classCount) classes; the probability of a positive class needs exactly 2"
        }
    }
}
