// How native categorical splits are regularized.
//
// Goals: the ideas LightGBM documents for its categorical splits (parameters `cat_smooth`,
// `min_data_per_group`, `max_cat_threshold`, `max_cat_to_onehot`; Ke et al., NeurIPS 2017, and
// the LightGBM "Advanced Topics" page), written from the documentation. Sorting the levels of a
// node by their raw class-1 rate gives the best binary partition on the training rows (Breiman
// et al. 1984, sec. 9.4), which is exactly what overfits a column with many small levels (51
// states, 50 rows each): a level with 3 rows and 0 churners ranks first. So a level needs a
// minimum number of rows in the node to be placed on its own, levels are ordered by a rate
// shrunk towards the node's rate, the set of levels listed on the left of a split is capped, and
// a column with few levels is split one level against the rest.

/// The regularization of native categorical splits (histogram and exact search alike).
///
/// In a node, the levels (and the missing value, as one more level) with at least
/// `minDataPerCategory` rows are ordered by their smoothed class-1 rate
/// (w_1 + catSmooth * p) / (w + catSmooth), with w_1 and w the level's weighted class-1 and total
/// rows and p the node's weighted class-1 rate (the rows themselves when unweighted; for k > 2
/// classes, the node's majority class). Candidate left sets are the first 1, 2, ... levels of that
/// order, and the last 1, 2, ... levels, at most `maxCategoryThreshold` each; rarer levels and
/// levels absent from the node always go right. A column with at most `maxCategoryToOneHot`
/// levels is split one level against the rest instead (every level with rows is a candidate;
/// `minSamplesLeaf` still bounds both sides), as LightGBM does.
public struct CategoricalSplitOptions: Sendable, Codable, Equatable {
    /// Rows a level needs in a node to be ordered and placed on its own (default 50, at least 1).
    /// On a generated telecom file with 51 states of about 50 training rows each (2,666 rows,
    /// depth 6, 20 rows per leaf, datasets/telecom-plans-states.csv), 10 or 20 still let a depth-5
    /// node of 1,800 rows split on noisy state rates (hold-out AUC 0.858 against 0.875 without
    /// State); 50 keeps the split out of nodes where states have a few dozen rows (AUC 0.875).
    public var minDataPerCategory: Int
    /// Pseudo-rows of the node's rate added to each level's rate before ordering (default 10, >= 0;
    /// 0 orders by the raw rates).
    public var catSmooth: Double
    /// The most levels a split lists on its left side (default 32, at least 1).
    public var maxCategoryThreshold: Int
    /// Columns with at most this many levels are split one level against the rest, without the
    /// row minimum per level (default 4; 0 never).
    public var maxCategoryToOneHot: Int

    /// Creates options; values are checked when a tree is fitted.
    /// - Parameters:
    ///   - minDataPerCategory: rows a level needs to be ordered on its own (default 50).
    ///   - catSmooth: smoothing pseudo-rows of the level ordering (default 10).
    ///   - maxCategoryThreshold: levels listed on the left of a split at most (default 32).
    ///   - maxCategoryToOneHot: level count up to which splits are one-vs-rest (default 4).
    public init(
        minDataPerCategory: Int = 50, catSmooth: Double = 10, maxCategoryThreshold: Int = 32,
        maxCategoryToOneHot: Int = 4
    ) {
        self.minDataPerCategory = minDataPerCategory
        self.catSmooth = catSmooth
        self.maxCategoryThreshold = maxCategoryThreshold
        self.maxCategoryToOneHot = maxCategoryToOneHot
    }

    /// The defaults (50 rows per level, smoothing 10, 32 levels on the left, one-vs-rest up to 4 levels).
    public static let `default` = CategoricalSplitOptions()

    /// No regularization: every level present is ordered by its raw rate and every prefix is a
    /// candidate (Breiman's optimal partition on the training rows, the behaviour before these options).
    public static let unregularized = CategoricalSplitOptions(
        minDataPerCategory: 1, catSmooth: 0, maxCategoryThreshold: Int.max, maxCategoryToOneHot: 0)

    /// Checks every value.
    /// - Throws: `DecisionTreeError.invalidParameter` naming the first value out of range.
    func validate() throws(DecisionTreeError) {
        guard minDataPerCategory >= 1 else {
            throw .invalidParameter(
                name: "minDataPerCategory", value: "\(minDataPerCategory)", requirement: "must be at least 1")
        }
        guard catSmooth >= 0, catSmooth.isFinite else {
            throw .invalidParameter(name: "catSmooth", value: "\(catSmooth)", requirement: "must be finite and >= 0")
        }
        guard maxCategoryThreshold >= 1 else {
            throw .invalidParameter(
                name: "maxCategoryThreshold", value: "\(maxCategoryThreshold)", requirement: "must be at least 1")
        }
        guard maxCategoryToOneHot >= 0 else {
            throw .invalidParameter(
                name: "maxCategoryToOneHot", value: "\(maxCategoryToOneHot)", requirement: "must be at least 0")
        }
    }
}

extension CategoricalSplitOptions {
    /// The levels of a node in the order their left sets are tried: those with at least
    /// `minDataPerCategory` rows, by increasing smoothed rate (w_1 + catSmooth p) / (w + catSmooth)
    /// (the level index breaks ties); and whether some level with rows was too rare to be ordered.
    /// - Parameters:
    ///   - rows: the rows of each level in the node (unweighted).
    ///   - weights: the weighted rows of each level.
    ///   - positives: the weighted rows of the ordered class in each level.
    ///   - prior: the node's weighted rate of the ordered class.
    /// - Returns: level indices into the arrays, and the rare flag.
    /// - Complexity: O(m log m) for m levels.
    func _ordered(rows: [Double], weights: [Double], positives: [Double], prior: Double) -> (levels: [Int], hasRare: Bool) {
        var keyed: [(level: Int, key: Double)] = []
        var hasRare = false
        for level in rows.indices where rows[level] > 0 {
            guard rows[level] >= Double(minDataPerCategory) else {
                hasRare = true
                continue
            }
            let denominator = weights[level] + catSmooth
            keyed.append((level, denominator > 0 ? (positives[level] + catSmooth * prior) / denominator : 0))
        }
        keyed.sort { $0.key < $1.key || ($0.key == $1.key && $0.level < $1.level) }
        return (keyed.map(\.level), hasRare)
    }
}
