/// One node of a fitted tree, with the training statistics of the rows that reached it.
public struct TreeNode: Sendable, Codable, Equatable {
    /// Depth of the node; the root has depth 0.
    public let depth: Int
    /// Number of training rows that reached the node.
    public let sampleCount: Int
    /// Number of those rows in each class (unweighted).
    public let classCounts: [Int]
    /// Weighted class totals (sample weight times class weight) of those rows; the leaf
    /// probabilities are these totals normalized (scikit-learn's `tree_.value`).
    public let classWeights: [Double]
    /// The node's impurity under the model's criterion, from `classWeights`.
    public let impurity: Double
    /// The split of an internal node; `nil` for a leaf.
    public let split: TreeSplit?

    /// Creates a node.
    /// - Parameters:
    ///   - depth: the node's depth.
    ///   - sampleCount: training rows in the node.
    ///   - classCounts: rows per class.
    ///   - classWeights: weighted class totals.
    ///   - impurity: the node's impurity.
    ///   - split: the split, `nil` for a leaf.
    public init(
        depth: Int, sampleCount: Int, classCounts: [Int], classWeights: [Double], impurity: Double, split: TreeSplit?
    ) {
        self.depth = depth
        self.sampleCount = sampleCount
        self.classCounts = classCounts
        self.classWeights = classWeights
        self.impurity = impurity
        self.split = split
    }

    /// True when the node has no split.
    public var isLeaf: Bool { split == nil }

    /// The sum of `classWeights` (scikit-learn's `weighted_n_node_samples`).
    public var weightedSampleCount: Double { classWeights.reduce(0, +) }

    /// The class probabilities predicted at this node (normalized `classWeights`).
    /// - Complexity: O(k).
    public var probabilities: [Double] {
        let total = weightedSampleCount
        return total > 0 ? classWeights.map { $0 / total } : classWeights.map { _ in 1 / Double(classWeights.count) }
    }

    /// The m-estimate of the class probabilities, (w_c + m prior_c) / (w + m) with w_c the
    /// `classWeights` and w their sum (Cestnik 1990); `probabilities` when m is 0 or w + m is 0.
    /// - Parameters:
    ///   - prior: k prior probabilities (the parent's frequencies in a tree).
    ///   - m: the weight of the prior, in rows (>= 0).
    /// - Returns: k probabilities.
    /// - Complexity: O(k).
    public func smoothedProbabilities(prior: [Double], m: Double) -> [Double] {
        let total = weightedSampleCount
        guard m > 0, prior.count == classWeights.count, total + m > 0 else { return probabilities }
        return zip(classWeights, prior).map { ($0 + m * $1) / (total + m) }
    }
}

/// How an internal node sends a row to its left or right child.
public struct TreeSplit: Sendable, Codable, Equatable {
    /// The feature tested (column index).
    public let feature: Int
    /// For a numeric feature: a row goes left when its value is <= `threshold`.
    public let threshold: Double?
    /// For a categorical feature: a row goes left when its level code is in this set (sorted).
    public let leftCategories: [Int]?
    /// Where a missing value (NaN) goes; for a categorical feature also an unknown level code.
    public let missingGoesLeft: Bool
    /// Training rows of the node whose value was missing (when 0, missing values go to the
    /// child with more rows, as scikit-learn does).
    public let missingCount: Int
    /// Index of the left child in `DecisionTreeModel.nodes`.
    public let left: Int
    /// Index of the right child.
    public let right: Int
    /// The weighted impurity decrease (W_t / W)(i_t - W_L/W_t i_L - W_R/W_t i_R).
    public let impurityDecrease: Double

    /// Creates a split.
    /// - Parameters:
    ///   - feature: the feature index.
    ///   - threshold: the numeric threshold (`nil` for a categorical split).
    ///   - leftCategories: the level codes sent left (`nil` for a numeric split).
    ///   - missingGoesLeft: where missing values go.
    ///   - missingCount: training rows with a missing value.
    ///   - left: the left child's index.
    ///   - right: the right child's index.
    ///   - impurityDecrease: the weighted impurity decrease.
    public init(
        feature: Int, threshold: Double?, leftCategories: [Int]?, missingGoesLeft: Bool, missingCount: Int,
        left: Int, right: Int, impurityDecrease: Double
    ) {
        self.feature = feature
        self.threshold = threshold
        self.leftCategories = leftCategories
        self.missingGoesLeft = missingGoesLeft
        self.missingCount = missingCount
        self.left = left
        self.right = right
        self.impurityDecrease = impurityDecrease
    }
}
