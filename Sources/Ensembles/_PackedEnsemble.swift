// Scoring many trees at once.
//
// Goals: an ensemble of T trees scores n rows in one pass over the matrix: rows are taken in blocks
// small enough to stay in cache (256 rows x d values), every tree walks the whole block (DecisionTrees'
// branch-free lockstep walk, 8 rows at a time), and the blocks run on all cores. Each row's sum adds
// the trees' values in tree order, so the result does not depend on the number of threads.

import _ChurnKitCore
import DecisionTrees
import LinearAlgebra

/// The packed trees of an ensemble and their depths.
struct _PackedEnsemble: Sendable {
    /// Rows scored together by every tree.
    static let blockSize = 256

    let trees: [_PackedTree]
    let depths: [Int]

    /// Packs trees given as preorder splits and node values.
    /// - Parameters:
    ///   - trees: per tree, the splits (`nil` for a leaf) and the values of its nodes.
    ///   - features: the model's features.
    init(_ trees: [(splits: [TreeSplit?], values: [Double])], features: [TreeFeature]) {
        self.trees = trees.map { _PackedTree(splits: $0.splits, values: $0.values, features: features) }
        self.depths = trees.map { _TreeStructure.depth($0.splits) }
    }

    /// Per row, `initial` plus the sum of the values of the leaves it reaches in trees `trees`.
    /// - Parameters:
    ///   - x: n x d features (d checked by the caller).
    ///   - initial: the starting value of every sum.
    ///   - trees: the trees to sum (default all).
    /// - Returns: n sums.
    /// - Complexity: O(n T depth), on all cores for large n.
    func sums(_ x: Matrix, initial: Double, trees range: Range<Int>? = nil) -> [Double] {
        let n = x.rows, d = x.columns
        let range = range ?? 0..<trees.count
        var out = [Double](repeating: initial, count: n)
        let blockSize = Self.blockSize
        let blocks = (n + blockSize - 1) / blockSize
        x.withUnsafeBufferPointer { data in
            out.withUnsafeMutableBufferPointer { out in
                concurrentForEach(blocks, concurrently: n >= 8 * blockSize) { block in
                    let lo = block * blockSize, hi = min(n, lo + blockSize)
                    let rows = UnsafeBufferPointer(rebasing: data[(lo * d)..<(hi * d)])
                    var leaves = [Int32](repeating: 0, count: hi - lo)
                    leaves.withUnsafeMutableBufferPointer { leaves in
                        for t in range {
                            let tree = trees[t]
                            tree.nodes.withUnsafeBufferPointer { nodes in
                                tree.levelBits.withUnsafeBufferPointer { bits in
                                    _PackedTree.leaves(
                                        of: rows, rows: 0..<(hi - lo), columns: d, steps: depths[t], nodes: nodes,
                                        bits: bits, into: leaves)
                                    for i in 0..<(hi - lo) { out[lo + i] += nodes[Int(leaves[i])].positive }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
