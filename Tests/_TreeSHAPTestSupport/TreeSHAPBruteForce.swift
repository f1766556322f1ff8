import DecisionTrees

// Brute-force Shapley values of TreeSHAP views, the reference of the TreeSHAP tests of trees and
// ensembles: the path-dependent conditional expectation v(S) computed by walking each tree (a split
// on a feature in S follows the row, any other split averages its children by cover share), summed
// over an ensemble's trees with their scales, and φ_i = Σ_{S ∌ i} |S|! (M - |S| - 1)! / M!
// (v(S ∪ {i}) - v(S)) by enumerating every subset of the M features.

/// The child a value is routed to, written from the rule's definition (not the packed routing).
private func routedChild(_ node: TreeSHAPTree.Node, _ row: [Double]) -> Int {
    let goLeft: Bool
    switch node.rule {
    case .leaf: return -1
    case .numeric(let feature, let threshold):
        let v = row[feature]
        goLeft = v.isNaN ? node.missingGoesLeft : v <= threshold
    case .categorical(let feature, let left, let levelCount):
        let v = row[feature]
        if let code = Int(exactly: v), code >= 0, code < levelCount {
            goLeft = left.contains(code)
        } else {
            goLeft = node.missingGoesLeft
        }
    }
    return goLeft ? node.left : node.right
}

/// v(S) = E[f(x) | x_S], path-dependent, from node `index` down.
package func conditionalExpectation(_ tree: TreeSHAPTree, _ row: [Double], known: Set<Int>, at index: Int = 0) -> Double {
    let node = tree.nodes[index]
    let feature: Int
    switch node.rule {
    case .leaf(let value): return value
    case .numeric(let f, _), .categorical(let f, _, _): feature = f
    }
    if known.contains(feature) { return conditionalExpectation(tree, row, known: known, at: routedChild(node, row)) }
    guard node.cover > 0 else { return 0 }
    return tree.nodes[node.left].cover / node.cover * conditionalExpectation(tree, row, known: known, at: node.left)
        + tree.nodes[node.right].cover / node.cover * conditionalExpectation(tree, row, known: known, at: node.right)
}

/// Shapley values of one tree's v by enumeration over the 2^d subsets.
package func bruteForceShapley(_ tree: TreeSHAPTree, _ row: [Double]) -> [Double] {
    bruteForceShapley([tree], scales: [1], row)
}

/// Shapley values of an ensemble's v(S) = Σ_t scale_t v_t(S) by enumeration over the 2^d subsets
/// (the trees must share one feature count).
package func bruteForceShapley(_ trees: [TreeSHAPTree], scales: [Double], _ row: [Double]) -> [Double] {
    let m = trees.first?.featureCount ?? 0
    var factorial = [1.0]
    for k in 1...max(m, 1) { factorial.append(factorial[k - 1] * Double(k)) }
    var values = [Double](repeating: 0, count: 1 << m)
    for mask in 0..<(1 << m) {
        let known = Set((0..<m).filter { mask & (1 << $0) != 0 })
        values[mask] = zip(trees, scales).reduce(0.0) { sum, tree in sum + tree.1 * conditionalExpectation(tree.0, row, known: known) }
    }
    return (0..<m).map { i in
        var phi = 0.0
        for mask in 0..<(1 << m) where mask & (1 << i) == 0 {
            let size = mask.nonzeroBitCount
            phi += factorial[size] * factorial[m - size - 1] / factorial[m] * (values[mask | (1 << i)] - values[mask])
        }
        return phi
    }
}

