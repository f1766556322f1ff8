// A fitted random forest for a binary target: probabilities averaged over the trees, importances,
// the out-of-bag estimate and its JSON form.

import DecisionTrees
import LinearAlgebra

/// A fitted random forest for a binary target (immutable, `Sendable`, `Codable`).
public struct RandomForestModel: Sendable, Codable, Equatable {
    /// The features the model expects, with their names and categorical levels.
    public let features: [TreeFeature]
    /// The trees; a leaf's value is the weighted fraction of positives of its drawn rows.
    public let trees: [EnsembleTree]
    /// The out-of-bag AUC and log loss of the training rows, or `nil` without bootstrap.
    public let outOfBag: OutOfBagEstimate?
    /// The packed trees used by prediction.
    let _packed: _PackedEnsemble

    /// Builds a model from checked trees.
    init(features: [TreeFeature], trees: [EnsembleTree], outOfBag: OutOfBagEstimate?) {
        self.features = features
        self.trees = trees
        self.outOfBag = outOfBag
        self._packed = _PackedEnsemble(
            trees.map { (splits: $0.nodes.map(\.split), values: $0.nodes.map(\.value)) }, features: features)
    }

    /// Gain (weighted squared-error decrease, half the weighted Gini decrease) and split count of
    /// each feature over all trees, in feature order.
    /// - Complexity: O(nodes).
    public var importances: [FeatureImportance] {
        FeatureImportance.summing(trees.map { $0.nodes.map(\.split) }, features: features)
    }

    /// Probability of class 1 for each row: the mean over the trees of the leaf values it reaches.
    /// - Parameter x: n x d features, as in training (NaN = missing).
    /// - Returns: n probabilities.
    /// - Throws: `DecisionTreeError.dimensionMismatch` when x does not have d columns.
    /// - Complexity: O(n T depth), on all cores for large n.
    public func predictProbabilities(_ x: Matrix) throws(DecisionTreeError) -> [Double] {
        guard x.columns == features.count else {
            throw .dimensionMismatch("X has \(x.columns) features, but the model expects \(features.count)")
        }
        let count = Double(max(trees.count, 1))
        return _packed.sums(x, initial: 0).map { $0 / count }
    }

    private enum CodingKeys: String, CodingKey { case features, trees, outOfBag }

    /// Decodes a model and checks every tree.
    /// - Throws: `DecodingError.dataCorrupted` naming the faulty tree and node when a tree is
    ///   malformed or a leaf value is not a probability.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let features = try c.decode([TreeFeature].self, forKey: .features)
        let trees = try c.decode([EnsembleTree].self, forKey: .trees)
        guard !trees.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .trees, in: c, debugDescription: "a forest needs at least one tree")
        }
        for (t, tree) in trees.enumerated() {
            if let problem = tree._structuralProblem(features: features) {
                throw DecodingError.dataCorruptedError(forKey: .trees, in: c, debugDescription: "tree \(t): \(problem)")
            }
            if let i = tree.nodes.firstIndex(where: { !($0.value >= 0 && $0.value <= 1) }) {
                throw DecodingError.dataCorruptedError(
                    forKey: .trees, in: c, debugDescription: "tree \(t): node \(i) has a value outside [0, 1]")
            }
        }
        self.init(features: features, trees: trees, outOfBag: try c.decodeIfPresent(OutOfBagEstimate.self, forKey: .outOfBag))
    }

    /// Encodes features, trees and the out-of-bag estimate.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(features, forKey: .features)
        try c.encode(trees, forKey: .trees)
        try c.encodeIfPresent(outOfBag, forKey: .outOfBag)
    }

    /// Equality of the stored model (the packed form follows from it).
    public static func == (a: RandomForestModel, b: RandomForestModel) -> Bool {
        a.features == b.features && a.trees == b.trees && a.outOfBag == b.outOfBag
    }
}
