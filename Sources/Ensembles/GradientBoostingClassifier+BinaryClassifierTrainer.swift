import LinearAlgebra
import ModelProtocols

extension ModelKind {
    /// Gradient-boosted trees (`GradientBoostingModel`), `"gbdt"` in model files.
    public static let gradientBoosting: ModelKind = "gbdt"
    /// A random forest (`RandomForestModel`), `"forest"` in model files.
    public static let randomForest: ModelKind = "forest"
}

/// The booster trains through `fit(_:_:features:sampleWeights:validation:)` without a validation
/// set (with `earlyStoppingRounds`, a `validationFraction` of the rows is set aside).
extension GradientBoostingClassifier: BinaryClassifierTrainer {
    /// `.native`: raw numbers (NaN routed at each split) and category codes.
    public var inputEncoding: InputEncoding { .native }

    /// Fits the model (see `fit(_:_:features:sampleWeights:validation:)`).
    /// - Throws: `DecisionTreeError` as that method.
    public func fit(_ x: Matrix, _ y: [Bool], features: [FeatureDescription]?, sampleWeights: [Double]?) throws
        -> GradientBoostingModel
    {
        try fit(x, y, features: features, sampleWeights: sampleWeights, validation: nil)
    }
}

/// The forest trains through `fit(_:_:features:sampleWeights:)`.
extension RandomForestClassifier: BinaryClassifierTrainer {
    /// `.native`: raw numbers (NaN routed at each split) and category codes.
    public var inputEncoding: InputEncoding { .native }
}

/// A boosted model scores through its probabilities, and its decision function is its margin.
extension GradientBoostingModel: BinaryClassifier, PersistableModel, FeatureImportanceReporting {
    /// `"gbdt"`.
    public static var kind: ModelKind { .gradientBoosting }

    /// The number of features (d) the model was fitted on.
    public var featureCount: Int { features.count }

    /// The margins (log-odds), as LightGBM's `raw_score`.
    /// - Throws: `DecisionTreeError.dimensionMismatch` when x does not have d columns.
    public func decisionFunction(_ x: Matrix) throws -> [Double] { try margins(x) }

    /// Each feature's share of the total split gain (zeros when no tree splits).
    public var featureImportances: [Double] { _normalizedGains(importances) }
}

/// A forest scores through its averaged probabilities (no margin of its own).
extension RandomForestModel: BinaryClassifier, PersistableModel, FeatureImportanceReporting {
    /// `"forest"`.
    public static var kind: ModelKind { .randomForest }

    /// The number of features (d) the model was fitted on.
    public var featureCount: Int { features.count }

    /// Each feature's share of the total split gain (zeros when no tree splits).
    public var featureImportances: [Double] { _normalizedGains(importances) }
}

/// Gains divided by their sum (zeros when the sum is 0).
func _normalizedGains(_ importances: [FeatureImportance]) -> [Double] {
    let total = importances.reduce(0) { $0 + $1.gain }
    return importances.map { total > 0 ? $0.gain / total : 0 }
}
