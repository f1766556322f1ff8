// A fitted gradient-boosted model for a binary target: margins, probabilities, staged losses and
// its JSON form.
//
// Goals: the margin (log-odds) of a row is the base margin plus the values of the leaves it
// reaches, one per tree, summed in tree order; the probability is the logistic function of it
// (`LinearModels.logisticSigmoid`, overflow-free). Routing is the trees' (DecisionTrees' packed
// walk): x <= threshold goes left, NaN follows the learned missing-value direction. A decoded model
// is checked so that a corrupt file cannot make prediction loop or index out of bounds.

import DecisionTrees
import LinearAlgebra
import LinearModels

/// A fitted gradient-boosted tree model for a binary target (immutable, `Sendable`, `Codable`).
public struct GradientBoostingModel: Sendable, Codable, Equatable {
    /// The features the model expects, with their names and categorical levels.
    public let features: [TreeFeature]
    /// The starting margin of every row: the log-odds of the weighted base rate of the training rows.
    public let baseMargin: Double
    /// The learning rate the trees were grown with (their values include it).
    public let learningRate: Double
    /// The trees, in boosting order.
    public let trees: [EnsembleTree]
    /// The weighted mean log loss of the validation rows after each round (the learning curve),
    /// over every round grown, including those early stopping dropped; empty without validation rows.
    public let validationLoss: [Double]
    /// The packed trees used by prediction.
    let _packed: _PackedEnsemble

    /// Builds a model from checked trees.
    init(features: [TreeFeature], baseMargin: Double, learningRate: Double, trees: [EnsembleTree], validationLoss: [Double]) {
        self.features = features
        self.baseMargin = baseMargin
        self.learningRate = learningRate
        self.trees = trees
        self.validationLoss = validationLoss
        self._packed = _PackedEnsemble(
            trees.map { (splits: $0.nodes.map(\.split), values: $0.nodes.map(\.value)) }, features: features)
    }

    /// Gain and split count of each feature over all trees, in feature order.
    /// - Complexity: O(nodes).
    public var importances: [FeatureImportance] {
        FeatureImportance.summing(trees.map { $0.nodes.map(\.split) }, features: features)
    }

    /// The margin (log-odds of class 1) of each row.
    /// - Parameter x: n x d features, as in training (NaN = missing).
    /// - Returns: n margins.
    /// - Throws: `DecisionTreeError.dimensionMismatch` when x does not have d columns.
    /// - Complexity: O(n T depth), on all cores for large n.
    public func margins(_ x: Matrix) throws(DecisionTreeError) -> [Double] {
        try _checkWidth(x)
        return _packed.sums(x, initial: baseMargin)
    }

    /// Probability of class 1 (the positive class, e.g. churn) for each row.
    /// - Parameter x: n x d features, as in training (NaN = missing).
    /// - Returns: n probabilities.
    /// - Throws: `DecisionTreeError.dimensionMismatch` when x does not have d columns.
    /// - Complexity: O(n T depth).
    public func predictProbabilities(_ x: Matrix) throws(DecisionTreeError) -> [Double] {
        try margins(x).map(logisticSigmoid)
    }

    /// The weighted mean log loss of `y` after each round: the learning curve on any rows.
    /// - Parameters:
    ///   - x: n x d features.
    ///   - y: n labels.
    ///   - sampleWeights: n weights (default all 1).
    /// - Returns: `trees.count` losses (natural log).
    /// - Throws: `DecisionTreeError.dimensionMismatch` for inconsistent sizes, `.emptyData` for no rows.
    /// - Complexity: O(n T depth).
    public func stagedLogLoss(_ x: Matrix, _ y: [Bool], sampleWeights: [Double]? = nil) throws(DecisionTreeError) -> [Double] {
        try _checkWidth(x)
        guard x.rows > 0 else { throw .emptyData("cannot compute a learning curve on no rows") }
        guard y.count == x.rows else { throw .dimensionMismatch("x has \(x.rows) rows, but y has \(y.count) labels") }
        if let sampleWeights, sampleWeights.count != x.rows {
            throw .dimensionMismatch("x has \(x.rows) rows, but \(sampleWeights.count) sample weights were given")
        }
        var margins = [Double](repeating: baseMargin, count: x.rows)
        var losses: [Double] = []
        for t in trees.indices {
            let step = _packed.sums(x, initial: 0, trees: t..<(t + 1))
            for i in margins.indices { margins[i] += step[i] }
            losses.append(_meanLogLoss(margins: margins, labels: y, weights: sampleWeights))
        }
        return losses
    }

    func _checkWidth(_ x: Matrix) throws(DecisionTreeError) {
        guard x.columns == features.count else {
            throw .dimensionMismatch("X has \(x.columns) features, but the model expects \(features.count)")
        }
    }

    private enum CodingKeys: String, CodingKey { case features, baseMargin, learningRate, trees, validationLoss }

    /// Decodes a model and checks every tree.
    /// - Throws: `DecodingError.dataCorrupted` naming the faulty tree and node when a tree is malformed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let features = try c.decode([TreeFeature].self, forKey: .features)
        let baseMargin = try c.decode(Double.self, forKey: .baseMargin)
        let learningRate = try c.decode(Double.self, forKey: .learningRate)
        let trees = try c.decode([EnsembleTree].self, forKey: .trees)
        let validationLoss = try c.decodeIfPresent([Double].self, forKey: .validationLoss) ?? []
        guard baseMargin.isFinite else {
            throw DecodingError.dataCorruptedError(forKey: .baseMargin, in: c, debugDescription: "the base margin is not finite")
        }
        for (t, tree) in trees.enumerated() {
            if let problem = tree._structuralProblem(features: features) {
                throw DecodingError.dataCorruptedError(forKey: .trees, in: c, debugDescription: "tree \(t): \(problem)")
            }
        }
        self.init(
            features: features, baseMargin: baseMargin, learningRate: learningRate, trees: trees,
            validationLoss: validationLoss)
    }

    /// Encodes features, base margin, learning rate, trees and the learning curve.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(features, forKey: .features)
        try c.encode(baseMargin, forKey: .baseMargin)
        try c.encode(learningRate, forKey: .learningRate)
        try c.encode(trees, forKey: .trees)
        try c.encode(validationLoss, forKey: .validationLoss)
    }

    /// Equality of the stored model (the packed form follows from it).
    public static func == (a: GradientBoostingModel, b: GradientBoostingModel) -> Bool {
        a.features == b.features && a.baseMargin == b.baseMargin && a.learningRate == b.learningRate
            && a.trees == b.trees && a.validationLoss == b.validationLoss
    }
}

/// The weighted mean logistic loss of labels given margins.
/// - Complexity: O(n).
func _meanLogLoss(margins: [Double], labels: [Bool], weights: [Double]?) -> Double {
    var total = 0.0, weight = 0.0
    for i in margins.indices {
        let w = weights?[i] ?? 1
        total += w * logisticLoss(margins[i], label: labels[i])
        weight += w
    }
    return weight > 0 ? total / weight : 0
}
