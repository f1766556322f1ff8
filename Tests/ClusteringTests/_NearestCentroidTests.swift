import _TestSupport
import Foundation
import LinearAlgebra
import Testing
@testable import Clustering

@Suite("Nearest-centroid passes")
struct NearestCentroidTests {
    /// 2,500 rows (several row blocks and a short last block), 3 features, 5 centroids.
    static func sample() throws -> (Matrix, [Double]) {
        var generator = SeededRandomForTests(seed: 17)
        let x = try Matrix(rows: 2_500, columns: 3, values: (0..<7_500).map { _ in generator.gaussian() * 3 + 7 })
        let centroids = (0..<15).map { _ in generator.gaussian() * 3 + 7 }
        return (x, centroids)
    }

    @Test("assignment, counts and sums equal a brute-force search over Σ(x − c)², by the fused kernel (k·d = 15) and by gemm (k·d = 20,000)",
          arguments: [(2_500, 3, 5, true), (300, 40, 500, false)])
    func assignMatchesBruteForce(shape: (n: Int, d: Int, k: Int, fused: Bool)) throws {
        let (n, d, k, fused) = shape
        var generator = SeededRandomForTests(seed: 17)
        let x = try Matrix(rows: n, columns: d, values: (0..<(n * d)).map { _ in generator.gaussian() * 3 + 7 })
        let centroids = (0..<(k * d)).map { _ in generator.gaussian() * 3 + 7 }
        #expect(_usesFusedKernel(k: k, d: d) == fused)
        let data = try _PreparedData(centering: x)
        let translated = centroids.enumerated().map { $1 - data.shift[$0 % d] }
        var labels = [Int](repeating: -1, count: x.rows)
        let totals = try data.assign(to: translated, k: k, labels: &labels, accumulate: true, distances: true)
        var counts = [Int](repeating: 0, count: k)
        var sums = [Double](repeating: 0, count: k * d)
        var distanceSum = 0.0
        for i in 0..<x.rows {
            let distances = (0..<k).map { j in (0..<d).reduce(0.0) { $0 + pow(x[i, $1] - centroids[j * d + $1], 2) } }
            let best = distances.indices.min { distances[$0] < distances[$1] } ?? -1
            #expect(Int(labels[i]) == best)
            counts[best] += 1
            distanceSum += distances[best]
            for f in 0..<d { sums[best * d + f] += x[i, f] - data.shift[f] }
        }
        #expect(totals.counts == counts)
        #expect(totals.changed == x.rows)
        #expect(zip(totals.sums, sums).allSatisfy { isClose($0, $1, tolerance: 1e-10) })
        #expect(isClose(totals.distanceSum, distanceSum, tolerance: 1e-10))
        #expect(isClose(data.inertia(centroids: translated, labels: labels), distanceSum, tolerance: 1e-12))
        // A second pass from these labels changes none; without `distances` no sum is formed.
        let again = try data.assign(to: translated, k: k, labels: &labels, accumulate: false)
        #expect(again.changed == 0)
        #expect(again.distanceSum == 0)
        #expect(again.sums.isEmpty)
    }

    @Test("squared distances to a few centers equal Σ(x − c)²")
    func squaredDistances() throws {
        let (x, centroids) = try Self.sample()
        let data = try _PreparedData(centering: x)
        let translated = centroids.enumerated().map { $1 - data.shift[$0 % 3] }
        let distances = try data.squaredDistances(to: translated, count: 5)
        for i in stride(from: 0, to: x.rows, by: 7) {
            for j in 0..<5 {
                let exact = (0..<3).reduce(0.0) { $0 + pow(x[i, $1] - centroids[j * 3 + $1], 2) }
                #expect(abs(distances[i * 5 + j] - exact) <= 1e-10 * max(1, exact))
            }
        }
    }
}
