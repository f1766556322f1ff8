// The k-means trainer: validation, restarts, and the choice of the run with the lowest inertia.
// The algorithm itself is in _Lloyd.swift (iterations), _KMeansPlusPlus.swift (seeding) and
// _NearestCentroid.swift (the parallel assignment passes: fused C kernel or gemm).

import LinearAlgebra
import Tabular

/// Settings of k-means clustering (a trainer; `fit` returns a `KMeansModel`).
///
/// ```swift
/// let model = try KMeans(k: 4, initCount: 5, seed: 42).fit(x)
/// print(model.inertia, model.clusterSizes)
/// ```
/// The same settings and data give bitwise the same model on every run, whatever the number of
/// cores (see `_RowBlocks`); across machines too when k·d <= 1024, where the fused kernel's
/// portable, AVX2 and AVX-512 paths agree bitwise (larger k·d goes through OpenBLAS's gemm, whose
/// kernels depend on the processor).
public struct KMeans: Sendable, Equatable {
    /// How the initial centroids are chosen.
    public enum Initialization: Sendable, Equatable {
        /// Greedy k-means++ with `localTrials` candidates per step (`nil`: 2 + ⌊ln k⌋).
        case kMeansPlusPlus(localTrials: Int? = nil)
        /// These `k x d` centroids (a single run, whatever `initCount` says).
        case centroids(Matrix)
    }

    /// Number of clusters (k >= 1).
    public var k: Int
    /// How runs start (default greedy k-means++).
    public var initialization: Initialization
    /// Number of runs from different k-means++ seedings; the one with the lowest inertia is kept
    /// (default 1, scikit-learn's `n_init="auto"` for k-means++).
    public var initCount: Int
    /// The most Lloyd iterations per run (default 300).
    public var maxIterations: Int
    /// Relative tolerance: a run stops when Σ_j ‖Δc_j‖² <= tolerance × (mean variance of the
    /// features), as scikit-learn's `tol` (default 1e-4; 0 stops only on unchanged labels).
    public var tolerance: Double
    /// Seed of the k-means++ draws (SeededRandom, xoshiro256**).
    public var seed: UInt64

    /// Creates k-means settings.
    /// - Parameters:
    ///   - k: number of clusters.
    ///   - initialization: `.kMeansPlusPlus()` (default) or `.centroids(m)`.
    ///   - initCount: number of seeded runs (default 1).
    ///   - maxIterations: iterations per run (default 300).
    ///   - tolerance: relative tolerance on the movement of the centroids (default 1e-4).
    ///   - seed: seed of the random draws (default 0).
    public init(
        k: Int, initialization: Initialization = .kMeansPlusPlus(), initCount: Int = 1, maxIterations: Int = 300,
        tolerance: Double = 1e-4, seed: UInt64 = 0
    ) {
        self.k = k
        self.initialization = initialization
        self.initCount = initCount
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.seed = seed
    }

    /// Clusters the rows of `x`.
    /// - Parameter x: n x d features (standardize them first: k-means on raw units lets the
    ///   column with the largest spread decide).
    /// - Returns: the fitted model: centroids, labels, inertia and iteration count of the best run.
    /// - Throws: `ClusteringError.invalidParameter` for k < 1, initCount < 1, maxIterations < 1,
    ///   a negative or non-finite tolerance or bad initial centroids; `.emptyData` for no rows or
    ///   columns; `.nonFiniteValue` for NaN or infinity in `x`; `.tooFewDistinctRows` when k
    ///   exceeds the number of distinct rows; `.featureCountMismatch` when initial centroids
    ///   have another width.
    /// - Complexity: O(initCount × (n k t d + T n k d)) for T iterations and t k-means++ trials,
    ///   plus O(n d) for the column means (one pass; X is not copied).
    public func fit(_ x: Matrix) throws(ClusteringError) -> KMeansModel {
        try _validateParameters()
        let data = try _PreparedData(centering: x)
        return try _fit(data, original: x)
    }

    /// Fits on already prepared data (shared by k selection, which prepares once for every k).
    func _fit(_ data: _PreparedData, original x: Matrix) throws(ClusteringError) -> KMeansModel {
        try _validateParameters()
        try _requireDistinctRows(x, k: k)
        let d = data.columns
        let absoluteTolerance = tolerance == 0 ? 0 : data.meanVariance() * tolerance
        var best: _LloydRun?
        switch initialization {
        case .centroids(let initial):
            let translated = try _translatedInitialCentroids(initial, k: k, shift: data.shift)
            best = try data.lloyd(from: translated, k: k, maxIterations: maxIterations, tolerance: absoluteTolerance)
        case .kMeansPlusPlus(let localTrials):
            let trials = try _checkedLocalTrials(localTrials, k: k)
            var root = SeededRandom(seed: seed)
            for _ in 0..<initCount {
                var generator = root.split()
                let initial = try data.kMeansPlusPlus(k: k, localTrials: trials, generator: &generator)
                let run = try data.lloyd(from: initial, k: k, maxIterations: maxIterations, tolerance: absoluteTolerance)
                if best.map({ run.inertia < $0.inertia }) ?? true { best = run }
            }
        }
        guard let run = best else {
            throw .invalidParameter(name: "initCount", value: "\(initCount)", reason: "at least 1 run is needed")
        }
        var centroids = run.centroids
        for e in centroids.indices { centroids[e] += data.shift[e % d] }
        return try KMeansModel(
            centroids: centroids, k: k, featureCount: d, labels: run.labels, inertia: run.inertia,
            iterationCount: run.iterationCount)
    }

    /// Checks the hyperparameters.
    func _validateParameters() throws(ClusteringError) {
        guard k >= 1 else {
            throw .invalidParameter(name: "k", value: "\(k)", reason: "the number of clusters must be at least 1")
        }
        guard k <= Int(Int32.max) else {
            throw .invalidParameter(name: "k", value: "\(k)", reason: "at most 2^31 - 1 clusters are supported")
        }
        guard initCount >= 1 else {
            throw .invalidParameter(name: "initCount", value: "\(initCount)", reason: "at least 1 run is needed")
        }
        guard maxIterations >= 1 else {
            throw .invalidParameter(name: "maxIterations", value: "\(maxIterations)", reason: "at least 1 iteration is needed")
        }
        guard tolerance.isFinite, tolerance >= 0 else {
            throw .invalidParameter(name: "tolerance", value: "\(tolerance)", reason: "the tolerance must be finite and >= 0")
        }
    }
}

/// Given initial centroids checked (k rows of d finite values, d = `shift.count`) and translated by
/// `shift`, row-major.
/// - Throws: `ClusteringError.invalidParameter` for another row count or a non-finite value,
///   `.featureCountMismatch` for another width.
func _translatedInitialCentroids(_ initial: Matrix, k: Int, shift: [Double]) throws(ClusteringError) -> [Double] {
    let d = shift.count
    guard initial.rows == k else {
        throw .invalidParameter(
            name: "initial centroids", value: "\(initial.rows) x \(initial.columns)",
            reason: "there must be one row per cluster (k = \(k))")
    }
    guard initial.columns == d else {
        throw .featureCountMismatch(actual: d, expected: initial.columns, context: "the initial centroids")
    }
    if let bad = initial.storage.firstIndex(where: { !$0.isFinite }) {
        throw .invalidParameter(
            name: "initial centroids[\(bad / d), \(bad % d)]", value: "\(initial.storage[bad])",
            reason: "centroids must be finite")
    }
    return initial.storage.enumerated().map { $1 - shift[$0 % d] }
}

/// The number of k-means++ candidates per step: `localTrials`, or 2 + ⌊ln k⌋ when nil.
/// - Throws: `ClusteringError.invalidParameter` for fewer than 1.
func _checkedLocalTrials(_ localTrials: Int?, k: Int) throws(ClusteringError) -> Int {
    let trials = localTrials ?? _defaultLocalTrials(k: k)
    guard trials >= 1 else {
        throw .invalidParameter(name: "localTrials", value: "\(trials)", reason: "at least 1 candidate is needed")
    }
    return trials
}

/// Throws unless `x` has at least `k` distinct rows; stops reading as soon as it has seen `k`.
/// - Complexity: O(n d) in the worst case, O(k d) when the first rows are distinct.
func _requireDistinctRows(_ x: Matrix, k: Int) throws(ClusteringError) {
    guard k > 1 else { return }
    var seen = Set<ArraySlice<Double>>()
    for i in 0..<x.rows {
        seen.insert(x.row(i))
        if seen.count >= k { return }
    }
    throw .tooFewDistinctRows(k: k, distinct: seen.count)
}
