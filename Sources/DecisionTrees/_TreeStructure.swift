// Structural facts and checks of a tree stored in preorder as one optional split per node, shared
// by every tree model (a decoded file must not make prediction loop or index out of bounds).

/// The depth and the structural check of a preorder tree.
package enum _TreeStructure {
    /// The depth of the deepest leaf (0 for a single leaf), from the children indices, which must
    /// follow their parent (malformed links are skipped).
    /// - Parameter splits: one split per node, `nil` for a leaf.
    /// - Returns: the depth.
    /// - Complexity: O(nodes).
    package static func depth(_ splits: [TreeSplit?]) -> Int {
        var levels = [Int](repeating: 0, count: splits.count)
        for (i, split) in splits.enumerated() {
            guard let split, split.left > i, split.right > i, split.left < splits.count, split.right < splits.count
            else { continue }
            levels[split.left] = levels[i] + 1
            levels[split.right] = levels[i] + 1
        }
        return levels.max() ?? 0
    }

    /// What is wrong with the tree's links and splits for a model with `features`, or `nil`: the
    /// links as `DecisionTreeModel._shapeProblem(children:)` checks them; a split must name a
    /// feature of the model, with level codes of that feature for a categorical split or a
    /// threshold that is not NaN for a numeric one.
    /// - Parameters:
    ///   - splits: one split per node, `nil` for a leaf.
    ///   - features: the model's features.
    ///   - thresholdsOnCodes: whether a categorical feature may be split by a threshold on its level
    ///     codes (ensembles split codes as ordered bins; CART trees split them as level sets).
    /// - Returns: a description of the first problem naming the node, or `nil`.
    /// - Complexity: O(nodes + levels).
    package static func problem(_ splits: [TreeSplit?], features: [TreeFeature], thresholdsOnCodes: Bool) -> String? {
        for (i, split) in splits.enumerated() {
            guard let split else { continue }
            guard split.feature >= 0, split.feature < features.count else {
                return "node \(i) splits on feature \(split.feature), but the model has \(features.count) features"
            }
            let levels = features[split.feature].levels?.count
            if let categories = split.leftCategories {
                guard categories.allSatisfy({ $0 >= 0 && $0 < levels ?? 0 }) else {
                    return "node \(i): a categorical split needs level codes in 0..<\(levels ?? 0)"
                }
            } else if let levels, !thresholdsOnCodes {
                return "node \(i): a categorical split needs level codes in 0..<\(levels)"
            } else {
                guard let threshold = split.threshold, !threshold.isNaN else {
                    return "node \(i): a numeric split needs a threshold"
                }
            }
        }
        return DecisionTreeModel._shapeProblem(children: splits.map { split in split.map { (left: $0.left, right: $0.right) } })
    }
}
