import LinearAlgebra

/// Errors of the linear models: invalid input to `fit`, scoring with the wrong shape, and
/// inference that is not defined. Every message is one line and says what and where.
///
/// Non-convergence is not an error: it is a `LogisticRegressionWarning` on the fitted model.
public enum LinearModelsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// X has `rows` rows but y (or the sample weights) has `count` entries; `what` names the array.
    case lengthMismatch(what: String, rows: Int, count: Int)
    /// The target holds a single class (with positive weight); `label` is that class.
    case singleClass(label: Bool)
    /// X holds NaN or an infinity at (`row`, `column`), both zero-based.
    case nonFiniteFeature(row: Int, column: Int, value: Double)
    /// The linear predictor of `row` overflows although every feature is finite.
    case overflow(row: Int)
    /// A sample weight is negative or not finite.
    case invalidSampleWeight(index: Int, value: Double)
    /// An unpenalized fit with at least as many coefficients as rows: the optimum is not unique.
    case penaltyRequired(rows: Int, coefficients: Int)
    /// A hyperparameter is out of its range; `requirement` says what is allowed.
    case invalidHyperparameter(name: String, value: String, requirement: String)
    /// X is empty in a way that leaves nothing to fit or score; the message says how.
    case emptyInput(String)
    /// X has `got` columns, but the model was fitted on `expected` features.
    case featureCountMismatch(got: Int, expected: Int)
    /// A caller-provided output buffer has `got` elements where `expected` are needed.
    case outputSizeMismatch(got: Int, expected: Int)
    /// The Hessian at the optimum is singular: `terms` take part in an exact (or numerically
    /// exact) collinearity, or have zero curvature (a constant-zero column), so their standard
    /// errors are not defined.
    case singularHessian(terms: [LogisticTerm])
    /// The inference table was not computed at fit time; `reason` says why.
    case inferenceUnavailable(reason: String)
    /// A linear algebra routine failed (a bug or resource failure; input errors are caught earlier).
    case linearAlgebra(LinearAlgebraError)

    /// A one-line human-readable explanation, columns named "feature j".
    public var description: String { description(featureNames: []) }

    /// A one-line explanation with the columns of X named by `featureNames`.
    /// - Parameter names: the names of the columns of X ("column j" / "feature j" beyond it).
    /// - Returns: the message.
    /// - Complexity: O(d).
    public func description(featureNames names: [String]) -> String {
        switch self {
        case .lengthMismatch(let what, let rows, let count):
            return "X has \(rows) rows, but \(what) has \(count) entries"
        case .singleClass(let label):
            return "the target has only one class: every label with positive weight is \(label); "
                + "logistic regression needs both classes"
        case .nonFiniteFeature(let row, let column, let value):
            let name = column < names.count ? "\(names[column]) (column \(column))" : "column \(column)"
            return "X row \(row), \(name) is \(value); features must be finite numbers"
        case .overflow(let row):
            return "X row \(row): the linear predictor overflows (features of magnitude near 1e308)"
        case .invalidSampleWeight(let index, let value):
            return "sample weight \(index) is \(value); weights must be finite and non-negative"
        case .penaltyRequired(let rows, let coefficients):
            return "X has \(rows) rows for \(coefficients) coefficients: more coefficients than rows "
                + "needs a penalty (set l2 > 0)"
        case .invalidHyperparameter(let name, let value, let requirement):
            return "\(name) is \(value), but it must be \(requirement)"
        case .emptyInput(let message):
            return message
        case .featureCountMismatch(let got, let expected):
            return "X has \(got) features, but the model expects \(expected)"
        case .outputSizeMismatch(let got, let expected):
            return "the output buffer has \(got) elements, but \(expected) are needed (one per row of X)"
        case .singularHessian(let terms):
            let list = terms.map { names.isEmpty ? $0.description : $0.name(featureNames: names) }.joined(separator: ", ")
            return "the Hessian is singular: \(list) \(terms.count == 1 ? "is" : "are") collinear with other terms "
                + "(or constant zero); "
                + "drop them or set l2 > 0"
        case .inferenceUnavailable(let reason):
            return "no inference table: \(reason)"
        case .linearAlgebra(let error):
            return "linear algebra failure: \(error)"
        }
    }
}
