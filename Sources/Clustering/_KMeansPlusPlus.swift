// Greedy k-means++ seeding.
//
// Goals: the seeding of scikit-learn's `_kmeans_plusplus` (sklearn/cluster/_kmeans.py): the first
// centroid is a uniformly drawn row; each next one is chosen among `localTrials` candidates, each
// drawn with probability proportional to its squared distance D(x)² to the nearest centroid so
// far, keeping the candidate that minimizes the resulting potential Σ_i min(D(x_i)², ‖x_i − c‖²).
// The default number of trials is 2 + ⌊ln k⌋. Draws come from ChurnKit's SeededRandom
// (xoshiro256**), so a seed gives the same centroids on every machine (not numpy's). A row at
// distance 0 from a chosen centroid is never drawn, so the centroids are distinct rows.
// References: D. Arthur & S. Vassilvitskii, "k-means++: the advantages of careful seeding",
// SODA 2007 (greedy variant in section 6); scikit-learn 1.9 `_kmeans_plusplus`.

import Foundation
import Tabular

extension _PreparedData {
    /// Chooses `k` initial centroids (translated coordinates) by greedy k-means++.
    /// - Parameters:
    ///   - k: the number of centroids (at most the number of distinct rows).
    ///   - localTrials: candidates per step (at least 1).
    ///   - generator: the seeded generator, advanced by the draws.
    /// - Returns: `k * d` centroids, row-major.
    /// - Throws: `ClusteringError.linearAlgebra` if BLAS rejects a shape.
    /// - Complexity: O(n k t d) for t local trials.
    func kMeansPlusPlus(k: Int, localTrials: Int, generator: inout SeededRandom) throws(ClusteringError)
        -> [Double]
    {
        let n = rows, d = columns
        var centroids = [Double]()
        centroids.reserveCapacity(k * d)
        let first = generator.nextIndex(below: n)
        centroids += row(first)
        var closest = try squaredDistances(to: row(first), count: 1)
        closest[first] = 0
        var cumulative = [Double](repeating: 0, count: n)
        for _ in 1..<max(1, k) {
            var running = 0.0
            var lastPositive = 0
            for i in 0..<n {
                running += closest[i]
                cumulative[i] = running
                if closest[i] > 0 { lastPositive = i }
            }
            var candidates: [Int] = []
            for _ in 0..<localTrials {
                let target = generator.nextUnitDouble() * running
                // The first row whose cumulative weight exceeds the target (rows of weight 0 never do).
                var low = 0, high = n
                while low < high {
                    let mid = (low + high) / 2
                    if cumulative[mid] > target { high = mid } else { low = mid + 1 }
                }
                candidates.append(min(low, lastPositive))
            }
            let candidateRows = candidates.flatMap { row($0) }
            let t = candidates.count
            let distances = try squaredDistances(to: candidateRows, count: t)
            var potentials = [Double](repeating: 0, count: t)
            for i in 0..<n {
                for j in 0..<t { potentials[j] += min(closest[i], distances[i * t + j]) }
            }
            var best = 0
            for j in 1..<t where potentials[j] < potentials[best] { best = j }
            for i in 0..<n { closest[i] = min(closest[i], distances[i * t + best]) }
            closest[candidates[best]] = 0
            centroids += row(candidates[best])
        }
        return centroids
    }
}

/// The default number of k-means++ candidates per step, 2 + ⌊ln k⌋ (scikit-learn's choice).
func _defaultLocalTrials(k: Int) -> Int { 2 + Int(log(Double(max(1, k)))) }
