// Mini-batch k-means: centroids updated from small random batches instead of full passes.
//
// Goals: a fit whose cost per step does not grow with n, for large data or when speed matters more
// than the last digit of inertia, with the update rule of scikit-learn 1.9's MiniBatchKMeans
// (sklearn/cluster/_kmeans.py, `_mini_batch_step`):
// - each step draws `batchSize` rows with replacement, assigns them to the nearest centroid and
//   moves each centroid j to (c_j w_j + Σ batch rows of j) / (w_j + b_j), where w_j counts the
//   rows it has received so far (a per-centroid learning rate 1 / count);
// - centroids that have received less than `reassignmentRatio` × the largest count are moved to
//   random rows of the batch, when some centroid is empty or every 10 k rows seen, and get the
//   smallest count of the others;
// - it stops after maxIterations passes' worth of steps (maxIterations × n / batchSize), when the
//   exponentially weighted average of the batch inertia has not improved for `maxNoImprovement`
//   steps, or when Σ‖Δc‖² <= tolerance × mean variance (when tolerance > 0).
// Seeding is k-means++ on `initSize` distinct seeded rows. The data is never copied whole: only
// the batches are gathered, and the final labelling reads the rows in place (see _PreparedData).
// Reference: D. Sculley, "Web-scale k-means clustering", WWW 2010.

import LinearAlgebra
import Tabular

/// Settings of mini-batch k-means (a trainer; `fit` returns a `KMeansModel`).
public struct MiniBatchKMeans: Sendable, Equatable {
    /// Number of clusters (k >= 1).
    public var k: Int
    /// Rows per step (default 1024).
    public var batchSize: Int
    /// Passes over the data at most: the fit takes at most maxIterations × n / batchSize steps (default 100).
    public var maxIterations: Int
    /// Steps without improvement of the smoothed batch inertia before stopping (default 10).
    public var maxNoImprovement: Int
    /// Relative tolerance on the movement of the centroids per step (default 0: not used).
    public var tolerance: Double
    /// Rows for the k-means++ seeding (default `nil`: 3 × batchSize, at least k, at most n).
    public var initSize: Int?
    /// How the initial centroids are chosen (default greedy k-means++ on `initSize` rows).
    public var initialization: KMeans.Initialization
    /// Centroids with fewer rows than this fraction of the largest count are moved (default 0.01).
    public var reassignmentRatio: Double
    /// Seed of the random draws (SeededRandom, xoshiro256**).
    public var seed: UInt64

    /// Creates mini-batch k-means settings.
    /// - Parameters:
    ///   - k: number of clusters.
    ///   - batchSize: rows per step (default 1024).
    ///   - maxIterations: passes over the data at most (default 100).
    ///   - maxNoImprovement: patience of the early stop (default 10).
    ///   - tolerance: relative tolerance on centroid movement (default 0).
    ///   - initSize: rows for the seeding (default 3 × batchSize).
    ///   - initialization: `.kMeansPlusPlus()` (default) or `.centroids(m)`.
    ///   - reassignmentRatio: threshold for moving starved centroids (default 0.01).
    ///   - seed: seed of the random draws (default 0).
    public init(
        k: Int, batchSize: Int = 1024, maxIterations: Int = 100, maxNoImprovement: Int = 10, tolerance: Double = 0,
        initSize: Int? = nil, initialization: KMeans.Initialization = .kMeansPlusPlus(), reassignmentRatio: Double = 0.01,
        seed: UInt64 = 0
    ) {
        self.k = k
        self.batchSize = batchSize
        self.maxIterations = maxIterations
        self.maxNoImprovement = maxNoImprovement
        self.tolerance = tolerance
        self.initSize = initSize
        self.initialization = initialization
        self.reassignmentRatio = reassignmentRatio
        self.seed = seed
    }

    /// Clusters the rows of `x` by mini-batch k-means.
    /// - Parameter x: n x d features (standardized).
    /// - Returns: the model, with the labels and the exact inertia of all rows under the final
    ///   centroids, and the number of steps run as `iterationCount`.
    /// - Throws: `ClusteringError.invalidParameter` for k < 1, batchSize < 1, maxIterations < 1,
    ///   maxNoImprovement < 1, a bad tolerance, ratio, initSize or initial centroids; `.emptyData`,
    ///   `.nonFiniteValue`, `.tooFewDistinctRows`, `.featureCountMismatch` as `KMeans.fit`.
    /// - Complexity: O(S b k d) for S steps of b rows, plus O(n k d) for the final labels;
    ///   O(b d + k d) extra memory besides the labels.
    public func fit(_ x: Matrix) throws(ClusteringError) -> KMeansModel {
        try _validate()
        // Shape and finite values checked once; batches and the final labelling reuse the check.
        try _PreparedData.check(x)
        let n = x.rows, d = x.columns
        try _requireDistinctRows(x, k: k)
        var generator = SeededRandom(seed: seed)
        // Seeding sample: translated by its own mean, which then translates every batch.
        let seedRows = _distinctIndices(count: min(n, max(initSize ?? 3 * batchSize, k)), below: n, &generator)
        let seedData = try _PreparedData(centering: try _gather(x, seedRows))
        let shift = seedData.shift
        var centroids: [Double]
        switch initialization {
        case .centroids(let initial):
            centroids = try _translatedInitialCentroids(initial, k: k, shift: shift)
        case .kMeansPlusPlus(let localTrials):
            let trials = try _checkedLocalTrials(localTrials, k: k)
            try _requireDistinctRows(try _gather(x, seedRows), k: k)
            centroids = try seedData.kMeansPlusPlus(k: k, localTrials: trials, generator: &generator)
        }
        let absoluteTolerance = tolerance * seedData.meanVariance()
        let steps = max(1, (maxIterations * n) / batchSize)
        let alpha = min(1, 2 * Double(batchSize) / Double(n + 1))
        var weights = [Double](repeating: 0, count: k)
        var smoothed: Double?
        var best = Double.infinity
        var sinceImprovement = 0
        var rowsSinceReassign = 0
        var stepsRun = 0
        var batchLabels = [Int](repeating: 0, count: batchSize)
        for _ in 0..<steps {
            stepsRun += 1
            let rows = (0..<batchSize).map { _ in generator.nextIndex(below: n) }
            let batch = _PreparedData(checked: try _gather(x, rows), shift: shift)
            let totals = try batch.assign(to: centroids, k: k, labels: &batchLabels, accumulate: true, distances: true)
            var moved = 0.0
            for j in 0..<k where totals.counts[j] > 0 {
                let total = weights[j] + Double(totals.counts[j])
                for f in 0..<d {
                    let old = centroids[j * d + f]
                    let new = (old * weights[j] + totals.sums[j * d + f]) / total
                    moved += (new - old) * (new - old)
                    centroids[j * d + f] = new
                }
                weights[j] = total
            }
            rowsSinceReassign += batchSize
            if reassignmentRatio > 0, weights.contains(0) || rowsSinceReassign >= 10 * k {
                _reassign(&centroids, &weights, batch: batch, generator: &generator)
                rowsSinceReassign = 0
            }
            if absoluteTolerance > 0, moved <= absoluteTolerance { break }
            let batchInertia = totals.distanceSum / Double(batchSize)
            let average = smoothed.map { $0 * (1 - alpha) + batchInertia * alpha } ?? batchInertia
            smoothed = average
            if average < best {
                best = average
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
                if sinceImprovement >= maxNoImprovement { break }
            }
        }
        let (labels, inertia) = try _labelAll(_PreparedData(checked: x, shift: shift), centroids: centroids)
        for e in centroids.indices { centroids[e] += shift[e % d] }
        return try KMeansModel(
            centroids: centroids, k: k, featureCount: d, labels: labels, inertia: inertia, iterationCount: stepsRun)
    }

    /// Moves the centroids with too few rows to distinct random rows of the batch.
    private func _reassign(
        _ centroids: inout [Double], _ weights: inout [Double], batch: _PreparedData, generator: inout SeededRandom
    ) {
        let largest = weights.max() ?? 0
        let starved = (0..<k).filter { weights[$0] < reassignmentRatio * largest }
        guard !starved.isEmpty, starved.count < k else { return }
        let count = min(starved.count, batch.rows / 2)
        guard count > 0 else { return }
        let kept = (0..<k).filter { weights[$0] >= reassignmentRatio * largest }.map { weights[$0] }
        let floor = kept.min() ?? 1
        let picks = _distinctIndices(count: count, below: batch.rows, &generator)
        let d = batch.columns
        for (j, row) in zip(starved.prefix(count), picks) {
            let values = batch.row(row)
            for f in 0..<d { centroids[j * d + f] = values[f] }
            weights[j] = floor
        }
    }

    /// Labels and exact inertia of every row, in one assignment pass.
    private func _labelAll(_ data: _PreparedData, centroids: [Double]) throws(ClusteringError) -> ([Int], Double) {
        var labels = _filledArray(count: data.rows, repeating: -1)
        let totals = try data.assign(to: centroids, k: k, labels: &labels, accumulate: false, distances: true)
        return (labels, totals.distanceSum)
    }

    /// Checks the hyperparameters.
    private func _validate() throws(ClusteringError) {
        try KMeans(k: k)._validateParameters()
        let checks: [(String, Int)] = [("batchSize", batchSize), ("maxIterations", maxIterations), ("maxNoImprovement", maxNoImprovement)]
        for (name, value) in checks where value < 1 {
            throw .invalidParameter(name: name, value: "\(value)", reason: "must be at least 1")
        }
        if let initSize, initSize < 1 {
            throw .invalidParameter(name: "initSize", value: "\(initSize)", reason: "must be at least 1")
        }
        guard tolerance.isFinite, tolerance >= 0 else {
            throw .invalidParameter(name: "tolerance", value: "\(tolerance)", reason: "the tolerance must be finite and >= 0")
        }
        guard reassignmentRatio.isFinite, (0...1).contains(reassignmentRatio) else {
            throw .invalidParameter(name: "reassignmentRatio", value: "\(reassignmentRatio)", reason: "must lie in [0, 1]")
        }
    }
}

/// `count` distinct indices in 0..<bound, sorted, by Floyd's algorithm (O(count) draws).
func _distinctIndices(count: Int, below bound: Int, _ generator: inout SeededRandom) -> [Int] {
    var chosen = Set<Int>()
    for j in (bound - count)..<bound {
        let t = generator.nextIndex(below: j + 1)
        if !chosen.insert(t).inserted { chosen.insert(j) }
    }
    return chosen.sorted()
}

/// The rows `indices` of `x` as a new matrix.
func _gather(_ x: Matrix, _ indices: [Int]) throws(ClusteringError) -> Matrix {
    var values: [Double] = []
    values.reserveCapacity(indices.count * x.columns)
    for i in indices { values += x.row(i) }
    do {
        return try Matrix(rows: indices.count, columns: x.columns, values: values)
    } catch {
        throw .linearAlgebra(error)
    }
}
