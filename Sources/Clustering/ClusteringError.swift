import LinearAlgebra
import ModelMetrics
import Tabular

/// Errors raised by the clustering trainers, fitted models, k selection and segment profiles.
///
/// Every case names what is wrong and where (the parameter, the row and column, the column name,
/// the offending value), so that the one-line ``description`` can be shown to a user as is.
public enum ClusteringError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A hyperparameter or argument is out of its valid range.
    case invalidParameter(name: String, value: String, reason: String)
    /// The data has no rows or no feature columns.
    case emptyData(String)
    /// `X[row, column]` is NaN or infinite (0-based indices).
    case nonFiniteValue(row: Int, column: Int, value: Double)
    /// `k` clusters were requested but the data has fewer distinct rows.
    case tooFewDistinctRows(k: Int, distinct: Int)
    /// The data has `actual` features where `expected` are needed (the model's or the centroids').
    case featureCountMismatch(actual: Int, expected: Int, context: String)
    /// An array (labels, target) has `count` values where `expected` are needed.
    case lengthMismatch(argument: String, count: Int, expected: Int)
    /// A column cannot be used as asked (a categorical-only feature list, an unreadable target).
    case invalidColumn(name: String, reason: String)
    /// An error from the table layer (a missing column, ...).
    case tabular(TabularError)
    /// An error from the linear algebra layer (a dimension beyond the 32-bit range of BLAS, ...).
    case linearAlgebra(LinearAlgebraError)
    /// An error from a metric (the silhouette of a sample, ...).
    case metrics(MetricsError)

    /// A one-line human-readable explanation.
    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let reason):
            return "\(name) = \(value): \(reason)"
        case .emptyData(let message):
            return message
        case .nonFiniteValue(let row, let column, let value):
            return "X[row \(row), column \(column)] (0-based) is \(value); k-means needs finite features "
                + "(impute missing values first)"
        case .tooFewDistinctRows(let k, let distinct):
            return "k = \(k) clusters requested, but the data has only \(distinct) distinct rows; choose k <= \(distinct)"
        case .featureCountMismatch(let actual, let expected, let context):
            return "X has \(actual) features, but \(context) expects \(expected)"
        case .lengthMismatch(let argument, let count, let expected):
            return "\(argument) has \(count) values, but the data has \(expected) rows"
        case .invalidColumn(let name, let reason):
            return "column \"\(name)\": \(reason)"
        case .tabular(let error):
            return error.description
        case .linearAlgebra(let error):
            return error.description
        case .metrics(let error):
            return error.description
        }
    }
}
