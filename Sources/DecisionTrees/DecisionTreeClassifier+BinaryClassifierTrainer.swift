import ModelProtocols

extension ModelKind {
    /// A CART decision tree (`DecisionTreeModel`), `"tree"` in model files.
    public static let decisionTree: ModelKind = "tree"
}

/// A tree trains through `fit(_:_:features:sampleWeights:)`, which this conformance names.
extension DecisionTreeClassifier: BinaryClassifierTrainer {
    /// `.native`: raw numbers (NaN routed at each split) and category codes split natively.
    public var inputEncoding: InputEncoding { .native }
}
