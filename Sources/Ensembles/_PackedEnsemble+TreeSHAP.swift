// TreeSHAP for an ensemble: DecisionTrees' single-tree TreeSHAP (one implementation) run on each
// packed tree of the ensemble, summed. TreeSHAP is linear in the leaf values, so the Shapley
// values of a sum (a boosted margin) or a mean (a forest's probability) of trees are the sums of
// the trees' values, scaled; the expected value is the scaled sum of the trees' expected values.

import DecisionTrees
import LinearAlgebra

/// Which per-node statistic an ensemble's TreeSHAP weighs children by.
enum _TreeSHAPCover {
    /// The number of training rows of the tree that reached the node (LightGBM's `pred_contrib`).
    case sampleCount
    /// The node's `cover` (a forest's bootstrap-weighted rows, as scikit-learn's weighted counts).
    case cover
}

extension _PackedEnsemble {
    /// The TreeSHAP views of `trees`, routed by this ensemble's packed trees.
    /// - Parameters:
    ///   - trees: the ensemble's trees (the ones this was packed from, in the same order).
    ///   - features: the model's features.
    ///   - cover: the node statistic children are weighed by.
    /// - Returns: one view per tree.
    /// - Complexity: O(nodes).
    func _shapTrees(_ trees: [EnsembleTree], features: [TreeFeature], cover: _TreeSHAPCover) -> [TreeSHAPTree] {
        zip(trees, self.trees).map { tree, routing in
            TreeSHAPTree(
                splits: tree.nodes.map(\.split), values: tree.nodes.map(\.value),
                covers: tree.nodes.map { cover == .sampleCount ? Double($0.sampleCount) : $0.cover },
                features: features, routing: routing)
        }
    }

    /// The path-dependent TreeSHAP values of `scale` times the sum of the trees' outputs.
    /// - Parameters:
    ///   - x: n x d features (d checked by the caller).
    ///   - trees: the ensemble's trees.
    ///   - features: the model's features.
    ///   - cover: the node statistic children are weighed by.
    ///   - scale: the factor of every tree (1 for a boosted sum, 1 / T for a forest's mean).
    /// - Returns: n x d contributions and the scaled sum of the trees' expected values.
    /// - Throws: `DecisionTreeError.dimensionMismatch` when x does not have d columns.
    /// - Complexity: O(n Σ_t leaves_t depth_t²), on all cores for large n.
    func shapValues(
        _ x: Matrix, trees: [EnsembleTree], features: [TreeFeature], cover: _TreeSHAPCover, scale: Double
    ) throws(DecisionTreeError) -> TreeSHAPValues {
        var phi = [Double](repeating: 0, count: x.rows * x.columns)
        var expected = 0.0
        for tree in _shapTrees(trees, features: features, cover: cover) {
            try tree.accumulateContributions(x, scale: scale, into: &phi)
            expected += scale * tree.expectedValue
        }
        do {
            return TreeSHAPValues(contributions: try Matrix(rows: x.rows, columns: x.columns, values: phi), expectedValue: expected)
        } catch {
            throw .dimensionMismatch(error.description)
        }
    }
}
