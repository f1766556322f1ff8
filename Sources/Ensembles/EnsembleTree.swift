import DecisionTrees

/// One node of a tree of an ensemble (a boosted model or a forest), with the training statistics
/// of the rows that reached it.
public struct EnsembleTreeNode: Sendable, Codable, Equatable {
    /// The node's output: for a boosted tree, on the margin (log-odds) scale, learning rate
    /// included; for a forest tree, the weighted fraction of positives. A leaf's value is what the
    /// tree gives a row that reaches it; an internal node's, what it would give were it a leaf.
    public let value: Double
    /// Number of training rows of the tree that reached the node.
    public let sampleCount: Int
    /// The node's cover: for a boosted tree, the sum of the Hessians (p (1 - p) times the row
    /// weight) of those rows; for a forest tree, the sum of their weights (bootstrap counts times
    /// sample weights).
    public let cover: Double
    /// The split of an internal node; `impurityDecrease` holds the split's gain (boosted trees:
    /// twice the decrease of the second-order approximation of the loss; forest trees: the
    /// decrease of the weighted squared error, half the weighted Gini decrease); `nil` for a leaf.
    public let split: TreeSplit?

    /// Creates a node.
    /// - Parameters:
    ///   - value: the node's output (margin scale).
    ///   - sampleCount: training rows in the node.
    ///   - cover: the Hessian or weight sum of those rows.
    ///   - split: the split, `nil` for a leaf.
    public init(value: Double, sampleCount: Int, cover: Double, split: TreeSplit?) {
        self.value = value
        self.sampleCount = sampleCount
        self.cover = cover
        self.split = split
    }

    /// True when the node has no split.
    public var isLeaf: Bool { split == nil }
}

/// One tree of an ensemble: nodes in preorder (the root is `nodes[0]`, a left child
/// directly follows its parent), children referenced by index.
public struct EnsembleTree: Sendable, Codable, Equatable {
    /// The nodes in preorder.
    public let nodes: [EnsembleTreeNode]

    /// Creates a tree from preorder nodes (checked by the model that holds it).
    /// - Parameter nodes: the nodes.
    public init(nodes: [EnsembleTreeNode]) { self.nodes = nodes }

    /// The number of leaves.
    public var leafCount: Int { nodes.reduce(0) { $0 + ($1.isLeaf ? 1 : 0) } }

    /// The depth of the deepest leaf (0 for a single leaf), from the structure.
    /// - Complexity: O(nodes).
    public var depth: Int { _TreeStructure.depth(nodes.map(\.split)) }

    /// What is wrong with the tree for a model with `features`, or `nil`.
    func _structuralProblem(features: [TreeFeature]) -> String? {
        if let i = nodes.firstIndex(where: { !$0.value.isFinite }) { return "node \(i) has a non-finite value" }
        return _TreeStructure.problem(nodes.map(\.split), features: features, thresholdsOnCodes: true)
    }
}
