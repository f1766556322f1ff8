// The tree as TreeSHAP reads it: routing, cover and leaf values, nothing else.
//
// Goals: one explanation algorithm for every tree model of the package (a classification tree's
// probability, a boosted tree's margin, a forest member): a model builds this view of each of its
// trees and `TreeSHAP` works on the view only. Routing is the prediction rule of
// `DecisionTreeModel` (the same packed nodes and `_PackedTree.step`): x <= threshold goes left, a
// level code in the left set goes left, NaN and an unknown code follow the missing direction.
// A view is validated when built, so a corrupt model cannot make the recursion loop or read out
// of bounds.

/// A tree as TreeSHAP reads it (package API, for the tree models of ChurnKit): per node its
/// routing rule, its cover (the weighted training rows that reached it) and, for a leaf, the
/// value the tree outputs there.
///
/// Build one with `init(featureCount:nodes:)` from `TreeSHAPTree.Node`s, then call
/// `accumulateContributions(_:scale:into:)` and `expectedValue`; the contributions of an
/// ensemble are the sums over its trees (TreeSHAP is linear in the leaf values).
package struct TreeSHAPTree: Sendable {
    /// One node of the view.
    package struct Node: Sendable, Equatable {
        /// How an internal node routes a row; a leaf has no rule.
        package enum Rule: Sendable, Equatable {
            /// A leaf outputting `value` (a probability, a margin: whatever the model sums).
            case leaf(value: Double)
            /// x[feature] <= threshold goes left.
            case numeric(feature: Int, threshold: Double)
            /// A level code of x[feature] in `leftCategories` goes left; a value that is not a code
            /// in 0..<levelCount is missing.
            case categorical(feature: Int, leftCategories: [Int], levelCount: Int)
        }

        /// The node's rule.
        package var rule: Rule
        /// Where NaN (and, for a categorical rule, a value that is not a level code) goes.
        package var missingGoesLeft: Bool
        /// The left child's index (ignored for a leaf).
        package var left: Int
        /// The right child's index (ignored for a leaf).
        package var right: Int
        /// The weighted number of training rows that reached the node (>= 0, finite).
        package var cover: Double

        /// A leaf.
        /// - Parameters:
        ///   - value: what the tree outputs at the leaf.
        ///   - cover: the weighted training rows that reached it.
        package static func leaf(value: Double, cover: Double) -> Node {
            Node(rule: .leaf(value: value), missingGoesLeft: true, left: -1, right: -1, cover: cover)
        }

        /// Creates a node.
        /// - Parameters:
        ///   - rule: the routing rule, or `.leaf`.
        ///   - missingGoesLeft: where a missing value goes.
        ///   - left: the left child's index.
        ///   - right: the right child's index.
        ///   - cover: the weighted training rows that reached the node.
        package init(rule: Rule, missingGoesLeft: Bool, left: Int, right: Int, cover: Double) {
            self.rule = rule
            self.missingGoesLeft = missingGoesLeft
            self.left = left
            self.right = right
            self.cover = cover
        }
    }

    /// The number of features of the rows the tree reads (d).
    package let featureCount: Int
    /// The nodes as given; `nodes[0]` is the root.
    package let nodes: [Node]
    /// Routing in the packed form prediction uses (a leaf's children are itself).
    let _routing: _PackedTree
    /// The covers, by node.
    let _cover: [Double]
    /// The leaf values, by node (0 for an internal node).
    let _value: [Double]
    /// The depth of the deepest leaf.
    let _depth: Int

    /// Builds and checks a view.
    /// - Parameters:
    ///   - featureCount: d, the width of the rows to explain.
    ///   - nodes: the nodes, `nodes[0]` the root; children must come after their parent.
    /// - Throws: `DecisionTreeError.invalidParameter` naming the node when the shape is not a tree
    ///   (children not distinct nodes after their parent, a node with no or two parents), a
    ///   feature is outside 0..<featureCount, a threshold is NaN, a level code is outside
    ///   0..<levelCount, or a cover or leaf value is not finite (a cover must also be >= 0).
    /// - Complexity: O(nodes + category codes).
    package init(featureCount: Int, nodes: [Node]) throws(DecisionTreeError) {
        func invalid(_ requirement: String) -> DecisionTreeError {
            .invalidParameter(name: "TreeSHAP tree", value: "\(nodes.count) nodes", requirement: requirement)
        }
        guard featureCount >= 0 else { throw invalid("needs a feature count >= 0, not \(featureCount)") }
        var children: [(left: Int, right: Int)?] = []
        for (i, node) in nodes.enumerated() {
            guard node.cover.isFinite, node.cover >= 0 else {
                throw invalid("needs finite covers >= 0; node \(i) has \(node.cover)")
            }
            switch node.rule {
            case .leaf(let value):
                guard value.isFinite else { throw invalid("needs finite leaf values; node \(i) has \(value)") }
                children.append(nil)
                continue
            case .numeric(let feature, let threshold):
                guard !threshold.isNaN else { throw invalid("needs thresholds that are numbers; node \(i) has NaN") }
                guard feature >= 0, feature < featureCount else {
                    throw invalid("needs features in 0..<\(featureCount); node \(i) splits on \(feature)")
                }
            case .categorical(let feature, let categories, let levelCount):
                guard feature >= 0, feature < featureCount else {
                    throw invalid("needs features in 0..<\(featureCount); node \(i) splits on \(feature)")
                }
                guard levelCount >= 0, levelCount <= Int(Int32.max), categories.allSatisfy({ $0 >= 0 && $0 < levelCount }) else {
                    throw invalid("needs level codes in 0..<levelCount; node \(i) has \(categories) of \(levelCount) levels")
                }
            }
            children.append((left: node.left, right: node.right))
        }
        guard nodes.count <= Int(Int32.max) else { throw invalid("has at most \(Int32.max) nodes") }
        if let problem = DecisionTreeModel._shapeProblem(children: children) { throw invalid("is a tree, but \(problem)") }
        var routing = _PackedTree()
        for node in nodes {
            switch node.rule {
            case .leaf(let value):
                routing.appendLeaf(positive: value)
            case .numeric(let feature, let threshold):
                routing.appendSplit(
                    feature: feature, threshold: threshold, leftCategories: nil, levelCount: nil,
                    missingGoesLeft: node.missingGoesLeft, left: node.left, right: node.right, positive: 0)
            case .categorical(let feature, let categories, let levelCount):
                routing.appendSplit(
                    feature: feature, threshold: 0, leftCategories: categories, levelCount: levelCount,
                    missingGoesLeft: node.missingGoesLeft, left: node.left, right: node.right, positive: 0)
            }
        }
        self.init(featureCount: featureCount, nodes: nodes, routing: routing)
    }

    /// A view of already validated nodes and their packed routing.
    init(featureCount: Int, nodes: [Node], routing: _PackedTree) {
        self.featureCount = featureCount
        self.nodes = nodes
        self._routing = routing
        self._cover = nodes.map(\.cover)
        self._value = nodes.map { if case .leaf(let value) = $0.rule { value } else { 0 } }
        var levels = [Int](repeating: 0, count: nodes.count)
        for (i, node) in nodes.enumerated() {
            if case .leaf = node.rule { continue }
            levels[node.left] = levels[i] + 1
            levels[node.right] = levels[i] + 1
        }
        self._depth = levels.max() ?? 0
    }

    /// The depth of the deepest leaf (0 for a single leaf).
    package var depth: Int { _depth }
}

extension TreeSHAPTree {
    /// The view of a packed tree given as preorder splits (the form every tree model of the package
    /// stores), routed exactly as prediction routes it: a split with `leftCategories` is a level
    /// set, any other a threshold (ensembles split level codes as ordered numbers).
    /// - Parameters:
    ///   - splits: per node its split, `nil` for a leaf (children indices refer to this array).
    ///   - values: per node its output (read at leaves only).
    ///   - covers: per node its cover.
    ///   - features: the model's features (level counts of categorical splits).
    ///   - routing: the packed form of the same tree that prediction walks.
    /// - Complexity: O(nodes).
    package init(splits: [TreeSplit?], values: [Double], covers: [Double], features: [TreeFeature], routing: _PackedTree) {
        let nodes = splits.indices.map { i -> Node in
            guard let split = splits[i] else { return .leaf(value: values[i], cover: covers[i]) }
            let rule: Node.Rule
            if let categories = split.leftCategories {
                rule = .categorical(
                    feature: split.feature, leftCategories: categories, levelCount: features[split.feature].levels?.count ?? 0)
            } else {
                rule = .numeric(feature: split.feature, threshold: split.threshold ?? 0)
            }
            return Node(rule: rule, missingGoesLeft: split.missingGoesLeft, left: split.left, right: split.right, cover: covers[i])
        }
        self.init(featureCount: features.count, nodes: nodes, routing: routing)
    }
}

extension DecisionTreeModel {
    /// The TreeSHAP view of a binary tree: covers are the nodes' weighted sample counts (the
    /// weights the leaf probabilities are made of) and leaf values the probabilities of class 1
    /// the model predicts (smoothed with `leafSmoothing`).
    var _shapTree: TreeSHAPTree {
        TreeSHAPTree(
            splits: nodes.map(\.split), values: _probabilities.map { $0.count == 2 ? $0[1] : 0 },
            covers: nodes.map(\.weightedSampleCount), features: features, routing: _packed)
    }
}
