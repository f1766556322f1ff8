// Minimal cost-complexity pruning of a fitted tree.
//
// Goals: scikit-learn's `_cost_complexity_prune` (Breiman et al., "Classification and Regression
// Trees", 1984, ch. 3.3): with R(t) = W_t / W i_t the weighted impurity of node t and R(T_t) the
// sum of R over the leaves of the branch at t, the weakest link is the internal node with the
// smallest effective alpha (R(t) - R(T_t)) / (|leaves(T_t)| - 1); it is collapsed into a leaf,
// and this repeats until the root is a leaf (the path) or the smallest alpha exceeds ccpAlpha
// (pruning). Ties go to the first node in preorder, as scikit-learn's node order is preorder.

/// The nested subtrees of minimal cost-complexity pruning (scikit-learn's `cost_complexity_pruning_path`).
public struct CostComplexityPath: Sendable, Codable, Equatable {
    /// Effective alphas, increasing; the first is 0 (the full tree).
    public let alphas: [Double]
    /// The total weighted leaf impurity sum_leaves W_t / W i_t of the subtree after each step.
    public let impurities: [Double]
}

extension DecisionTreeModel {
    /// The cost-complexity pruning path of this tree.
    /// - Returns: the alphas at which subtrees are collapsed and the leaf impurities after each step.
    /// - Complexity: O(m^2) in the node count m.
    public func costComplexityPruningPath() -> CostComplexityPath {
        var alphas: [Double] = []
        var impurities: [Double] = []
        _ = _prune(stopAbove: nil) { alpha, impurity in
            alphas.append(alpha)
            impurities.append(impurity)
        }
        return CostComplexityPath(alphas: alphas, impurities: impurities)
    }

    /// The subtree of minimal cost complexity for `ccpAlpha`: every branch whose effective alpha
    /// is at most `ccpAlpha` is collapsed into a leaf (scikit-learn's `ccp_alpha`).
    /// - Parameter ccpAlpha: the complexity parameter (>= 0).
    /// - Returns: the pruned model (nodes renumbered in preorder, importances recomputed).
    /// - Throws: `DecisionTreeError.invalidParameter` for a negative or non-finite alpha.
    /// - Complexity: O(m^2) in the node count m.
    public func pruned(ccpAlpha: Double) throws(DecisionTreeError) -> DecisionTreeModel {
        guard ccpAlpha >= 0, ccpAlpha.isFinite else {
            throw .invalidParameter(name: "ccpAlpha", value: "\(ccpAlpha)", requirement: "must be finite and >= 0")
        }
        let keep = _prune(stopAbove: ccpAlpha) { _, _ in }
        return _subtree(collapsing: keep)
    }

    /// Runs the weakest-link loop; returns which nodes remain internal. `record` sees (0, R(T))
    /// first and then (alpha, R(T')) after each collapse.
    func _prune(stopAbove limit: Double?, record: (Double, Double) -> Void) -> [Bool] {
        let m = nodes.count
        let total = nodes[0].weightedSampleCount
        let rNode = nodes.map { $0.weightedSampleCount * $0.impurity / total }
        var parent = [Int](repeating: -1, count: m)
        for (i, node) in nodes.enumerated() {
            if let split = node.split {
                parent[split.left] = i
                parent[split.right] = i
            }
        }
        var leafCount = [Int](repeating: 0, count: m)
        var rBranch = [Double](repeating: 0, count: m)
        for (i, node) in nodes.enumerated() where node.isLeaf {
            rBranch[i] = rNode[i]
            var j = i
            while parent[j] >= 0 {
                rBranch[parent[j]] += rNode[i]
                leafCount[parent[j]] += 1
                j = parent[j]
            }
        }
        var isInternal = nodes.map { !$0.isLeaf }
        record(0, rBranch[0])
        while isInternal[0] {
            var alpha = Double.greatestFiniteMagnitude
            var weakest = 0
            for i in 0..<m where isInternal[i] {
                let candidate = (rNode[i] - rBranch[i]) / Double(leafCount[i] - 1)
                if candidate < alpha {
                    alpha = candidate
                    weakest = i
                }
            }
            if let limit, limit < alpha { break }
            var stack = [weakest]
            while let j = stack.popLast() {
                isInternal[j] = false
                if let split = nodes[j].split {
                    stack.append(split.left)
                    stack.append(split.right)
                }
            }
            let removed = leafCount[weakest] - 1
            leafCount[weakest] = 0
            let difference = rNode[weakest] - rBranch[weakest]
            rBranch[weakest] = rNode[weakest]
            var j = parent[weakest]
            while j >= 0 {
                leafCount[j] -= removed
                rBranch[j] += difference
                j = parent[j]
            }
            record(alpha, rBranch[0])
        }
        return isInternal
    }

    /// The model with every node not marked internal turned into a leaf (its descendants dropped).
    func _subtree(collapsing isInternal: [Bool]) -> DecisionTreeModel {
        var order: [Int] = []
        var stack = [0]
        while let i = stack.popLast() {
            order.append(i)
            if isInternal[i], let split = nodes[i].split {
                stack.append(split.right)
                stack.append(split.left)
            }
        }
        var position = [Int](repeating: -1, count: nodes.count)
        for (p, i) in order.enumerated() { position[i] = p }
        let kept = order.map { i in
            let node = nodes[i]
            var split: TreeSplit?
            if isInternal[i], let s = node.split {
                split = TreeSplit(
                    feature: s.feature, threshold: s.threshold, leftCategories: s.leftCategories,
                    missingGoesLeft: s.missingGoesLeft, missingCount: s.missingCount, left: position[s.left],
                    right: position[s.right], impurityDecrease: s.impurityDecrease)
            }
            return TreeNode(
                depth: node.depth, sampleCount: node.sampleCount, classCounts: node.classCounts,
                classWeights: node.classWeights, impurity: node.impurity, split: split)
        }
        return DecisionTreeModel(
            features: features, classCount: classCount, criterion: criterion, nodes: kept, leafSmoothing: leafSmoothing)
    }
}
