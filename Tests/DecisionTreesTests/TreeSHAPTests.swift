import LinearAlgebra
import Tabular
import Testing
@testable import DecisionTrees
import _TreeSHAPTestSupport

// References: a hand-worked two-split tree and brute-force Shapley values (TreeSHAPBruteForce.swift).

/// TreeSHAP values of each row (row-major) from `accumulateContributions`.
private func treeSHAP(_ tree: TreeSHAPTree, _ rows: [[Double]]) throws -> [[Double]] {
    let d = tree.featureCount
    var phi = [Double](repeating: 0, count: rows.count * d)
    try tree.accumulateContributions(try Matrix(rows: rows.count, columns: d, values: rows.flatMap { $0 }), into: &phi)
    return (0..<rows.count).map { Array(phi[($0 * d)..<(($0 + 1) * d)]) }
}

/// A random tree over `featureCount` features (feature 0 categorical with 5 levels, the others
/// numeric in [0, 1)), features reused on a path, some covers not adding up and some zero.
private func randomTree(featureCount: Int, depth: Int, seed: UInt64) throws -> TreeSHAPTree {
    var random = SeededRandom(seed: seed)
    var nodes: [TreeSHAPTree.Node] = []
    func grow(level: Int, cover: Double) -> Int {
        let index = nodes.count
        if level == depth || (level > 1 && random.nextUnitDouble() < 0.2) {
            nodes.append(.leaf(value: random.nextUnitDouble() * 2 - 0.5, cover: cover))
            return index
        }
        let feature = random.nextIndex(below: featureCount)
        let rule: TreeSHAPTree.Node.Rule = feature == 0
            ? .categorical(feature: 0, leftCategories: (0..<5).filter { _ in random.nextUnitDouble() < 0.5 }, levelCount: 5)
            : .numeric(feature: feature, threshold: random.nextUnitDouble())
        nodes.append(TreeSHAPTree.Node(
            rule: rule, missingGoesLeft: random.nextUnitDouble() < 0.5, left: -1, right: -1, cover: cover))
        let share = random.nextUnitDouble() < 0.1 ? 0 : random.nextUnitDouble()
        let slack = random.nextUnitDouble() < 0.3 ? 1.2 : 1  // children need not add up to their parent
        let left = grow(level: level + 1, cover: cover * share * slack)
        let right = grow(level: level + 1, cover: cover * (1 - share))
        nodes[index].left = left
        nodes[index].right = right
        return index
    }
    _ = grow(level: 0, cover: 100)
    return try TreeSHAPTree(featureCount: featureCount, nodes: nodes)
}

/// Random rows: codes 0..<5, an unknown code or NaN in feature 0, numbers or NaN elsewhere.
private func randomRows(_ count: Int, featureCount: Int, seed: UInt64) -> [[Double]] {
    var random = SeededRandom(seed: seed)
    return (0..<count).map { _ in
        (0..<featureCount).map { j in
            let u = random.nextUnitDouble()
            if u < 0.1 { return .nan }
            if j == 0 { return u < 0.15 ? 7 : Double(random.nextIndex(below: 5)) }
            return random.nextUnitDouble()
        }
    }
}

@Test func handWorkedTwoSplitTree() throws {
    // root: x0 <= 0 (cover 10) -> leaf 0 (cover 4) | x1 <= 0 (cover 6) -> leaf 1 (cover 2) | leaf 0.5 (cover 4).
    // For x = (1, -1): v() = 0.4, v({0}) = 2/3, v({1}) = 0.6, v({0, 1}) = 1, so
    // φ0 = ((2/3 - 0.4) + (1 - 0.6)) / 2 = 1/3 and φ1 = ((0.6 - 0.4) + (1 - 2/3)) / 2 = 4/15.
    let tree = try TreeSHAPTree(featureCount: 2, nodes: [
        TreeSHAPTree.Node(rule: .numeric(feature: 0, threshold: 0), missingGoesLeft: true, left: 1, right: 2, cover: 10),
        .leaf(value: 0, cover: 4),
        TreeSHAPTree.Node(rule: .numeric(feature: 1, threshold: 0), missingGoesLeft: false, left: 3, right: 4, cover: 6),
        .leaf(value: 1, cover: 2),
        .leaf(value: 0.5, cover: 4),
    ])
    let phi = try treeSHAP(tree, [[1, -1]])[0]
    #expect(abs(tree.expectedValue - 0.4) <= 1e-15)
    #expect(abs(phi[0] - 1.0 / 3) <= 1e-15)
    #expect(abs(phi[1] - 4.0 / 15) <= 1e-15)
    // A missing x1 goes right (leaf 0.5): the same game with f = 0.5.
    let missing = try treeSHAP(tree, [[1, .nan]])[0]
    #expect(zip(missing, bruteForceShapley(tree, [1, .nan])).allSatisfy { abs($0 - $1) <= 1e-15 })
    #expect(abs(missing.reduce(0, +) + tree.expectedValue - 0.5) <= 1e-15)
}

@Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
func randomTreesEqualBruteForceShapley(seed: UInt64) throws {
    let tree = try randomTree(featureCount: 5, depth: 6, seed: seed)
    let rows = randomRows(40, featureCount: 5, seed: seed + 100)
    let fast = try treeSHAP(tree, rows)
    var worst = 0.0
    for (row, phi) in zip(rows, fast) {
        for (a, b) in zip(phi, bruteForceShapley(tree, row)) { worst = max(worst, abs(a - b)) }
        // Local accuracy: Σ φ + v(∅) = v(all features) = the tree's output for the row.
        let output = conditionalExpectation(tree, row, known: Set(0..<5))
        #expect(abs(phi.reduce(0, +) + tree.expectedValue - output) <= 1e-9)
    }
    #expect(worst <= 1e-12, "largest difference from brute force \(worst)")
    #expect(abs(tree.expectedValue - conditionalExpectation(tree, rows[0], known: [])) <= 1e-12)
}

@Test func scaleAndAccumulationAddUp() throws {
    let tree = try randomTree(featureCount: 4, depth: 4, seed: 11)
    let rows = randomRows(5, featureCount: 4, seed: 12)
    let x = try Matrix(rows: 5, columns: 4, values: rows.flatMap { $0 })
    var once = [Double](repeating: 0, count: 20), twice = once
    try tree.accumulateContributions(x, scale: 3, into: &once)
    try tree.accumulateContributions(x, into: &twice)
    try tree.accumulateContributions(x, scale: 2, into: &twice)
    #expect(zip(once, twice).allSatisfy { abs($0 - $1) <= 1e-14 })
}

@Test func manyRowsOnAllCoresMatchOneRowAtATime() throws {
    let tree = try randomTree(featureCount: 5, depth: 6, seed: 21)
    let rows = randomRows(5_000, featureCount: 5, seed: 22)
    let all = try treeSHAP(tree, rows)
    for i in stride(from: 0, to: rows.count, by: 997) { #expect(try treeSHAP(tree, [rows[i]])[0] == all[i]) }
}

@Test func malformedViewsAreRejected() throws {
    func rejects(_ nodes: [TreeSHAPTree.Node], featureCount: Int = 2) -> Bool {
        (try? TreeSHAPTree(featureCount: featureCount, nodes: nodes)) == nil
    }
    let split = TreeSHAPTree.Node(rule: .numeric(feature: 0, threshold: 0), missingGoesLeft: true, left: 1, right: 2, cover: 2)
    let leaf = TreeSHAPTree.Node.leaf(value: 1, cover: 1)
    #expect(!rejects([split, leaf, leaf]))
    #expect(rejects([]))
    #expect(rejects([split, leaf]))  // a child out of bounds
    var loop = split
    loop.left = 0
    #expect(rejects([loop, leaf, leaf]))  // a child before its parent
    #expect(rejects([split, leaf, leaf], featureCount: 0))  // a feature out of range
    #expect(rejects([split, .leaf(value: .nan, cover: 1), leaf]))
    #expect(rejects([split, .leaf(value: 1, cover: -1), leaf]))
    var categorical = split
    categorical.rule = .categorical(feature: 1, leftCategories: [3], levelCount: 3)
    #expect(rejects([categorical, leaf, leaf]))
    var x = try Matrix(rows: 1, columns: 3)
    let tree = try TreeSHAPTree(featureCount: 2, nodes: [split, leaf, leaf])
    var phi = [0.0, 0.0]
    #expect(throws: DecisionTreeError.self) { try tree.accumulateContributions(x, into: &phi) }
    x = try Matrix(rows: 2, columns: 2)
    #expect(throws: DecisionTreeError.self) { try tree.accumulateContributions(x, into: &phi) }
}
