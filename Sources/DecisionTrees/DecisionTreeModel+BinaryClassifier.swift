import ModelProtocols

/// A binary tree scores through `predictProbabilities(_:)` (its leaves' class-1 fractions) and has
/// no margin of its own, so its `decisionFunction(_:)` is the probability.
extension DecisionTreeModel: BinaryClassifier, PersistableModel, FeatureImportanceReporting {
    /// `"tree"`.
    public static var kind: ModelKind { .decisionTree }

    /// The number of features (d) the tree was fitted on.
    public var featureCount: Int { features.count }
}
