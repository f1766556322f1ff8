// One run of Lloyd's algorithm from given centroids, with scikit-learn's stopping rules.
//
// Goals: from the same initial centroids, the same iterations, labels and inertia as
// scikit-learn's KMeans(algorithm="lloyd") (sklearn/cluster/_kmeans.py, `_kmeans_single_lloyd`):
// - each iteration assigns every row to its nearest centroid and recomputes the centroids as the
//   means of their rows (the sum is scaled by 1 / count, as scikit-learn does);
// - a centroid left without rows is moved to the row farthest from its own centroid (the farthest
//   rows in decreasing order of distance, ties to the lower row, one per empty cluster), that row
//   being taken out of its cluster's sum; labels are not changed until the next assignment;
// - the run stops when the labels equal those of the previous iteration ("strict convergence"),
//   or when Σ_j ‖c_j(new) − c_j(old)‖² <= tolerance, or after `maxIterations` iterations; unless
//   it converged strictly, a last assignment makes the labels match the returned centroids;
// - inertia Σ_i ‖x_i − c_{label_i}‖² is computed directly at the end (in the last assignment's
//   pass, or in a pass of its own after strict convergence).
// The labels of one iteration are compared with the previous ones in the assignment pass itself
// (the kernel counts the rows whose label changes), so an iteration reads the data once.
// Reference: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28 (1982) 129-137.

import LinearAlgebra

/// The result of one Lloyd run, in the translated coordinates of its `_PreparedData`.
struct _LloydRun {
    /// `k * d` centroids, row-major.
    var centroids: [Double]
    /// The cluster of every row.
    var labels: [Int]
    /// Σ of squared distances of the rows to their centroids.
    var inertia: Double
    /// Iterations run (the assignment + update steps).
    var iterationCount: Int
}

extension _PreparedData {
    /// Runs Lloyd's algorithm from `initial`.
    /// - Parameters:
    ///   - initial: `k * d` initial centroids in the translated coordinates.
    ///   - k: the number of clusters.
    ///   - maxIterations: the most iterations to run (at least 1).
    ///   - tolerance: the absolute bound on Σ_j ‖Δc_j‖² below which the run stops.
    /// - Returns: the final centroids, labels, inertia and iteration count.
    /// - Throws: `ClusteringError.linearAlgebra` if BLAS rejects a shape.
    /// - Complexity: O(T n k d).
    func lloyd(from initial: [Double], k: Int, maxIterations: Int, tolerance: Double) throws(ClusteringError)
        -> _LloydRun
    {
        let d = columns
        var centroids = initial
        var labels = _filledArray(count: rows, repeating: -1)
        var strict = false
        var iterations = 0
        for _ in 0..<maxIterations {
            iterations += 1
            var totals = try assign(to: centroids, k: k, labels: &labels, accumulate: true)
            _relocateEmptyClusters(centroids: centroids, labels: labels, totals: &totals, k: k)
            var updated = totals.sums
            for j in 0..<k {
                if totals.counts[j] > 0 {
                    let alpha = 1.0 / Double(totals.counts[j])
                    for f in 0..<d { updated[j * d + f] *= alpha }
                } else {
                    // Only when fewer distinct rows than clusters remain: keep the old centroid.
                    for f in 0..<d { updated[j * d + f] = centroids[j * d + f] }
                }
            }
            var shift = 0.0
            for e in 0..<(k * d) {
                let delta = updated[e] - centroids[e]
                shift += delta * delta
            }
            centroids = updated
            if totals.changed == 0 {
                strict = true
                break
            }
            if shift <= tolerance { break }
        }
        let inertia: Double
        if strict {
            inertia = self.inertia(centroids: centroids, labels: labels)
        } else {
            inertia = try assign(to: centroids, k: k, labels: &labels, accumulate: false, distances: true).distanceSum
        }
        return _LloydRun(centroids: centroids, labels: labels, inertia: inertia, iterationCount: iterations)
    }

    /// Moves each empty centroid's sum to one of the rows farthest from their own centroids.
    /// - Complexity: O(n d + n e) for e empty clusters; nothing when no cluster is empty.
    func _relocateEmptyClusters(centroids: [Double], labels: [Int], totals: inout _AssignmentTotals, k: Int) {
        let empty = (0..<k).filter { totals.counts[$0] == 0 }
        guard !empty.isEmpty else { return }
        let d = columns
        let distances = exactSquaredDistances(to: centroids, labels: labels)
        guard let largest = distances.max(), largest > 0 else { return }
        var taken = Set<Int>()
        for cluster in empty {
            var far = -1
            var farDistance = -Double.infinity
            for (i, distance) in distances.enumerated() where distance > farDistance && !taken.contains(i) {
                far = i
                farDistance = distance
            }
            guard far >= 0 else { return }
            taken.insert(far)
            let old = labels[far]
            let translated = row(far)
            for f in 0..<d {
                let value = translated[f]
                totals.sums[old * d + f] -= value
                totals.sums[cluster * d + f] = value
            }
            totals.counts[cluster] = 1
            totals.counts[old] -= 1
        }
    }
}
