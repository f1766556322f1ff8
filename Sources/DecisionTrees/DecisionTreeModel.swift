// A fitted classification tree: prediction, importances and its JSON form.
//
// Goals: fast, allocation-light prediction (a packed node array walked per row, rows split into
// blocks across cores) with the routing rules of training: x <= threshold goes left, a level
// code in the left set goes left, NaN follows the learned missing-value direction; a
// categorical value that is not a known level code is treated as missing. A node predicts the
// m-estimate (w_c + m p_c) / (w + m) of its class frequencies with its parent's frequencies p as
// the prior (Cestnik, "Estimating probabilities", ECAI 1990; m = `leafSmoothing`). Impurity-based
// importances are scikit-learn's: the weighted impurity decreases of each feature's splits,
// normalized to sum to 1 (Breiman et al. 1984, sec. 5.3.4). A decoded model is checked so that a
// corrupt file cannot make prediction loop or index out of bounds.

import _ChurnKitCore
import LinearAlgebra

/// A fitted classification tree (immutable, `Sendable`, `Codable`).
public struct DecisionTreeModel: Sendable, Codable, Equatable {
    /// The features the model expects, with their names and categorical levels.
    public let features: [TreeFeature]
    /// The number of classes k.
    public let classCount: Int
    /// The criterion the tree was grown with.
    public let criterion: SplitCriterion
    /// The nodes in preorder: the root is `nodes[0]`, a left child directly follows its parent.
    public let nodes: [TreeNode]
    /// Impurity-based importance of each feature (sums to 1 unless the tree is a single leaf).
    public let featureImportances: [Double]
    /// The m of the m-estimate node probabilities (see `DecisionTreeClassifier.leafSmoothing`;
    /// 0 for raw frequencies, as in model files written before smoothing existed).
    public let leafSmoothing: Double
    /// The class probabilities each node predicts (`nodeProbabilities`).
    let _probabilities: [[Double]]
    /// The index of each node's parent (`nil` for the root).
    let _parents: [Int?]
    /// The packed form used by prediction.
    let _packed: _PackedTree
    /// The depth of the deepest leaf.
    let _depth: Int

    /// Builds a model from validated nodes.
    init(features: [TreeFeature], classCount: Int, criterion: SplitCriterion, nodes: [TreeNode], leafSmoothing: Double) {
        self.features = features
        self.classCount = classCount
        self.criterion = criterion
        self.nodes = nodes
        self.leafSmoothing = leafSmoothing
        self.featureImportances = DecisionTreeModel._importances(nodes: nodes, featureCount: features.count)
        let parents = DecisionTreeModel._parents(nodes)
        let probabilities = nodes.indices.map { i in
            parents[i].map { nodes[i].smoothedProbabilities(prior: nodes[$0].probabilities, m: leafSmoothing) }
                ?? nodes[i].probabilities
        }
        self._parents = parents
        self._probabilities = probabilities
        self._packed = _PackedTree(nodes, probabilities: probabilities, features: features, classCount: classCount)
        // The depth from the structure (children follow their parent), not from stored fields.
        self._depth = _TreeStructure.depth(nodes.map(\.split))
    }

    /// The depth of the deepest leaf (0 for a single leaf).
    public var depth: Int { _depth }

    /// The number of leaves.
    public var leafCount: Int { nodes.reduce(0) { $0 + ($1.isLeaf ? 1 : 0) } }

    /// The class probabilities node `index` predicts: the m-estimate of its frequencies with its
    /// parent's frequencies as prior (its raw frequencies when `leafSmoothing` is 0 or for the root).
    /// - Parameter index: a node index in `0..<nodes.count`.
    /// - Returns: k probabilities, or `nil` for an index out of range.
    /// - Complexity: O(1).
    public func nodeProbabilities(_ index: Int) -> [Double]? {
        _probabilities.indices.contains(index) ? _probabilities[index] : nil
    }

    /// The rate of `positiveClass` that rules and Graphviz print for node `index`: the m-estimate
    /// (n_1 + m r) / (n + m) on unweighted row counts, with r the parent's observed rate (the
    /// observed rate for the root or when m is 0). It is the predicted probability when the rows
    /// were unweighted.
    /// - Complexity: O(1).
    func _printedRate(_ index: Int, positiveClass: Int) -> Double {
        func rate(_ node: TreeNode, smoothing m: Double, prior: Double) -> Double {
            let positives = node.classCounts.indices.contains(positiveClass) ? node.classCounts[positiveClass] : 0
            let n = Double(node.sampleCount) + m
            return n > 0 ? (Double(positives) + m * prior) / n : 0
        }
        guard let parent = _parents[index], leafSmoothing > 0 else { return rate(nodes[index], smoothing: 0, prior: 0) }
        return rate(nodes[index], smoothing: leafSmoothing, prior: rate(nodes[parent], smoothing: 0, prior: 0))
    }

    /// The index of each node's parent (`nil` for the root, or for a node no split points to).
    static func _parents(_ nodes: [TreeNode]) -> [Int?] {
        var parents = [Int?](repeating: nil, count: nodes.count)
        for (i, node) in nodes.enumerated() {
            guard let split = node.split else { continue }
            for child in [split.left, split.right] where nodes.indices.contains(child) { parents[child] = i }
        }
        return parents
    }

    /// Probability of class 1 (the positive class, e.g. churn) for each row.
    /// - Parameter x: n x d features, as in training (NaN = missing).
    /// - Returns: n probabilities.
    /// - Throws: `DecisionTreeError.notBinary` for a model with more than two classes,
    ///   `.dimensionMismatch` when x does not have d columns.
    /// - Complexity: O(n depth), on all cores for large n.
    public func predictProbabilities(_ x: Matrix) throws(DecisionTreeError) -> [Double] {
        guard classCount == 2 else { throw .notBinary(classCount: classCount) }
        let leaves = try apply(x)
        return leaves.map { _packed.nodes[Int($0)].positive }
    }

    /// Class probabilities of each row.
    /// - Parameter x: n x d features.
    /// - Returns: an n x k matrix.
    /// - Throws: `DecisionTreeError.dimensionMismatch` when x does not have d columns.
    /// - Complexity: O(n (depth + k)).
    public func predictClassProbabilities(_ x: Matrix) throws(DecisionTreeError) -> Matrix {
        let leaves = try apply(x)
        var values = [Double](repeating: 0, count: leaves.count * classCount)
        for (row, leaf) in leaves.enumerated() {
            let p = _probabilities[Int(leaf)]
            for c in 0..<classCount { values[row * classCount + c] = p[c] }
        }
        do {
            return try Matrix(rows: leaves.count, columns: classCount, values: values)
        } catch {
            throw .dimensionMismatch(error.description)
        }
    }

    /// The most probable class of each row (the smallest label on ties).
    /// - Parameter x: n x d features.
    /// - Returns: n class labels.
    /// - Throws: `DecisionTreeError.dimensionMismatch` when x does not have d columns.
    /// - Complexity: O(n depth).
    public func predict(_ x: Matrix) throws(DecisionTreeError) -> [Int] {
        let leaves = try apply(x)
        let labels = nodes.map { node in
            node.classWeights.indices.max { node.classWeights[$0] < node.classWeights[$1] || (node.classWeights[$0] == node.classWeights[$1] && $0 > $1) } ?? 0
        }
        return leaves.map { labels[Int($0)] }
    }

    /// The index in `nodes` of the leaf each row reaches.
    /// - Parameter x: n x d features.
    /// - Returns: n leaf indices.
    /// - Throws: `DecisionTreeError.dimensionMismatch` when x does not have d columns.
    /// - Complexity: O(n depth), on all cores for large n.
    public func apply(_ x: Matrix) throws(DecisionTreeError) -> [Int32] {
        let d = features.count
        guard x.columns == d else {
            throw .dimensionMismatch("X has \(x.columns) features, but the model expects \(d)")
        }
        let n = x.rows
        var leaves = [Int32](repeating: 0, count: n)
        let blockSize = 16_384
        let blocks = (n + blockSize - 1) / blockSize
        let steps = depth
        x.withUnsafeBufferPointer { data in
            _packed.nodes.withUnsafeBufferPointer { tree in
                _packed.levelBits.withUnsafeBufferPointer { bits in
                    leaves.withUnsafeMutableBufferPointer { out in
                        concurrentForEach(blocks, concurrently: n >= 2 * blockSize) { block in
                            let rows = (block * blockSize)..<min(n, (block + 1) * blockSize)
                            _PackedTree.leaves(
                                of: data, rows: rows, columns: d, steps: steps, nodes: tree, bits: bits, into: out)
                        }
                    }
                }
            }
        }
        return leaves
    }

    /// Normalized impurity-decrease importances.
    static func _importances(nodes: [TreeNode], featureCount: Int) -> [Double] {
        var importances = [Double](repeating: 0, count: featureCount)
        for node in nodes {
            guard let split = node.split, split.feature < featureCount, split.left < nodes.count,
                split.right < nodes.count
            else { continue }
            let left = nodes[split.left], right = nodes[split.right]
            importances[split.feature] += node.weightedSampleCount * node.impurity
                - left.weightedSampleCount * left.impurity - right.weightedSampleCount * right.impurity
        }
        let root = nodes.first?.weightedSampleCount ?? 1
        importances = importances.map { $0 / root }
        let total = importances.reduce(0, +)
        return total > 0 ? importances.map { $0 / total } : importances
    }

    private enum CodingKeys: String, CodingKey { case features, classCount, criterion, nodes, leafSmoothing }

    /// Decodes a model and checks its structure.
    /// - Throws: `DecodingError.dataCorrupted` naming the faulty node when the tree is malformed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let features = try c.decode([TreeFeature].self, forKey: .features)
        let classCount = try c.decode(Int.self, forKey: .classCount)
        let criterion = try c.decode(SplitCriterion.self, forKey: .criterion)
        let nodes = try c.decode([TreeNode].self, forKey: .nodes)
        let leafSmoothing = try c.decodeIfPresent(Double.self, forKey: .leafSmoothing) ?? 0
        guard leafSmoothing >= 0, leafSmoothing.isFinite else {
            throw DecodingError.dataCorruptedError(
                forKey: .leafSmoothing, in: c, debugDescription: "leafSmoothing is \(leafSmoothing); it must be finite and >= 0")
        }
        if let problem = DecisionTreeModel._structuralProblem(nodes: nodes, features: features, classCount: classCount) {
            throw DecodingError.dataCorruptedError(forKey: .nodes, in: c, debugDescription: problem)
        }
        self.init(features: features, classCount: classCount, criterion: criterion, nodes: nodes, leafSmoothing: leafSmoothing)
    }

    /// Encodes features, class count, criterion, nodes and leaf smoothing (importances and
    /// probabilities are recomputed on decoding; a file without `leafSmoothing` predicts raw frequencies).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(features, forKey: .features)
        try c.encode(classCount, forKey: .classCount)
        try c.encode(criterion, forKey: .criterion)
        try c.encode(nodes, forKey: .nodes)
        try c.encode(leafSmoothing, forKey: .leafSmoothing)
    }

    /// Equality of the stored tree (the packed form follows from it).
    public static func == (a: DecisionTreeModel, b: DecisionTreeModel) -> Bool {
        a.features == b.features && a.classCount == b.classCount && a.criterion == b.criterion && a.nodes == b.nodes
            && a.leafSmoothing == b.leafSmoothing
    }

    /// What is wrong with a decoded tree, or `nil`.
    static func _structuralProblem(nodes: [TreeNode], features: [TreeFeature], classCount: Int) -> String? {
        guard classCount >= 2 else { return "classCount is \(classCount), but a tree needs at least 2 classes" }
        guard !nodes.isEmpty else { return "the tree has no nodes" }
        for (i, node) in nodes.enumerated() {
            guard node.classWeights.count == classCount, node.classCounts.count == classCount else {
                return "node \(i) has \(node.classWeights.count) class weights, but the model has \(classCount) classes"
            }
            guard node.classWeights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                return "node \(i) has a negative or non-finite class weight"
            }
        }
        return _TreeStructure.problem(nodes.map(\.split), features: features, thresholdsOnCodes: false)
    }

    /// What is wrong with the shape of a tree given by each node's children (nil for a leaf), or
    /// `nil`: children must be distinct nodes after their parent, and every node but the root
    /// (node 0) must have exactly one parent, so that any walk from the root ends at a leaf.
    /// - Complexity: O(nodes).
    package static func _shapeProblem(children: [(left: Int, right: Int)?]) -> String? {
        guard !children.isEmpty else { return "the tree has no nodes" }
        var parents = [Int](repeating: 0, count: children.count)
        for (i, pair) in children.enumerated() {
            guard let (left, right) = pair else { continue }
            guard left > i, right > i, left < children.count, right < children.count, left != right else {
                return "node \(i) has children \(left) and \(right); they must be distinct nodes after it"
            }
            parents[left] += 1
            parents[right] += 1
        }
        if let orphan = parents.indices.dropFirst().first(where: { parents[$0] != 1 }) {
            return "node \(orphan) has \(parents[orphan]) parents; every node but the root needs exactly one"
        }
        return nil
    }
}

/// A node in the compact form prediction walks (plain data, no references).
package struct _PackedNode: Sendable {
    /// The tested feature (0 for a leaf, whose children are itself).
    var feature: Int32
    var left: Int32
    var right: Int32
    /// For a categorical split, the number of levels; -1 for a numeric split.
    var levelCount: Int32
    /// For a categorical split, the offset of its level bits in `_PackedTree.levelBits`.
    var bitOffset: Int32
    var missingGoesLeft: Bool
    /// The numeric threshold.
    var threshold: Double
    /// The node's value: the probability of class 1 for a classification tree (0 when k != 2),
    /// the leaf output for an ensemble's tree.
    package var positive: Double
}

/// The packed nodes and the left-level bit sets of the categorical splits.
package struct _PackedTree: Sendable {
    package var nodes: [_PackedNode] = []
    /// One bit per level code (bit set = left) for each categorical split, 64 levels per word.
    package var levelBits: [UInt64] = []

    /// An empty tree, filled by `appendLeaf` and `appendSplit`.
    init() {}

    /// Packs preorder nodes with the class probabilities each predicts (node value: the
    /// probability of class 1).
    init(_ nodes: [TreeNode], probabilities: [[Double]], features: [TreeFeature], classCount: Int) {
        self.init(
            splits: nodes.map(\.split), values: probabilities.map { classCount == 2 ? $0[1] : 0 },
            features: features)
    }

    /// Packs a tree given in preorder as one split (`nil` for a leaf) and one value per node.
    /// - Parameters:
    ///   - splits: the nodes' splits; children indices refer to this array.
    ///   - values: the value of each node (`splits.count` values).
    ///   - features: the model's features (categorical splits need their level counts).
    /// - Complexity: O(nodes + levels).
    package init(splits: [TreeSplit?], values: [Double], features: [TreeFeature]) {
        for (split, value) in zip(splits, values) {
            guard let split else {
                appendLeaf(positive: value)
                continue
            }
            let levelCount = split.leftCategories == nil ? nil : features[split.feature].levels?.count ?? 0
            appendSplit(
                feature: split.feature, threshold: split.threshold ?? 0, leftCategories: split.leftCategories,
                levelCount: levelCount, missingGoesLeft: split.missingGoesLeft, left: split.left, right: split.right,
                positive: value)
        }
    }

    /// Appends a leaf; it loops to itself, so every row can take exactly `depth` steps.
    /// - Parameter positive: the leaf's value (the probability of class 1 for a classification tree).
    mutating func appendLeaf(positive: Double) {
        let me = Int32(truncatingIfNeeded: nodes.count)
        nodes.append(_PackedNode(
            feature: 0, left: me, right: me, levelCount: -1, bitOffset: 0, missingGoesLeft: true, threshold: 0,
            positive: positive))
    }

    /// Appends an internal node.
    /// - Parameters:
    ///   - feature: the tested column.
    ///   - threshold: x <= threshold goes left (numeric split).
    ///   - leftCategories: the level codes sent left; nil for a numeric split.
    ///   - levelCount: the feature's number of levels (categorical split); codes outside it are missing.
    ///   - missingGoesLeft: where NaN (and an unknown code) goes.
    ///   - left: the left child's index.
    ///   - right: the right child's index.
    ///   - positive: the node's value.
    mutating func appendSplit(
        feature: Int, threshold: Double, leftCategories: [Int]?, levelCount: Int?, missingGoesLeft: Bool, left: Int,
        right: Int, positive: Double
    ) {
        var packedLevels: Int32 = -1
        let offset = levelBits.count
        if let categories = leftCategories {
            let count = levelCount ?? 0
            packedLevels = Int32(truncatingIfNeeded: count)
            levelBits.append(contentsOf: [UInt64](repeating: 0, count: (count >> 6) + 1))
            for c in categories where c >= 0 && c < count { levelBits[offset + c >> 6] |= 1 << UInt64(c & 63) }
        }
        nodes.append(_PackedNode(
            feature: Int32(truncatingIfNeeded: feature), left: Int32(truncatingIfNeeded: left),
            right: Int32(truncatingIfNeeded: right), levelCount: packedLevels, bitOffset: Int32(truncatingIfNeeded: offset),
            missingGoesLeft: missingGoesLeft, threshold: threshold, positive: positive))
    }

    /// Rows walked together, so that the memory latency of one row hides behind the others.
    static let lanes = 8

    /// The leaves reached by rows `rows` of row-major `data` with `columns` features, written to
    /// `out[row]`: every row takes exactly `steps` (the tree's depth) branch-free steps, in groups
    /// of `lanes` rows walked in lockstep.
    @inline(__always)
    package static func leaves(
        of data: UnsafeBufferPointer<Double>, rows: Range<Int>, columns: Int, steps: Int,
        nodes: UnsafeBufferPointer<_PackedNode>, bits: UnsafeBufferPointer<UInt64>, into out: UnsafeMutableBufferPointer<Int32>
    ) {
        var index = (Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0))
        var start = rows.lowerBound
        while start < rows.upperBound {
            let count = min(lanes, rows.upperBound - start)
            withUnsafeMutableBytes(of: &index) { raw in
                let lane = raw.bindMemory(to: Int32.self)
                for l in 0..<lanes { lane[l] = 0 }
                for _ in 0..<steps {
                    for l in 0..<count {
                        lane[l] = step(nodes[Int(lane[l])], data[(start &+ l) &* columns &+ Int(nodes[Int(lane[l])].feature)], bits)
                    }
                }
                for l in 0..<count { out[start &+ l] = lane[l] }
            }
            start += count
        }
    }

    /// The child a value leads to from `node`.
    @inline(__always)
    static func step(_ node: _PackedNode, _ v: Double, _ bits: UnsafeBufferPointer<UInt64>) -> Int32 {
        let goLeft: Bool
        if node.levelCount < 0 {
            goLeft = v.isNaN ? node.missingGoesLeft : v <= node.threshold
        } else if v >= 0, v < Double(node.levelCount), v == v.rounded(.towardZero) {
            let code = Int(v)
            goLeft = bits[Int(node.bitOffset) &+ code >> 6] & (1 << UInt64(code & 63)) != 0
        } else {
            goLeft = node.missingGoesLeft
        }
        return goLeft ? node.left : node.right
    }
}
