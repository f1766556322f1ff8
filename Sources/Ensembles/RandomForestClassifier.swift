// Random forests for a binary target: bootstrap rows, features drawn per split, trees in parallel,
// out-of-bag estimates.
//
// Goals: Breiman's random forest ("Random Forests", Machine Learning 45, 2001) as scikit-learn's
// RandomForestClassifier grows it (bootstrap of n rows with replacement per tree, `max_features`
// features drawn at each split, Gini splits, probabilities averaged over the trees), on
// DecisionTrees' histogram binning. A Gini CART on a binary label is the regression tree of
// g = -w y with h = w (the gain sum_c G_c^2 / H_c - G^2 / H = sum_c W_c p_c^2 - W p^2 is half
// the weighted Gini decrease, and a leaf's -G / H is its weighted fraction of positives), so the
// forest grows its trees with the booster's histogram grower, the bootstrap counts as weights.
// Each tree draws from its own xoshiro256** stream, seeded by the t-th output of SplitMix64(seed):
// first its n bootstrap draws, then the features of each split search, so the forest does not
// depend on the order in which the trees run. A row's out-of-bag probability is the mean of the
// trees that did not draw it; the out-of-bag AUC and log loss are over the rows that have one.

import _ChurnKitCore
import DecisionTrees
import LinearAlgebra
import ModelMetrics
import Tabular

/// How many features each split of a forest tree may choose from.
public enum FeaturesPerSplit: Sendable, Codable, Equatable {
    /// floor(sqrt(d)), at least 1 (scikit-learn's `max_features="sqrt"`).
    case sqrt
    /// Every feature (bagged trees).
    case all
    /// A fixed number, at least 1 (capped at d).
    case fixed(count: Int)

    /// The number for d features: floor(sqrt(d)) at least 1, d, or min(count, d).
    /// - Parameter d: the number of features.
    /// - Returns: the features per split.
    public func resolved(features d: Int) -> Int {
        switch self {
        case .sqrt:
            var k = 1
            while (k + 1) * (k + 1) <= d { k += 1 }
            return k
        case .all: return d
        case .fixed(let k): return max(1, min(k, d))
        }
    }
}

/// A random forest trainer for a binary target (a `Sendable` struct of hyperparameters with
/// scikit-learn's defaults; `fit` returns a `RandomForestModel`).
public struct RandomForestClassifier: Sendable, Codable, Equatable {
    /// The number of trees, at least 1 (default 100).
    public var trees: Int
    /// The maximal depth of a tree, at least 1, or `nil` (default) for no limit.
    public var maxDepth: Int?
    /// The most leaves per tree (best-first growth), at least 2, or `nil` (default) for no limit.
    public var maxLeaves: Int?
    /// The fewest training rows (distinct, drawn) in a leaf, at least 1 (default 1).
    public var minSamplesLeaf: Int
    /// The features each split chooses from (default `.sqrt`).
    public var featuresPerSplit: FeaturesPerSplit
    /// Draws n rows with replacement per tree (default true); false grows every tree on every row.
    public var bootstrap: Bool
    /// The most value bins per feature, in 2...255 (default 255).
    public var maxBins: Int
    /// Class weights, multiplied with the sample weights (default `.uniform`).
    public var classWeights: ClassWeights
    /// The seed of the bootstrap and feature draws.
    public var seed: UInt64

    /// Creates a trainer. Values are checked by `fit`.
    /// - Parameters:
    ///   - trees: number of trees (default 100).
    ///   - maxDepth: depth limit (default none).
    ///   - maxLeaves: leaf limit (default none).
    ///   - minSamplesLeaf: rows per leaf at least (default 1).
    ///   - featuresPerSplit: features per split (default sqrt).
    ///   - bootstrap: bootstrap rows per tree (default true).
    ///   - maxBins: value bins per feature (default 255).
    ///   - classWeights: class weights (default uniform).
    ///   - seed: the random seed (default 0).
    public init(
        trees: Int = 100, maxDepth: Int? = nil, maxLeaves: Int? = nil, minSamplesLeaf: Int = 1,
        featuresPerSplit: FeaturesPerSplit = .sqrt, bootstrap: Bool = true, maxBins: Int = 255,
        classWeights: ClassWeights = .uniform, seed: UInt64 = 0
    ) {
        self.trees = trees
        self.maxDepth = maxDepth
        self.maxLeaves = maxLeaves
        self.minSamplesLeaf = minSamplesLeaf
        self.featuresPerSplit = featuresPerSplit
        self.bootstrap = bootstrap
        self.maxBins = maxBins
        self.classWeights = classWeights
        self.seed = seed
    }

    /// The random stream of tree `t`: xoshiro256** seeded by the (t+1)-th output of SplitMix64(seed).
    /// - Complexity: O(t).
    func _stream(tree t: Int) -> SeededRandom {
        var mixer = SplitMix64(seed: seed)
        for _ in 0..<t { _ = mixer.next() }
        return SeededRandom(seed: mixer.next())
    }

    /// How many times tree `t` draws each of `rowCount` rows (its bootstrap sample; every row once
    /// without bootstrap), as `fit` draws them.
    /// - Parameters:
    ///   - t: the tree's index.
    ///   - rowCount: the number of training rows n.
    /// - Returns: n counts summing to n.
    /// - Complexity: O(n + t).
    public func bootstrapCounts(tree t: Int, rowCount: Int) -> [Int] {
        guard bootstrap else { return [Int](repeating: 1, count: max(rowCount, 0)) }
        var random = _stream(tree: t)
        return _bootstrapCounts(rowCount, using: &random)
    }

    func _bootstrapCounts(_ n: Int, using random: inout SeededRandom) -> [Int] {
        var counts = [Int](repeating: 0, count: max(n, 0))
        for _ in 0..<n { counts[random.nextIndex(below: n)] += 1 }
        return counts
    }

    /// Fits the forest (class 1 = `true`, e.g. churned).
    /// - Parameters:
    ///   - x: n x d features, row-major; NaN is a missing value; categorical features hold level codes.
    ///   - y: n labels.
    ///   - features: names and levels of the d features (default `feature_0`... all numeric).
    ///   - sampleWeights: n non-negative weights (default all 1).
    /// - Returns: the fitted model, with its out-of-bag estimate when bootstrapping.
    /// - Throws: `DecisionTreeError.invalidParameter` for a hyperparameter out of range, `.emptyData`,
    ///   `.dimensionMismatch`, `.singleClass`, `.nonFiniteValue`, `.invalidSampleWeight`.
    /// - Complexity: O(n d log b) for binning, then per tree O(n d) per level; trees run on all cores.
    public func fit(
        _ x: Matrix, _ y: [Bool], features: [TreeFeature]? = nil, sampleWeights: [Double]? = nil
    ) throws(DecisionTreeError) -> RandomForestModel {
        try _validateParameters()
        let (features, _, weights) = try _TrainingInputs.checked(
            x, classes: y.map { $0 ? 1 : 0 }, classCount: 2, features: features, sampleWeights: sampleWeights,
            classWeights: classWeights)
        let n = x.rows, d = x.columns
        // Level codes are binned as ordered numbers, as the booster does.
        let binning = try _FeatureBinning(x: x, features: features.map { TreeFeature(name: $0.name) }, maxBins: maxBins)
        let codes: [UInt8] = try binning.codes(x: x)
        let grower = _GradientTreeGrower(
            binning: binning, codes: codes,
            rules: _GrowthRules(
                maxLeaves: maxLeaves ?? Int.max, maxDepth: maxDepth, minSamplesLeaf: minSamplesLeaf, minSumHessian: 0,
                l1: 0, l2: 0, minSplitGain: 0, learningRate: 1, featuresPerSplit: featuresPerSplit.resolved(features: d)))
        var grown = [_GrownTree?](repeating: nil, count: trees)
        var inBag = [[Bool]](repeating: [], count: trees)
        let allFeatures = Array(0..<d)
        grown.withUnsafeMutableBufferPointer { grown in
            inBag.withUnsafeMutableBufferPointer { inBag in
                concurrentForEach(trees, concurrently: true) { t in
                    var random = _stream(tree: t)
                    let counts = bootstrap ? _bootstrapCounts(n, using: &random) : [Int](repeating: 1, count: n)
                    var rows: [Int32] = []
                    var g = [Double](repeating: 0, count: n), h = [Double](repeating: 0, count: n)
                    for i in 0..<n where counts[i] > 0 {
                        rows.append(Int32(truncatingIfNeeded: i))
                        h[i] = Double(counts[i]) * weights[i]
                        g[i] = y[i] ? -h[i] : 0
                    }
                    grown[t] = grower.grow(rows: &rows, gradients: g, hessians: h, features: allFeatures, random: &random)
                    inBag[t] = counts.map { $0 > 0 }
                }
            }
        }
        let fitted = grown.compactMap { $0 }
        var outOfBag: OutOfBagEstimate?
        if bootstrap {
            // Row blocks on all cores; each row adds its out-of-bag trees in tree order.
            var sums = [Double](repeating: 0, count: n), counts = [Int](repeating: 0, count: n)
            let blockSize = 4_096
            sums.withUnsafeMutableBufferPointer { sums in
                counts.withUnsafeMutableBufferPointer { counts in
                    concurrentForEach((n + blockSize - 1) / blockSize, concurrently: n >= 2 * blockSize) { block in
                        let rows = (block * blockSize)..<min(n, (block + 1) * blockSize)
                        for (t, tree) in fitted.enumerated() {
                            for i in rows where !inBag[t][i] {
                                sums[i] += tree.binnedValue(row: i, codes: codes, d: d, missingBins: binning.binCounts)
                                counts[i] += 1
                            }
                        }
                    }
                }
            }
            let scored = (0..<n).filter { counts[$0] > 0 }
            outOfBag = OutOfBagEstimate(
                labels: scored.map { y[$0] }, probabilities: scored.map { sums[$0] / Double(counts[$0]) },
                weights: scored.map { weights[$0] })
        }
        return RandomForestModel(features: features, trees: fitted.map { EnsembleTree(nodes: $0.nodes) }, outOfBag: outOfBag)
    }

    /// Checks every hyperparameter.
    func _validateParameters() throws(DecisionTreeError) {
        func require(_ ok: Bool, _ name: String, _ value: String, _ requirement: String) throws(DecisionTreeError) {
            if !ok { throw .invalidParameter(name: name, value: value, requirement: requirement) }
        }
        try require(trees >= 1, "trees", "\(trees)", "must be at least 1")
        if let maxDepth { try require(maxDepth >= 1, "maxDepth", "\(maxDepth)", "must be at least 1 (or nil for no limit)") }
        if let maxLeaves { try require(maxLeaves >= 2, "maxLeaves", "\(maxLeaves)", "must be at least 2 (or nil for no limit)") }
        try require(minSamplesLeaf >= 1, "minSamplesLeaf", "\(minSamplesLeaf)", "must be at least 1")
        if case .fixed(let k) = featuresPerSplit {
            try require(k >= 1, "featuresPerSplit", "\(k)", "must be at least 1")
        }
        try require((2...255).contains(maxBins), "maxBins", "\(maxBins)", "must be in 2...255 (one more bin holds missing values)")
    }
}
