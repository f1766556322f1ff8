import LinearAlgebra

/// A fitted binary classifier: it scores the rows of an encoded feature matrix with the
/// probability of the positive class (for churn: churned).
///
/// This is the contract a pipeline, cross-validation, calibration and the uplift meta-learners
/// score through, as scikit-learn's `predict_proba` / `decision_function` pair. A fitted model is
/// immutable and `Sendable`: one model scores from many threads.
///
/// Conform a model family by implementing `featureCount` and `predictProbabilities(_:)`; implement
/// `decisionFunction(_:)` when the model has a margin (log-odds) of its own.
public protocol BinaryClassifier: Sendable {
    /// The number of columns (d) of the matrices the model scores.
    var featureCount: Int { get }

    /// The probability of the positive class for every row of `x`.
    /// - Parameter x: n x d features, encoded as for the fit.
    /// - Returns: n probabilities in [0, 1].
    /// - Throws: the model's error when `x` does not have `featureCount` columns or holds values
    ///   the model cannot score.
    /// - Complexity: the model's; O(n d) for a linear model, O(n depth) for a tree.
    func predictProbabilities(_ x: Matrix) throws -> [Double]

    /// A score increasing with the probability of the positive class, on the model's own scale:
    /// the log-odds where the model has them (logistic regression's logit, a boosted ensemble's raw
    /// margin). A calibrator is fitted on it, as scikit-learn's `CalibratedClassifierCV` uses
    /// `decision_function` where a model has one; the default implementation returns
    /// `predictProbabilities(_:)`, as scikit-learn falls back to `predict_proba` (trees, forests).
    /// - Parameter x: n x d features, encoded as for the fit.
    /// - Returns: n scores.
    /// - Throws: as `predictProbabilities(_:)`.
    /// - Complexity: as `predictProbabilities(_:)`.
    func decisionFunction(_ x: Matrix) throws -> [Double]
}

extension BinaryClassifier {
    /// The probabilities (`predictProbabilities(_:)`), for models without a margin of their own.
    /// - Parameter x: n x d features.
    /// - Returns: n probabilities.
    /// - Throws: as `predictProbabilities(_:)`.
    /// - Complexity: as `predictProbabilities(_:)`.
    public func decisionFunction(_ x: Matrix) throws -> [Double] {
        try predictProbabilities(x)
    }
}
