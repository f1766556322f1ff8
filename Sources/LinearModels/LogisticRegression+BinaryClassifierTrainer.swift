import LinearAlgebra
import ModelProtocols

extension ModelKind {
    /// Binary logistic regression (`LogisticRegressionModel`), `"logistic"` in model files.
    public static let logisticRegression: ModelKind = "logistic"
}

extension LogisticRegression: BinaryClassifierTrainer {
    /// `.standardized`: imputed, one-hot, standardized features (the penalty treats every
    /// coefficient alike, so features need comparable scales).
    public var inputEncoding: InputEncoding { .standardized }

    /// Fits the model as `fit(_:_:sampleWeights:)` does; the feature descriptions are only checked
    /// against the width of `x` (a linear model does not need names or levels to fit).
    /// - Parameters:
    ///   - x: n x d design matrix.
    ///   - y: n labels.
    ///   - features: d descriptions, or nil.
    ///   - sampleWeights: n finite non-negative weights, or nil for all ones.
    /// - Returns: the fitted model.
    /// - Throws: `LinearModelsError.featureCountMismatch` when `features` does not describe d
    ///   columns, and everything `fit(_:_:sampleWeights:)` throws.
    /// - Complexity: as `fit(_:_:sampleWeights:)`.
    public func fit(_ x: Matrix, _ y: [Bool], features: [FeatureDescription]?, sampleWeights: [Double]?)
        throws(LinearModelsError) -> LogisticRegressionModel
    {
        if let features, features.count != x.columns {
            throw .featureCountMismatch(got: features.count, expected: x.columns)
        }
        return try fit(x, y, sampleWeights: sampleWeights)
    }
}
