// Permutation importance of a fitted model on a given data set.
//
// Goals: scikit-learn's `permutation_importance` (Breiman, "Random Forests", Machine Learning
// 2001; Fisher, Rudin & Dominici, JMLR 2019): the importance of feature j is the drop of a score
// when column j is shuffled, averaged over repeats (the standard deviation is the population
// one, as numpy's). Shuffles are Fisher-Yates with unbiased bounded integers (Lemire, ACM TOMACS
// 2019) drawn from the caller's generator, so a seeded generator gives the same result on every
// machine. A feature the tree never splits on cannot change a prediction: its importance is 0
// and it draws no random numbers.

import _ChurnKitCore
import LinearAlgebra

/// Permutation importances: the score drop when each feature is shuffled.
public struct PermutationImportance: Sendable, Codable, Equatable {
    /// The score on the unshuffled data.
    public let baselineScore: Double
    /// Mean score drop per feature.
    public let means: [Double]
    /// Population standard deviation of the drops per feature.
    public let standardDeviations: [Double]
    /// The drop of every repeat, per feature.
    public let drops: [[Double]]
}

extension DecisionTreeModel {
    /// Permutation importance under any score (higher = better), e.g. ROC AUC.
    /// - Parameters:
    ///   - x: n x d features of the evaluation data.
    ///   - repeats: shuffles per feature (default 5, at least 1).
    ///   - generator: the source of randomness (use a seeded one for reproducible results).
    ///   - score: the score of the model on a matrix (same rows, same order as `x`).
    /// - Returns: the importances.
    /// - Throws: `DecisionTreeError.invalidParameter` for `repeats < 1`, `.dimensionMismatch` for
    ///   a matrix of the wrong width, and whatever `score` throws.
    /// - Complexity: O(d repeats (n + cost of score)).
    public func permutationImportance<G: RandomNumberGenerator>(
        _ x: Matrix, repeats: Int = 5, using generator: inout G, score: (Matrix) throws -> Double
    ) throws -> PermutationImportance {
        guard repeats >= 1 else {
            throw DecisionTreeError.invalidParameter(name: "repeats", value: "\(repeats)", requirement: "must be at least 1")
        }
        let d = features.count
        guard x.columns == d else {
            throw DecisionTreeError.dimensionMismatch("X has \(x.columns) features, but the model expects \(d)")
        }
        let baseline = try score(x)
        let used = Set(nodes.compactMap { $0.split?.feature })
        var work = x
        var drops = [[Double]](repeating: [Double](repeating: 0, count: repeats), count: d)
        for j in 0..<d where used.contains(j) {
            let original = x.column(j)
            var column = original
            for r in 0..<repeats {
                SeededDraws.shuffle(&column, using: &generator)
                for i in 0..<x.rows { work[i, j] = column[i] }
                drops[j][r] = baseline - (try score(work))
            }
            for i in 0..<x.rows { work[i, j] = original[i] }
        }
        let means = drops.map { $0.reduce(0, +) / Double(repeats) }
        let deviations = zip(drops, means).map { values, mean in
            (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(repeats)).squareRoot()
        }
        return PermutationImportance(baselineScore: baseline, means: means, standardDeviations: deviations, drops: drops)
    }

    /// Permutation importance under accuracy (scikit-learn's default score for classifiers).
    /// - Parameters:
    ///   - x: n x d features of the evaluation data.
    ///   - y: n class labels.
    ///   - repeats: shuffles per feature (default 5).
    ///   - generator: the source of randomness.
    /// - Returns: the importances.
    /// - Throws: `DecisionTreeError.dimensionMismatch` when sizes disagree, `.invalidParameter` for `repeats < 1`.
    /// - Complexity: O(d repeats n depth).
    public func permutationImportance<G: RandomNumberGenerator>(
        _ x: Matrix, classes y: [Int], repeats: Int = 5, using generator: inout G
    ) throws -> PermutationImportance {
        guard y.count == x.rows else {
            throw DecisionTreeError.dimensionMismatch("x has \(x.rows) rows, but y has \(y.count) labels")
        }
        return try permutationImportance(x, repeats: repeats, using: &generator) { shuffled in
            let predicted = try predict(shuffled)
            let hits = zip(predicted, y).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
            return Double(hits) / Double(max(y.count, 1))
        }
    }
}
