// The CART classification tree trainer: hyperparameters, input validation and the fit entry points.
//
// Goals: scikit-learn's DecisionTreeClassifier vocabulary and stopping rules (max_depth,
// min_samples_split, min_samples_leaf, min_impurity_decrease, max_leaf_nodes with best-first
// growth, class_weight, sample_weight, ccp_alpha), split search on quantile-binned histograms as
// LightGBM (Ke et al., NeurIPS 2017) and scikit-learn's HistGradientBoosting do, an exact mode
// whose splits and thresholds match scikit-learn's, native categorical splits (Breiman et al.
// 1984, sec. 9.4: ordering the categories by their class-1 rate gives the optimal binary
// partition for two classes), regularized as LightGBM documents it (`CategoricalSplitOptions`),
// learned routing of missing values (NaN), and leaf probabilities smoothed towards the parent's
// rate (the m-estimate, Cestnik 1990), so that no leaf predicts exactly 0 or 1.

import LinearAlgebra

/// How candidate thresholds are searched.
public enum SplitSearch: Sendable, Codable, Equatable {
    /// Every numeric feature is cut into at most `maxBins` quantile bins once, before growth
    /// (plus one bin for missing values); splits are searched on per-node histograms, the larger
    /// child's histogram being the parent's minus the smaller child's. `maxBins` is in 2...255.
    case histogram(maxBins: Int)
    /// Every distinct value is a candidate, with scikit-learn's midpoint thresholds. For small data.
    case exact

    /// Histogram search with 255 value bins (256 bins with the missing-value bin).
    public static let `default` = SplitSearch.histogram(maxBins: 255)
}

/// How classes are weighted in impurities (multiplied with the sample weights).
public enum ClassWeights: Sendable, Equatable {
    /// Every class weighs 1.
    case uniform
    /// Class c weighs n / (k n_c), as scikit-learn's `class_weight="balanced"` (from unweighted counts).
    case balanced
    /// One weight per class, indexed by class label.
    case custom([Double])
}

/// A CART classification tree trainer (a `Sendable` struct of hyperparameters; `fit` returns a
/// `DecisionTreeModel`).
public struct DecisionTreeClassifier: Sendable, Codable, Equatable {
    /// The impurity minimized by splits (default Gini).
    public var criterion: SplitCriterion
    /// The maximal depth (the root has depth 0); `nil` (default) for no limit. Must be >= 1.
    public var maxDepth: Int?
    /// The minimal number of rows a node needs to be split (default 2, at least 2).
    public var minSamplesSplit: Int
    /// The minimal number of rows in each child of a split (default 1, at least 1).
    public var minSamplesLeaf: Int
    /// A split is made only if its weighted impurity decrease is at least this (default 0).
    public var minImpurityDecrease: Double
    /// Grows the tree best-first (largest impurity decrease first) up to this many leaves;
    /// `nil` (default) for no limit. Must be >= 2.
    public var maxLeafNodes: Int?
    /// Class weights (default `.uniform`).
    public var classWeights: ClassWeights
    /// How thresholds are searched (default: histograms of 255 quantile bins).
    public var splitSearch: SplitSearch
    /// Cost-complexity pruning parameter (default 0: no pruning); see `DecisionTreeModel.pruned(ccpAlpha:)`.
    public var ccpAlpha: Double
    /// The regularization of native categorical splits (default `.default`; `.unregularized` for
    /// Breiman's optimal partition on the training rows).
    public var categoricalSplits: CategoricalSplitOptions
    /// The m of the m-estimate leaf probabilities (default 1, >= 0): a node predicts
    /// (w_c + m p_c) / (w + m), with w_c and w its weighted class-c and total rows and p_c the
    /// parent's class-c frequency (the root predicts its own frequencies). 0 gives the raw
    /// frequencies, as scikit-learn; with m > 0 no leaf predicts exactly 0 or 1. Growth and
    /// impurities do not depend on it.
    public var leafSmoothing: Double

    /// Creates a trainer. Values are checked by `fit`.
    /// - Parameters:
    ///   - criterion: `.gini` (default) or `.entropy`.
    ///   - maxDepth: maximal depth, `nil` (default) for none.
    ///   - minSamplesSplit: rows needed to split a node (default 2).
    ///   - minSamplesLeaf: rows needed in each leaf (default 1).
    ///   - minImpurityDecrease: smallest weighted impurity decrease of a split (default 0).
    ///   - maxLeafNodes: leaf budget for best-first growth, `nil` (default) for none.
    ///   - classWeights: class weighting (default `.uniform`).
    ///   - splitSearch: histogram (default) or exact search.
    ///   - ccpAlpha: cost-complexity pruning parameter (default 0).
    ///   - categoricalSplits: regularization of categorical splits (default `.default`).
    ///   - leafSmoothing: the m of the m-estimate leaf probabilities (default 1; 0 for raw frequencies).
    public init(
        criterion: SplitCriterion = .gini, maxDepth: Int? = nil, minSamplesSplit: Int = 2,
        minSamplesLeaf: Int = 1, minImpurityDecrease: Double = 0, maxLeafNodes: Int? = nil,
        classWeights: ClassWeights = .uniform, splitSearch: SplitSearch = .default, ccpAlpha: Double = 0,
        categoricalSplits: CategoricalSplitOptions = .default, leafSmoothing: Double = 1
    ) {
        self.criterion = criterion
        self.maxDepth = maxDepth
        self.minSamplesSplit = minSamplesSplit
        self.minSamplesLeaf = minSamplesLeaf
        self.minImpurityDecrease = minImpurityDecrease
        self.maxLeafNodes = maxLeafNodes
        self.classWeights = classWeights
        self.splitSearch = splitSearch
        self.ccpAlpha = ccpAlpha
        self.categoricalSplits = categoricalSplits
        self.leafSmoothing = leafSmoothing
    }

    private enum CodingKeys: String, CodingKey {
        case criterion, maxDepth, minSamplesSplit, minSamplesLeaf, minImpurityDecrease, maxLeafNodes, classWeights
        case splitSearch, ccpAlpha, categoricalSplits, leafSmoothing
    }

    /// Decodes the hyperparameters; those added later (`categoricalSplits`, `leafSmoothing`) take
    /// their defaults when absent, so older files still decode.
    /// - Throws: `DecodingError` for a missing or mistyped older key.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            criterion: try c.decode(SplitCriterion.self, forKey: .criterion),
            maxDepth: try c.decodeIfPresent(Int.self, forKey: .maxDepth),
            minSamplesSplit: try c.decode(Int.self, forKey: .minSamplesSplit),
            minSamplesLeaf: try c.decode(Int.self, forKey: .minSamplesLeaf),
            minImpurityDecrease: try c.decode(Double.self, forKey: .minImpurityDecrease),
            maxLeafNodes: try c.decodeIfPresent(Int.self, forKey: .maxLeafNodes),
            classWeights: try c.decode(ClassWeights.self, forKey: .classWeights),
            splitSearch: try c.decode(SplitSearch.self, forKey: .splitSearch),
            ccpAlpha: try c.decode(Double.self, forKey: .ccpAlpha),
            categoricalSplits: try c.decodeIfPresent(CategoricalSplitOptions.self, forKey: .categoricalSplits) ?? .default,
            leafSmoothing: try c.decodeIfPresent(Double.self, forKey: .leafSmoothing) ?? 1)
    }

    /// Fits a binary tree (class 1 = `true`, e.g. churned).
    /// - Parameters:
    ///   - x: n x d features, row-major; NaN is a missing value; categorical features hold level codes.
    ///   - y: n labels.
    ///   - features: names and levels of the d features (default `feature_0`... all numeric).
    ///   - sampleWeights: n non-negative weights (default all 1).
    /// - Returns: the fitted model.
    /// - Throws: `DecisionTreeError` for bad hyperparameters or data (see `fit(_:classes:...)`).
    /// - Complexity: O(n d log n) for binning, then O(n d) per tree level with histograms;
    ///   O(n d) per node in exact mode plus O(d n log n) for sorting.
    public func fit(
        _ x: Matrix, _ y: [Bool], features: [TreeFeature]? = nil, sampleWeights: [Double]? = nil
    ) throws(DecisionTreeError) -> DecisionTreeModel {
        try fit(x, classes: y.map { $0 ? 1 : 0 }, classCount: 2, features: features, sampleWeights: sampleWeights)
    }

    /// Fits a tree on class labels `0..<classCount`.
    /// - Parameters:
    ///   - x: n x d features, row-major; NaN is a missing value; categorical features hold level codes.
    ///   - y: n class labels.
    ///   - classCount: the number of classes k (default: the largest label + 1).
    ///   - features: names and levels of the d features (default `feature_0`... all numeric).
    ///   - sampleWeights: n non-negative weights (default all 1).
    /// - Returns: the fitted model.
    /// - Throws: `DecisionTreeError.invalidParameter` for a hyperparameter out of range,
    ///   `.emptyData` for no rows or no features, `.dimensionMismatch` for inputs of different sizes,
    ///   `.invalidLabel`, `.singleClass` when only one class occurs, `.nonFiniteValue` for an
    ///   infinite feature value, `.invalidCategoryCode`, `.tooManyLevels` and `.invalidSampleWeight`.
    /// - Complexity: as `fit(_:_:features:sampleWeights:)`.
    public func fit(
        _ x: Matrix, classes y: [Int], classCount: Int? = nil, features: [TreeFeature]? = nil,
        sampleWeights: [Double]? = nil
    ) throws(DecisionTreeError) -> DecisionTreeModel {
        try _validateParameters()
        let n = x.rows
        let (features, k, weights) = try _TrainingInputs.checked(
            x, classes: y, classCount: classCount, features: features, sampleWeights: sampleWeights,
            classWeights: classWeights)

        let grown: [TreeNode]
        switch splitSearch {
        case .histogram(let maxBins):
            let binning = try _FeatureBinning(x: x, features: features, maxBins: maxBins)
            let codes: [UInt8] = try binning.codes(x: x)
            var grower = _TreeGrower(
                binning: binning, codes: codes, rowCount: n, labels: y, weights: weights, classCount: k,
                parameters: self)
            grown = grower.grow()
        case .exact:
            let binning = try _FeatureBinning(x: x, features: features, maxBins: nil)
            let codes: [UInt32] = try binning.codes(x: x)
            var grower = _TreeGrower(
                binning: binning, codes: codes, rowCount: n, labels: y, weights: weights, classCount: k,
                parameters: self)
            grown = grower.grow()
        }
        let model = DecisionTreeModel(
            features: features, classCount: k, criterion: criterion, nodes: grown, leafSmoothing: leafSmoothing)
        return ccpAlpha > 0 ? try model.pruned(ccpAlpha: ccpAlpha) : model
    }

    /// The cost-complexity pruning path of the tree these settings grow (with `ccpAlpha` ignored),
    /// as scikit-learn's `cost_complexity_pruning_path`.
    /// - Parameters:
    ///   - x: n x d features.
    ///   - y: n labels.
    ///   - features: feature descriptions (default all numeric).
    ///   - sampleWeights: n weights (default all 1).
    /// - Returns: the effective alphas and total leaf impurities of the nested subtrees.
    /// - Throws: as `fit`.
    /// - Complexity: the fit, plus O(m^2) in the node count m.
    public func costComplexityPruningPath(
        _ x: Matrix, _ y: [Bool], features: [TreeFeature]? = nil, sampleWeights: [Double]? = nil
    ) throws(DecisionTreeError) -> CostComplexityPath {
        var unpruned = self
        unpruned.ccpAlpha = 0
        return try unpruned.fit(x, y, features: features, sampleWeights: sampleWeights).costComplexityPruningPath()
    }

    /// Checks every hyperparameter.
    func _validateParameters() throws(DecisionTreeError) {
        if let maxDepth, maxDepth < 1 {
            throw .invalidParameter(name: "maxDepth", value: "\(maxDepth)", requirement: "must be at least 1 (or nil for no limit)")
        }
        guard minSamplesSplit >= 2 else {
            throw .invalidParameter(name: "minSamplesSplit", value: "\(minSamplesSplit)", requirement: "must be at least 2")
        }
        guard minSamplesLeaf >= 1 else {
            throw .invalidParameter(name: "minSamplesLeaf", value: "\(minSamplesLeaf)", requirement: "must be at least 1")
        }
        guard minImpurityDecrease >= 0, minImpurityDecrease.isFinite else {
            throw .invalidParameter(
                name: "minImpurityDecrease", value: "\(minImpurityDecrease)", requirement: "must be finite and >= 0")
        }
        if let maxLeafNodes, maxLeafNodes < 2 {
            throw .invalidParameter(
                name: "maxLeafNodes", value: "\(maxLeafNodes)", requirement: "must be at least 2 (or nil for no limit)")
        }
        guard ccpAlpha >= 0, ccpAlpha.isFinite else {
            throw .invalidParameter(name: "ccpAlpha", value: "\(ccpAlpha)", requirement: "must be finite and >= 0")
        }
        guard leafSmoothing >= 0, leafSmoothing.isFinite else {
            throw .invalidParameter(name: "leafSmoothing", value: "\(leafSmoothing)", requirement: "must be finite and >= 0")
        }
        try categoricalSplits.validate()
        if case .histogram(let maxBins) = splitSearch, !(2...255).contains(maxBins) {
            throw .invalidParameter(
                name: "maxBins", value: "\(maxBins)", requirement: "must be in 2...255 (one more bin holds missing values)")
        }
    }
}
