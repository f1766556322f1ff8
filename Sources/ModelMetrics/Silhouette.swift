// The silhouette coefficient of a clustering.
//
// Goals: the values of scikit-learn 1.9's `silhouette_samples` and `silhouette_score`
// (sklearn/metrics/cluster/_unsupervised.py) with the Euclidean metric: for row i in cluster A,
// a(i) is the mean distance to the other rows of A, b(i) the smallest mean distance to the rows of
// another cluster, and s(i) = (b − a) / max(a, b); s(i) = 0 when A has one row (and when a = b = 0).
// The score is the mean of s(i). Distances are computed directly as sqrt(Σ (x − y)²), which is at
// least as accurate as scikit-learn's gemm expansion; sums are compensated. Rows are processed in
// parallel, each with its own sums, so the result does not depend on the number of cores.
// Reference: P. J. Rousseeuw, "Silhouettes: a graphical aid to the interpretation and validation
// of cluster analysis", J. Comput. Appl. Math. 20 (1987) 53-65.

import _ChurnKitCore

/// The silhouette coefficient of every row of a clustering (Euclidean distance).
/// - Parameters:
///   - points: the rows, row-major: `labels.count * featureCount` values.
///   - featureCount: the number of features per row (d >= 1).
///   - labels: the cluster of every row (any integers; equal values form a cluster).
/// - Returns: s(i) in [−1, 1] for every row, in row order.
/// - Throws: `MetricsError.invalidArgument` when the shapes disagree, a value is not finite, or the
///   number of clusters is not between 2 and n − 1 (the silhouette is undefined otherwise);
///   `.emptyInput` without rows.
/// - Complexity: O(n² d) time, O(n + k) memory per core.
public func silhouetteSamples(points: [Double], featureCount: Int, labels: [Int]) throws(MetricsError) -> [Double] {
    let n = labels.count
    guard n > 0 else { throw .emptyInput }
    guard featureCount >= 1 else {
        throw .invalidArgument("featureCount = \(featureCount): each row needs at least one feature")
    }
    guard points.count == n * featureCount else {
        throw .invalidArgument(
            "points has \(points.count) values, but \(n) labels x \(featureCount) features need \(n * featureCount)")
    }
    if let bad = points.firstIndex(where: { !$0.isFinite }) {
        throw .invalidArgument(
            "points[row \(bad / featureCount), feature \(bad % featureCount)] is \(points[bad]); points must be finite")
    }
    var dense: [Int: Int] = [:]
    let cluster = labels.map { label in
        if let index = dense[label] { return index }
        let index = dense.count
        dense[label] = index
        return index
    }
    let k = dense.count
    guard k >= 2, k <= n - 1 else {
        throw .invalidArgument(
            "the silhouette needs between 2 and n - 1 = \(n - 1) clusters, but the labels form \(k)")
    }
    var counts = [Int](repeating: 0, count: k)
    for c in cluster { counts[c] += 1 }
    let sizes = counts
    var result = [Double](repeating: 0, count: n)
    let workers = concurrentWorkerCount(n)
    let d = featureCount
    // One row of k cluster sums per worker, reset for every row i the worker takes.
    var scratch = [_CompensatedSum](repeating: _CompensatedSum(), count: workers * k)
    points.withUnsafeBufferPointer { points in
        result.withUnsafeMutableBufferPointer { out in
            scratch.withUnsafeMutableBufferPointer { scratch in
                concurrentForEach(n) { worker, i in
                    let sums = UnsafeMutableBufferPointer(rebasing: scratch[(worker * k)..<((worker + 1) * k)])
                    for c in 0..<k { sums[c] = _CompensatedSum() }
                    for j in 0..<n where j != i {
                        var squared = 0.0
                        for f in 0..<d {
                            let diff = points[i * d + f] - points[j * d + f]
                            squared += diff * diff
                        }
                        sums[cluster[j]].add(squared.squareRoot())
                    }
                    let own = cluster[i]
                    var value = 0.0
                    if sizes[own] > 1 {
                        let a = sums[own].value / Double(sizes[own] - 1)
                        var b = Double.infinity
                        for c in 0..<k where c != own { b = min(b, sums[c].value / Double(sizes[c])) }
                        let denominator = max(a, b)
                        value = denominator > 0 ? (b - a) / denominator : 0
                    }
                    out[i] = value
                }
            }
        }
    }
    return result
}

/// The mean silhouette coefficient of a clustering (Euclidean distance), scikit-learn's
/// `silhouette_score` without sampling.
/// - Parameters:
///   - points: the rows, row-major: `labels.count * featureCount` values.
///   - featureCount: the number of features per row (d >= 1).
///   - labels: the cluster of every row.
/// - Returns: the mean of s(i), in [−1, 1]; higher means tighter, better separated clusters.
/// - Throws: as `silhouetteSamples(points:featureCount:labels:)`.
/// - Complexity: O(n² d); for large n, score a seeded sample of rows.
public func silhouetteScore(points: [Double], featureCount: Int, labels: [Int]) throws(MetricsError) -> Double {
    let samples = try silhouetteSamples(points: points, featureCount: featureCount, labels: labels)
    var total = _CompensatedSum()
    for s in samples { total.add(s) }
    return total.value / Double(samples.count)
}
