/// One term of a logistic model: the intercept or the coefficient of a feature (column of X).
public enum LogisticTerm: Sendable, Hashable, CustomStringConvertible {
    /// The intercept (constant term).
    case intercept
    /// The coefficient of column `index` (zero-based) of X.
    case feature(Int)

    /// `"intercept"` or `"feature 3"`.
    public var description: String {
        switch self {
        case .intercept: return "intercept"
        case .feature(let index): return "feature \(index)"
        }
    }

    /// The term's name for messages and tables: `(intercept)`, or the feature's name.
    /// - Parameter featureNames: the names of the columns of X; a column beyond them is "feature j".
    /// - Returns: the name.
    /// - Complexity: O(1).
    public func name(featureNames: [String]) -> String {
        switch self {
        case .intercept: return "(intercept)"
        case .feature(let index): return index >= 0 && index < featureNames.count ? featureNames[index] : "feature \(index)"
        }
    }
}
