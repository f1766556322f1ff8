// Exact path-dependent TreeSHAP: Shapley values of a tree's output in polynomial time.
//
// Reference: S. M. Lundberg, G. G. Erion, S.-I. Lee, "Consistent Individualized Feature
// Attribution for Tree Ensembles", arXiv:1802.03888 (2018), Algorithm 2, in the 0-based form
// with the "unwound path sum" of its reference implementation.
//
// The game: v(S) = E[f(x) | x_S], the path-dependent conditional expectation: walking from the
// root, a split on a feature in S follows x, a split on any other feature takes both children
// weighted by their share of the node's cover (cover(child) / cover(node), 0 when the node has no
// cover). φ_i are the Shapley values of v, v(∅) is the expected value, and Σ φ_i + v(∅) = f(x)
// (local accuracy). Algorithm 2 keeps, along the path to each leaf, the unique features met with
// their "zero fraction" z (the product of cover shares on the path for that feature) and "one
// fraction" o (1 when x follows the path at every split on it, else 0), and the weights w_k of
// the subsets of size k of those features, updated in O(depth) per node (EXTEND) and undone in
// O(depth) (UNWIND) when a feature reappears; at a leaf each feature's φ grows by
// (o - z) v Σ_k w_k(path without it). Cost: O(leaves depth²) per row, O(depth²) memory.
//
// A child whose zero and one fractions are both 0 adds nothing to any φ (every subset's weight
// is a product with a 0 factor); it is skipped, which also avoids UNWIND's 0/0 for it.

import _ChurnKitCore
import LinearAlgebra

/// One unique feature on the path from the root: its zero and one fractions and a subset weight.
struct _PathElement {
    /// The feature (-1 for the placeholder element at the root).
    var feature: Int32
    /// The share of the cover, over the path's splits on this feature, reached without knowing x.
    var zero: Double
    /// 1 when x follows the path at every split on this feature, else 0.
    var one: Double
    /// The weight of the subsets whose size is this element's position.
    var weight: Double
}

extension TreeSHAPTree {
    /// The expected value v(∅): the leaf values averaged by the product of the cover shares on
    /// their paths (the cover-weighted mean of the leaves when children's covers add up to their
    /// parent's).
    /// - Complexity: O(nodes).
    package var expectedValue: Double {
        var share = [Double](repeating: 0, count: nodes.count)
        guard !share.isEmpty else { return 0 }
        share[0] = 1
        var total = 0.0
        for (i, node) in nodes.enumerated() {
            if case .leaf(let value) = node.rule {
                total += share[i] * value
                continue
            }
            share[node.left] = share[i] * _coverShare(child: node.left, of: i)
            share[node.right] = share[i] * _coverShare(child: node.right, of: i)
        }
        return total
    }

    /// cover(child) / cover(node), 0 when the node has no cover.
    @inline(__always)
    func _coverShare(child: Int, of node: Int) -> Double {
        _cover[node] > 0 ? _cover[child] / _cover[node] : 0
    }

    /// Adds `scale` times the TreeSHAP values of every row of `x` to `contributions`.
    ///
    /// For an ensemble, call it once per tree on the same buffer (with `scale` the tree's weight,
    /// e.g. 1 / trees for a forest's mean) and add the trees' scaled `expectedValue`s (and any
    /// initial score) for the expected value.
    /// - Parameters:
    ///   - x: n x d rows (d = `featureCount`, NaN = missing), as the model predicts them.
    ///   - scale: the factor applied to this tree's values (default 1).
    ///   - contributions: n x d values, row-major: `contributions[row * d + j]` += scale φ_j(row).
    /// - Throws: `DecisionTreeError.dimensionMismatch` when `x` does not have d columns or
    ///   `contributions` does not have n d elements.
    /// - Complexity: O(n leaves depth²) time, on all cores from 2,048 rows; O(depth²) memory per thread.
    package func accumulateContributions(_ x: Matrix, scale: Double = 1, into contributions: inout [Double])
        throws(DecisionTreeError)
    {
        let d = featureCount, n = x.rows
        guard x.columns == d else {
            throw .dimensionMismatch("X has \(x.columns) features, but the tree expects \(d)")
        }
        guard contributions.count == n * d else {
            throw .dimensionMismatch("the contributions buffer has \(contributions.count) values, but \(n) rows x \(d) features need \(n * d)")
        }
        let blockSize = 1_024
        let blocks = (n + blockSize - 1) / blockSize
        // Path storage: the path at recursion depth l starts after those of depths < l, each at
        // most l + 1 elements long; depth + 2 levels (the root's placeholder included).
        let pathCapacity = (_depth + 2) * (_depth + 3) / 2 + 1
        x.withUnsafeBufferPointer { data in
            _routing.nodes.withUnsafeBufferPointer { routing in
                _routing.levelBits.withUnsafeBufferPointer { bits in
                    _cover.withUnsafeBufferPointer { cover in
                        _value.withUnsafeBufferPointer { value in
                            contributions.withUnsafeMutableBufferPointer { phi in
                                concurrentForEach(blocks, concurrently: n >= 2 * blockSize) { block in
                                    let path = UnsafeMutablePointer<_PathElement>.allocate(capacity: pathCapacity)
                                    path.initialize(repeating: _PathElement(feature: -1, zero: 0, one: 0, weight: 0), count: pathCapacity)
                                    defer { path.deallocate() }
                                    var walk = _TreeSHAPWalk(
                                        routing: routing, bits: bits, cover: cover, value: value, row: data.baseAddress,
                                        phi: phi.baseAddress, scale: scale)
                                    for row in (block * blockSize)..<min(n, (block + 1) * blockSize) {
                                        walk.row = data.baseAddress.map { $0 + row * d }
                                        walk.phi = phi.baseAddress.map { $0 + row * d }
                                        walk.recurse(node: 0, path: path, uniqueDepth: 0, zero: 1, one: 1, feature: -1)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The recursion of Algorithm 2 over one row: routing, covers and values of the tree, the row,
/// and the row's contributions.
struct _TreeSHAPWalk {
    let routing: UnsafeBufferPointer<_PackedNode>
    let bits: UnsafeBufferPointer<UInt64>
    let cover: UnsafeBufferPointer<Double>
    let value: UnsafeBufferPointer<Double>
    /// The row's first feature (nil only when d = 0).
    var row: UnsafePointer<Double>?
    /// The row's first contribution (nil only when d = 0).
    var phi: UnsafeMutablePointer<Double>?
    let scale: Double

    /// RECURSE(j, m, p_z, p_o, p_i): copies the parent's path (`uniqueDepth` elements at
    /// `parent`) after it and extends it by the feature of the split that led here, then adds the leaf's share to φ or
    /// goes down both children.
    func recurse(
        node: Int, path parent: UnsafeMutablePointer<_PathElement>, uniqueDepth: Int, zero: Double, one: Double,
        feature: Int32
    ) {
        let path = parent + uniqueDepth + 1
        path.update(from: parent, count: uniqueDepth)
        _extend(path, uniqueDepth: uniqueDepth, zero: zero, one: one, feature: feature)
        let current = routing[node]
        if Int(current.left) == node {
            guard uniqueDepth > 0, let phi else { return }
            let leafValue = value[node] * scale
            for i in 1...uniqueDepth {
                let element = path[i]
                phi[Int(element.feature)] += _unwoundSum(path, uniqueDepth: uniqueDepth, index: i)
                    * (element.one - element.zero) * leafValue
            }
            return
        }
        let x = row.map { $0[Int(current.feature)] } ?? .nan
        let hot = Int(_PackedTree.step(current, x, bits))
        let cold = hot == Int(current.left) ? Int(current.right) : Int(current.left)
        var incomingZero = 1.0, incomingOne = 1.0
        var depth = uniqueDepth
        var k = 1
        while k <= depth, path[k].feature != current.feature { k += 1 }
        if k <= depth {
            incomingZero = path[k].zero
            incomingOne = path[k].one
            _unwind(path, uniqueDepth: depth, index: k)
            depth -= 1
        }
        let parentCover = cover[node]
        let hotShare = parentCover > 0 ? cover[hot] / parentCover : 0
        let coldShare = parentCover > 0 ? cover[cold] / parentCover : 0
        let hotZero = hotShare * incomingZero, coldZero = coldShare * incomingZero
        if hotZero != 0 || incomingOne != 0 {
            recurse(node: hot, path: path, uniqueDepth: depth + 1, zero: hotZero, one: incomingOne, feature: current.feature)
        }
        if coldZero != 0 {
            recurse(node: cold, path: path, uniqueDepth: depth + 1, zero: coldZero, one: 0, feature: current.feature)
        }
    }

    /// EXTEND: appends (feature, zero, one) at position `uniqueDepth` and updates the subset weights.
    @inline(__always)
    func _extend(_ path: UnsafeMutablePointer<_PathElement>, uniqueDepth l: Int, zero: Double, one: Double, feature: Int32) {
        path[l] = _PathElement(feature: feature, zero: zero, one: one, weight: l == 0 ? 1 : 0)
        let size = Double(l + 1)
        var i = l - 1
        while i >= 0 {
            path[i + 1].weight += one * path[i].weight * Double(i + 1) / size
            path[i].weight = zero * path[i].weight * Double(l - i) / size
            i -= 1
        }
    }

    /// UNWIND: removes element `index` from a path of `uniqueDepth + 1` elements (undoing its EXTEND).
    @inline(__always)
    func _unwind(_ path: UnsafeMutablePointer<_PathElement>, uniqueDepth l: Int, index: Int) {
        let one = path[index].one, zero = path[index].zero
        let size = Double(l + 1)
        var next = path[l].weight
        var i = l - 1
        while i >= 0 {
            if one != 0 {
                let kept = path[i].weight
                path[i].weight = next * size / (Double(i + 1) * one)
                next = kept - path[i].weight * zero * Double(l - i) / size
            } else {
                path[i].weight = path[i].weight * size / (zero * Double(l - i))
            }
            i -= 1
        }
        for j in index..<l {
            path[j].feature = path[j + 1].feature
            path[j].zero = path[j + 1].zero
            path[j].one = path[j + 1].one
        }
    }

    /// The sum of the subset weights of the path without element `index` (UNWIND's weights,
    /// summed, without changing the path).
    @inline(__always)
    func _unwoundSum(_ path: UnsafeMutablePointer<_PathElement>, uniqueDepth l: Int, index: Int) -> Double {
        let one = path[index].one, zero = path[index].zero
        let size = Double(l + 1)
        var next = path[l].weight
        var total = 0.0
        var i = l - 1
        while i >= 0 {
            if one != 0 {
                let weight = next * size / (Double(i + 1) * one)
                total += weight
                next = path[i].weight - weight * zero * Double(l - i) / size
            } else {
                total += path[i].weight * size / (zero * Double(l - i))
            }
            i -= 1
        }
        return total
    }
}
