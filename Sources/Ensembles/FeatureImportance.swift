import DecisionTrees

/// How much an ensemble relies on one feature: the total gain of its splits and their number
/// (LightGBM's `importance_type="gain"` and `"split"`).
public struct FeatureImportance: Sendable, Codable, Equatable {
    /// The feature's name.
    public let feature: String
    /// The sum of the gains (boosted trees: loss reduction of the second-order approximation;
    /// forests: weighted impurity decrease) of the splits on the feature, over all trees.
    public let gain: Double
    /// The number of splits on the feature, over all trees.
    public let splitCount: Int

    /// Creates an importance.
    /// - Parameters:
    ///   - feature: the feature's name.
    ///   - gain: the total gain.
    ///   - splitCount: the number of splits.
    public init(feature: String, gain: Double, splitCount: Int) {
        self.feature = feature
        self.gain = gain
        self.splitCount = splitCount
    }

    /// The importances of `features` from the splits of `trees` (gain taken from `impurityDecrease`).
    /// - Complexity: O(nodes).
    static func summing(_ trees: [[TreeSplit?]], features: [TreeFeature]) -> [FeatureImportance] {
        var gains = [Double](repeating: 0, count: features.count)
        var counts = [Int](repeating: 0, count: features.count)
        for tree in trees {
            for case let split? in tree where split.feature >= 0 && split.feature < features.count {
                gains[split.feature] += split.impurityDecrease
                counts[split.feature] += 1
            }
        }
        return features.indices.map { FeatureImportance(feature: features[$0].name, gain: gains[$0], splitCount: counts[$0]) }
    }
}
