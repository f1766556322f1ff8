// Choosing k: inertia (the elbow) and the silhouette for a range of k.
//
// Goals: one call that fits k-means for every k of a range on data prepared once, and reports for
// each k the inertia and the mean silhouette coefficient, with the k each criterion suggests:
// - elbow: on the inertia curve scaled to the unit square (k from the first to the last of the
//   range, inertia from the last to the first), the k farthest below the chord joining the ends
//   (the "kneedle" rule of Satopää et al., 2011); undefined with fewer than three values of k;
// - silhouette: the k with the highest mean silhouette (undefined for k = 1). It is exact when
//   n <= silhouetteSampleSize; otherwise it is computed on a seeded sample of that many rows
//   (the same rows for every k), as scikit-learn's `silhouette_score(sample_size=...)` does.
// References: R. L. Thorndike, "Who belongs in the family?", Psychometrika 18 (1953) (the elbow);
// V. Satopää, J. Albrecht, D. Irwin, B. Raghavan, "Finding a 'kneedle' in a haystack", ICDCS
// workshops 2011; P. J. Rousseeuw (1987) for the silhouette.

import LinearAlgebra
import ModelMetrics
import Tabular

/// Inertia and silhouette for a range of k, with the k each suggests.
public struct KSelection: Sendable, Equatable, Codable {
    /// The figures of one k.
    public struct Candidate: Sendable, Equatable, Codable {
        /// The number of clusters.
        public let k: Int
        /// Σ of squared distances of the rows to their centroids.
        public let inertia: Double
        /// Mean silhouette coefficient (on the sample when one is used); `nil` for k = 1, or when
        /// the sampled rows fall into a single cluster or all into different ones.
        public let silhouette: Double?
        /// Lloyd iterations run.
        public let iterationCount: Int
    }

    /// One entry per k, in increasing k.
    public let candidates: [Candidate]
    /// The k at the elbow of the inertia curve; `nil` with fewer than three values of k.
    public let elbowK: Int?
    /// The k with the highest silhouette; `nil` when no k has one.
    public let silhouetteK: Int?
    /// Number of rows the silhouette was computed on.
    public let silhouetteRowCount: Int
    /// True when the silhouette used every row (no sampling).
    public var silhouetteIsExact: Bool { silhouetteRowCount == rowCount }
    /// Number of rows clustered.
    public let rowCount: Int

    /// The elbow of an inertia curve: the index farthest below the chord of the normalized curve.
    /// - Parameter inertias: inertia per k, for consecutive k.
    /// - Returns: the index of the elbow, or `nil` with fewer than three values or a flat curve.
    /// - Complexity: O(m) for m values.
    static func _elbowIndex(_ inertias: [Double]) -> Int? {
        guard inertias.count >= 3, let first = inertias.first, let last = inertias.last, first > last else {
            return nil
        }
        let span = Double(inertias.count - 1)
        var best: Int?
        var bestGap = 0.0
        for (index, inertia) in inertias.enumerated() {
            let x = Double(index) / span
            let y = (inertia - last) / (first - last)
            let gap = 1 - x - y
            if gap > bestGap {
                bestGap = gap
                best = index
            }
        }
        return best
    }
}

extension KMeans {
    /// Fits k-means for every k in `ks` with these settings (k itself is ignored) and reports the
    /// inertia and silhouette of each.
    /// - Parameters:
    ///   - x: n x d features (standardized).
    ///   - ks: the values of k to try, for example `2...10`.
    ///   - silhouetteSampleSize: the silhouette is exact up to this many rows, and computed on a
    ///     seeded sample of this many rows above it (default 10,000; at least 2).
    ///   - progress: called after each k with its figures, how many k are done and how many in all.
    /// - Returns: the figures per k and the suggested k of each criterion.
    /// - Throws: the errors of `fit(_:)` for any k (k below 1, k above the number of distinct rows,
    ///   NaN, ...); `ClusteringError.invalidParameter` for given initial centroids (they fix k) or
    ///   a sample size below 2.
    /// - Complexity: O(Σ_k fit(k) + |ks| s² d) for a silhouette sample of s rows.
    public func selectK(
        _ x: Matrix, ks: ClosedRange<Int>, silhouetteSampleSize: Int = 10_000,
        progress: (KSelection.Candidate, Int, Int) -> Void = { _, _, _ in }
    ) throws(ClusteringError) -> KSelection
    {
        if case .centroids = initialization {
            throw .invalidParameter(
                name: "initialization", value: "centroids", reason: "k selection needs k-means++ seeding, not fixed centroids")
        }
        guard silhouetteSampleSize >= 2 else {
            throw .invalidParameter(
                name: "silhouetteSampleSize", value: "\(silhouetteSampleSize)", reason: "at least 2 rows are needed")
        }
        guard ks.lowerBound >= 1 else {
            throw .invalidParameter(name: "k", value: "\(ks.lowerBound)", reason: "the number of clusters must be at least 1")
        }
        let data = try _PreparedData(centering: x)
        let sample = _silhouetteSample(rows: x.rows, size: silhouetteSampleSize)
        var points: [Double] = []
        points.reserveCapacity(sample.count * x.columns)
        for i in sample { points += x.row(i) }
        var candidates: [KSelection.Candidate] = []
        for k in ks {
            var trainer = self
            trainer.k = k
            let model = try trainer._fit(data, original: x)
            let silhouette = try _silhouette(points: points, featureCount: x.columns, labels: sample.map { model.labels[$0] })
            candidates.append(
                .init(k: k, inertia: model.inertia, silhouette: silhouette, iterationCount: model.iterationCount))
            if let last = candidates.last { progress(last, candidates.count, ks.count) }
        }
        let elbow = KSelection._elbowIndex(candidates.map(\.inertia)).map { candidates[$0].k }
        var bestSilhouette: KSelection.Candidate?
        for candidate in candidates {
            guard let value = candidate.silhouette else { continue }
            if value > (bestSilhouette?.silhouette ?? -.infinity) { bestSilhouette = candidate }
        }
        return KSelection(
            candidates: candidates, elbowK: elbow, silhouetteK: bestSilhouette?.k, silhouetteRowCount: sample.count,
            rowCount: x.rows)
    }

    /// The mean silhouette of `model`'s clustering of `x` (the rows it was fitted on): exact up to
    /// `sampleSize` rows, else on the same seeded sample of rows that `selectK` uses.
    /// - Returns: the score (`nil` when fewer than 2 or more than rows − 1 clusters appear in the
    ///   rows used) and the number of rows it was computed on.
    /// - Throws: `ClusteringError.lengthMismatch` when `x` is not the model's data, `.invalidParameter`
    ///   for a sample size under 2.
    /// - Complexity: O(s² d) for s = min(n, sampleSize) rows.
    public func silhouette(of model: KMeansModel, on x: Matrix, sampleSize: Int = 10_000) throws(ClusteringError)
        -> (score: Double?, rows: Int)
    {
        guard model.labels.count == x.rows else {
            throw .lengthMismatch(argument: "x", count: x.rows, expected: model.labels.count)
        }
        guard sampleSize >= 2 else {
            throw .invalidParameter(name: "sampleSize", value: "\(sampleSize)", reason: "at least 2 rows are needed")
        }
        let sample = _silhouetteSample(rows: x.rows, size: sampleSize)
        var points: [Double] = []
        points.reserveCapacity(sample.count * x.columns)
        for i in sample { points += x.row(i) }
        let score = try _silhouette(points: points, featureCount: x.columns, labels: sample.map { model.labels[$0] })
        return (score, sample.count)
    }

    /// The silhouette of sampled rows, `nil` when the number of clusters among them leaves it undefined.
    private func _silhouette(points: [Double], featureCount: Int, labels: [Int]) throws(ClusteringError) -> Double? {
        let clusters = Set(labels).count
        guard clusters >= 2, clusters <= labels.count - 1 else { return nil }
        do {
            return try silhouetteScore(points: points, featureCount: featureCount, labels: labels)
        } catch {
            throw .metrics(error)
        }
    }

    /// The rows the silhouette is computed on: all of them when `rows <= size`, otherwise `size`
    /// distinct rows drawn by a partial Fisher-Yates shuffle with SeededRandom(seed: seed), sorted.
    /// - Complexity: O(n).
    func _silhouetteSample(rows: Int, size: Int) -> [Int] {
        guard rows > size else { return Array(0..<rows) }
        var generator = SeededRandom(seed: seed)
        var indices = Array(0..<rows)
        for position in 0..<size {
            let pick = position + generator.nextIndex(below: rows - position)
            indices.swapAt(position, pick)
        }
        return indices[0..<size].sorted()
    }
}
