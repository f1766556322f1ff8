// Gradient-boosted trees for a binary target: hyperparameters, input checks and the boosting loop.
//
// Why a module of its own (`Ensembles`, beside `DecisionTrees`): the ensembles reuse the tree
// engine's binning, packed prediction and input checks (package access), but a service that
// needs one CART tree should not carry the boosting and forest code, and the ensembles' public
// vocabulary (rounds, learning rate, leaves, gain importances) is not the CART trainer's.
//
// Goals: LightGBM's binary log-loss booster (Ke et al., NeurIPS 2017; Friedman, "Greedy function
// approximation", Ann. Statist. 2001; the Newton step of Chen & Guestrin, KDD 2016) on
// DecisionTrees' histogram binning (at most 255 value bins per feature, missing values routed).
// The margin starts at the log-odds of the weighted base rate, log(sum w y / sum w (1 - y)) (LightGBM's `boost_from_average`);
// each round computes for every row g = w (p - y) and h = w p (1 - p) with p = sigmoid(margin),
// grows one tree leaf-wise on them (`_GradientTreeGrower`) and adds its leaf outputs to the
// margins. Row subsampling draws a fraction of the rows without replacement per tree, column
// subsampling a fraction of the features per tree, both from one seeded xoshiro256** stream.
// Early stopping watches the validation log loss and keeps the trees of the best round when
// `earlyStoppingRounds` rounds in a row did not improve it. Categorical features are split as
// ordered bins of their level codes (a threshold on the code), not as level sets.

#if canImport(Glibc)
import _ChurnKitCore
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DecisionTrees
import LinearAlgebra
import LinearModels
import Tabular

/// Rows set aside to watch the loss while boosting (the learning curve and early stopping).
public struct ValidationSet: Sendable {
    /// m x d features, encoded as the training features.
    public var x: Matrix
    /// m labels.
    public var y: [Bool]
    /// m non-negative weights, or `nil` for all 1.
    public var sampleWeights: [Double]?

    /// Creates a validation set.
    /// - Parameters:
    ///   - x: the features.
    ///   - y: the labels.
    ///   - sampleWeights: the weights (default all 1).
    public init(x: Matrix, y: [Bool], sampleWeights: [Double]? = nil) {
        self.x = x
        self.y = y
        self.sampleWeights = sampleWeights
    }
}

/// A gradient-boosted tree trainer for a binary target (binary log loss). A `Sendable` struct of
/// hyperparameters with LightGBM's defaults; `fit` returns a `GradientBoostingModel`.
public struct GradientBoostingClassifier: Sendable, Codable, Equatable {
    /// The number of boosting rounds (trees), at least 1 (default 100).
    public var rounds: Int
    /// The shrinkage of every tree's outputs, in (0, 1] (default 0.1).
    public var learningRate: Double
    /// The most leaves per tree, at least 2 (default 31).
    public var maxLeaves: Int
    /// The maximal depth of a tree (the root has depth 0), at least 1, or `nil` (default) for no limit.
    public var maxDepth: Int?
    /// The fewest training rows in a leaf, at least 1 (default 20).
    public var minSamplesLeaf: Int
    /// The smallest Hessian sum in a leaf, >= 0 (default 1e-3).
    public var minSumHessian: Double
    /// The L2 penalty on leaf outputs (LightGBM's `lambda_l2`), >= 0 (default 0).
    public var l2: Double
    /// The L1 penalty on leaf outputs (LightGBM's `lambda_l1`), >= 0 (default 0).
    public var l1: Double
    /// The smallest gain a split needs, >= 0 (default 0: any positive gain).
    public var minSplitGain: Double
    /// The fraction of rows each tree is grown on, in (0, 1] (default 1: every row).
    public var rowSubsample: Double
    /// The fraction of features each tree may split on, in (0, 1] (default 1: every feature).
    public var columnSubsample: Double
    /// Stop when the validation log loss has not improved for this many rounds, keeping the trees
    /// of the best round; `nil` (default) grows every round. At least 1.
    public var earlyStoppingRounds: Int?
    /// With early stopping and no validation set given to `fit`: the fraction of the training rows
    /// set aside (stratified, seeded) to validate on, in (0, 1) (default 0.1).
    public var validationFraction: Double
    /// The most value bins per feature, in 2...255 (default 255; one more bin holds missing values).
    public var maxBins: Int
    /// Class weights, multiplied with the sample weights (default `.uniform`).
    public var classWeights: ClassWeights
    /// The seed of the row and column subsampling and of the validation split.
    public var seed: UInt64

    /// Creates a trainer. Values are checked by `fit`.
    /// - Parameters:
    ///   - rounds: boosting rounds (default 100).
    ///   - learningRate: shrinkage (default 0.1).
    ///   - maxLeaves: leaves per tree at most (default 31).
    ///   - maxDepth: depth limit (default none).
    ///   - minSamplesLeaf: rows per leaf at least (default 20).
    ///   - minSumHessian: Hessian sum per leaf at least (default 1e-3).
    ///   - l2: L2 leaf penalty (default 0).
    ///   - l1: L1 leaf penalty (default 0).
    ///   - minSplitGain: gain a split needs (default 0).
    ///   - rowSubsample: fraction of rows per tree (default 1).
    ///   - columnSubsample: fraction of features per tree (default 1).
    ///   - earlyStoppingRounds: patience of early stopping (default none).
    ///   - validationFraction: rows set aside for early stopping (default 0.1).
    ///   - maxBins: value bins per feature (default 255).
    ///   - classWeights: class weights (default uniform).
    ///   - seed: the random seed (default 0).
    public init(
        rounds: Int = 100, learningRate: Double = 0.1, maxLeaves: Int = 31, maxDepth: Int? = nil,
        minSamplesLeaf: Int = 20, minSumHessian: Double = 1e-3, l2: Double = 0, l1: Double = 0,
        minSplitGain: Double = 0, rowSubsample: Double = 1, columnSubsample: Double = 1,
        earlyStoppingRounds: Int? = nil, validationFraction: Double = 0.1, maxBins: Int = 255,
        classWeights: ClassWeights = .uniform, seed: UInt64 = 0
    ) {
        self.rounds = rounds
        self.learningRate = learningRate
        self.maxLeaves = maxLeaves
        self.maxDepth = maxDepth
        self.minSamplesLeaf = minSamplesLeaf
        self.minSumHessian = minSumHessian
        self.l2 = l2
        self.l1 = l1
        self.minSplitGain = minSplitGain
        self.rowSubsample = rowSubsample
        self.columnSubsample = columnSubsample
        self.earlyStoppingRounds = earlyStoppingRounds
        self.validationFraction = validationFraction
        self.maxBins = maxBins
        self.classWeights = classWeights
        self.seed = seed
    }

    /// Fits the model (class 1 = `true`, e.g. churned).
    /// - Parameters:
    ///   - x: n x d features, row-major; NaN is a missing value; categorical features hold level codes.
    ///   - y: n labels.
    ///   - features: names and levels of the d features (default `feature_0`... all numeric).
    ///   - sampleWeights: n non-negative weights (default all 1).
    ///   - validation: rows to watch the loss on; with `earlyStoppingRounds` and none given, a
    ///     `validationFraction` of the rows is set aside.
    /// - Returns: the fitted model.
    /// - Throws: `DecisionTreeError.invalidParameter` for a hyperparameter out of range, `.emptyData`,
    ///   `.dimensionMismatch`, `.singleClass`, `.nonFiniteValue` for an infinite value,
    ///   `.invalidSampleWeight`, and `.invalidParameter` naming `validationFraction` when the
    ///   validation split leaves a class without rows.
    /// - Complexity: O(n d log b) for binning, then per round O(n) for the gradients and O(n d) per
    ///   level of the tree for histograms (the smaller child of each split only).
    public func fit(
        _ x: Matrix, _ y: [Bool], features: [TreeFeature]? = nil, sampleWeights: [Double]? = nil,
        validation: ValidationSet? = nil
    ) throws(DecisionTreeError) -> GradientBoostingModel {
        try _validateParameters()
        let (features, _, weights) = try _TrainingInputs.checked(
            x, classes: y.map { $0 ? 1 : 0 }, classCount: 2, features: features, sampleWeights: sampleWeights,
            classWeights: classWeights)
        if let validation {
            return try _boost(x, y, weights: weights, features: features, validation: validation)
        }
        guard earlyStoppingRounds != nil else {
            return try _boost(x, y, weights: weights, features: features, validation: nil)
        }
        let split: DataSplit
        do {
            split = try DataSplit.stratified(labels: y, testFraction: validationFraction, seed: seed)
        } catch {
            throw .invalidParameter(
                name: "validationFraction", value: "\(validationFraction)", requirement: "must leave rows of both classes on each side (\(error))")
        }
        let train = split.train.sorted(), held = split.test.sorted()
        do {
            let set = ValidationSet(x: try x.keepingRows(held), y: held.map { y[$0] }, sampleWeights: held.map { weights[$0] })
            return try _boost(
                try x.keepingRows(train), train.map { y[$0] }, weights: train.map { weights[$0] }, features: features,
                validation: set)
        } catch let error as DecisionTreeError {
            throw error
        } catch {
            throw .dimensionMismatch("\(error)")
        }
    }

    /// The boosting loop on checked inputs.
    func _boost(
        _ x: Matrix, _ y: [Bool], weights: [Double], features: [TreeFeature], validation: ValidationSet?
    ) throws(DecisionTreeError) -> GradientBoostingModel {
        let n = x.rows, d = x.columns
        if let validation {
            guard validation.x.columns == d else {
                throw .dimensionMismatch("the validation rows have \(validation.x.columns) features, but x has \(d)")
            }
            guard validation.y.count == validation.x.rows else {
                throw .dimensionMismatch("the validation x has \(validation.x.rows) rows, but y has \(validation.y.count) labels")
            }
            if let w = validation.sampleWeights {
                guard w.count == validation.x.rows else {
                    throw .dimensionMismatch("\(validation.x.rows) validation rows, but \(w.count) validation weights")
                }
                if let row = w.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
                    throw .invalidSampleWeight(row: row, value: w[row])
                }
            }
        }
        // Level codes are binned as ordered numbers: the booster splits categories by threshold.
        let binning = try _FeatureBinning(x: x, features: features.map { TreeFeature(name: $0.name) }, maxBins: maxBins)
        let codes: [UInt8] = try binning.codes(x: x)
        let labels = y.map { $0 ? 1.0 : 0.0 }
        var positive = 0.0, total = 0.0
        for i in 0..<n {
            positive += weights[i] * labels[i]
            total += weights[i]
        }
        guard positive > 0, positive < total else {
            throw .invalidSampleWeight(row: nil, value: positive > 0 ? total - positive : positive)
        }
        let baseMargin = log(positive / (total - positive))
        let grower = _GradientTreeGrower(
            binning: binning, codes: codes,
            rules: _GrowthRules(
                maxLeaves: maxLeaves, maxDepth: maxDepth, minSamplesLeaf: minSamplesLeaf, minSumHessian: minSumHessian,
                l1: l1, l2: l2, minSplitGain: minSplitGain, learningRate: learningRate))

        var margins = [Double](repeating: baseMargin, count: n)
        var gradients = [Double](repeating: 0, count: n)
        var hessians = [Double](repeating: 0, count: n)
        var validationMargins = validation.map { [Double](repeating: baseMargin, count: $0.x.rows) } ?? []
        var validationLoss: [Double] = []
        var trees: [EnsembleTree] = []
        var best = (loss: Double.infinity, rounds: 0)
        var random = SeededRandom(seed: seed)
        let allIndices = Array(0..<n), allRows = allIndices.map { Int32(truncatingIfNeeded: $0) }
        let allFeatures = Array(0..<d)
        let bagSize = rowSubsample < 1 ? max(1, Int((rowSubsample * Double(n)).rounded())) : n
        let featureCount = columnSubsample < 1 ? max(1, Int((columnSubsample * Double(d)).rounded())) : d
        for _ in 0..<rounds {
            _computeGradients(margins: margins, labels: labels, weights: weights, gradients: &gradients, hessians: &hessians)
            var rows = bagSize < n ? _drawWithoutReplacement(bagSize, of: allIndices, using: &random).map { Int32(truncatingIfNeeded: $0) } : allRows
            let usable = featureCount < d ? _drawWithoutReplacement(featureCount, of: allFeatures, using: &random) : allFeatures
            let grown = grower.grow(rows: &rows, gradients: gradients, hessians: hessians, features: usable, random: &random)
            // LightGBM stops when no leaf can be split any more: later rounds would add constants.
            guard grown.nodes.count > 1 else { break }
            for leaf in grown.leafRanges {
                let value = grown.nodes[leaf.node].value
                for j in leaf.start..<leaf.end { margins[Int(rows[j])] += value }
            }
            if bagSize < n {
                var inBag = [Bool](repeating: false, count: n)
                for r in rows { inBag[Int(r)] = true }
                for r in 0..<n where !inBag[r] {
                    margins[r] += grown.binnedValue(row: r, codes: codes, d: d, missingBins: binning.binCounts)
                }
            }
            let tree = EnsembleTree(nodes: grown.nodes)
            trees.append(tree)
            if let validation {
                let packed = _PackedEnsemble(
                    [(splits: tree.nodes.map(\.split), values: tree.nodes.map(\.value))], features: features)
                let step = packed.sums(validation.x, initial: 0)
                for i in validationMargins.indices { validationMargins[i] += step[i] }
                let loss = _meanLogLoss(margins: validationMargins, labels: validation.y, weights: validation.sampleWeights)
                validationLoss.append(loss)
                if loss < best.loss { best = (loss, trees.count) }
                if let patience = earlyStoppingRounds, trees.count - best.rounds >= patience { break }
            }
        }
        if earlyStoppingRounds != nil, best.rounds > 0 { trees.removeSubrange(best.rounds...) }
        return GradientBoostingModel(
            features: features, baseMargin: baseMargin, learningRate: learningRate, trees: trees,
            validationLoss: validationLoss)
    }

    /// g = w (p - y) and h = w p (1 - p) for every row, on all cores for large n.
    func _computeGradients(
        margins: [Double], labels: [Double], weights: [Double], gradients: inout [Double], hessians: inout [Double]
    ) {
        let n = margins.count, blockSize = 16_384
        let blocks = (n + blockSize - 1) / blockSize
        margins.withUnsafeBufferPointer { m in
            labels.withUnsafeBufferPointer { y in
                weights.withUnsafeBufferPointer { w in
                    gradients.withUnsafeMutableBufferPointer { g in
                        hessians.withUnsafeMutableBufferPointer { h in
                            concurrentForEach(blocks, concurrently: n >= 2 * blockSize) { block in
                                for i in (block * blockSize)..<min(n, (block + 1) * blockSize) {
                                    let p = logisticSigmoid(m[i])
                                    g[i] = w[i] * (p - y[i])
                                    h[i] = w[i] * p * (1 - p)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Checks every hyperparameter.
    func _validateParameters() throws(DecisionTreeError) {
        func require(_ ok: Bool, _ name: String, _ value: String, _ requirement: String) throws(DecisionTreeError) {
            if !ok { throw .invalidParameter(name: name, value: value, requirement: requirement) }
        }
        try require(rounds >= 1, "rounds", "\(rounds)", "must be at least 1")
        try require(learningRate > 0 && learningRate <= 1, "learningRate", "\(learningRate)", "must be in (0, 1]")
        try require(maxLeaves >= 2, "maxLeaves", "\(maxLeaves)", "must be at least 2")
        if let maxDepth { try require(maxDepth >= 1, "maxDepth", "\(maxDepth)", "must be at least 1 (or nil for no limit)") }
        try require(minSamplesLeaf >= 1, "minSamplesLeaf", "\(minSamplesLeaf)", "must be at least 1")
        try require(minSumHessian >= 0 && minSumHessian.isFinite, "minSumHessian", "\(minSumHessian)", "must be finite and >= 0")
        try require(l2 >= 0 && l2.isFinite, "l2", "\(l2)", "must be finite and >= 0")
        try require(l1 >= 0 && l1.isFinite, "l1", "\(l1)", "must be finite and >= 0")
        try require(minSplitGain >= 0 && minSplitGain.isFinite, "minSplitGain", "\(minSplitGain)", "must be finite and >= 0")
        try require(rowSubsample > 0 && rowSubsample <= 1, "rowSubsample", "\(rowSubsample)", "must be in (0, 1]")
        try require(columnSubsample > 0 && columnSubsample <= 1, "columnSubsample", "\(columnSubsample)", "must be in (0, 1]")
        if let earlyStoppingRounds {
            try require(earlyStoppingRounds >= 1, "earlyStoppingRounds", "\(earlyStoppingRounds)", "must be at least 1 (or nil)")
        }
        try require(validationFraction > 0 && validationFraction < 1, "validationFraction", "\(validationFraction)", "must be in (0, 1)")
        try require((2...255).contains(maxBins), "maxBins", "\(maxBins)", "must be in 2...255 (one more bin holds missing values)")
    }
}
