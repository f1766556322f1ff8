/// The description of one input feature of a model: its name and, for a categorical feature, its
/// levels. Trainers receive one per matrix column (`BinaryClassifierTrainer.fit`); trees keep
/// them (`TreeFeature` is this type) to split categories natively and to name features in rules.
///
/// A numeric feature holds real numbers; a categorical one holds level codes `0..<levels.count`
/// as `Double` (the ordinal encoding of Tabular's `FeatureEncoder`). NaN is a missing value in both.
/// The names and labels appear in text rules and Graphviz output.
public struct FeatureDescription: Sendable, Codable, Equatable, Hashable {
    /// The feature's name, e.g. `tenure_months` or `Contract`.
    public let name: String
    /// The labels of a categorical feature's codes (`levels[code]`); `nil` for a numeric feature.
    public let levels: [String]?

    /// Creates a feature description.
    /// - Parameters:
    ///   - name: the name shown in rules.
    ///   - levels: the level labels of a categorical feature, `nil` (default) for a numeric one.
    public init(name: String, levels: [String]? = nil) {
        self.name = name
        self.levels = levels
    }

    /// A numeric feature.
    /// - Parameter name: the name shown in rules.
    /// - Returns: the description.
    public static func numeric(_ name: String) -> FeatureDescription { FeatureDescription(name: name) }

    /// A categorical feature whose values are the codes of `levels`.
    /// - Parameters:
    ///   - name: the name shown in rules.
    ///   - levels: the label of each code.
    /// - Returns: the description.
    public static func categorical(_ name: String, levels: [String]) -> FeatureDescription {
        FeatureDescription(name: name, levels: levels)
    }

    /// True for a categorical feature.
    public var isCategorical: Bool { levels != nil }

    /// Default descriptions `feature_0`, `feature_1`, ... (all numeric), as scikit-learn names them.
    /// - Parameter count: the number of features (d).
    /// - Returns: `count` numeric features.
    public static func numbered(_ count: Int) -> [FeatureDescription] {
        (0..<max(count, 0)).map { .numeric("feature_\($0)") }
    }
}
