import LinearAlgebra

/// The hyperparameters of a binary classifier: `fit` validates them, trains on an encoded feature
/// matrix and returns an immutable fitted model. There is no "not fitted" state.
///
/// This is scikit-learn's estimator contract in Swift: a `Sendable` value of hyperparameters with
/// defaults (`LogisticRegression(l2: 1)`, `DecisionTreeClassifier(maxDepth: 5)`), a `fit` that does
/// not change it, a fitted model (`Model`) that scores. Pipelines, cross-validation, calibration
/// and the uplift models train through it (wrapped in `ModelSpecification` in Pipelines), so a new
/// model family, or a user's own classifier, joins them by conforming.
public protocol BinaryClassifierTrainer<Model>: Sendable {
    /// The fitted model `fit` returns.
    associatedtype Model: BinaryClassifier

    /// How the trainer wants a table's columns encoded into the matrix it fits on; a pipeline
    /// builds its encoder from it. The default is `.standardized`.
    var inputEncoding: InputEncoding { get }

    /// Fits a model.
    /// - Parameters:
    ///   - x: n x d features, encoded as `inputEncoding` says.
    ///   - y: n labels, `true` for the positive class (for churn: churned).
    ///   - features: the names and (for categorical codes) levels of the d columns, or nil when
    ///     unknown (all numeric).
    ///   - sampleWeights: n finite non-negative weights, or nil for all ones.
    /// - Returns: the fitted model.
    /// - Throws: the trainer's error for invalid hyperparameters, mismatched lengths, empty or
    ///   non-finite input, a single class, or a failed fit.
    /// - Complexity: the model family's.
    func fit(_ x: Matrix, _ y: [Bool], features: [FeatureDescription]?, sampleWeights: [Double]?) throws -> Model
}

extension BinaryClassifierTrainer {
    /// `.standardized`: imputed, one-hot and standardized features, what most classifiers expect.
    public var inputEncoding: InputEncoding { .standardized }
}
