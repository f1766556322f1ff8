import _TestSupport
import LinearAlgebra
import Tabular
import Testing
@testable import Clustering

@Suite("MiniBatchKMeans")
struct MiniBatchKMeansTests {
    static let centers: [[Double]] = [[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10], [10, 10, 10]]

    @Test("on separated blobs, the centroids land on the blob means and the labels on the blobs")
    func separatedBlobs() throws {
        let x = try gaussianBlobs(centers: Self.centers, perCluster: 400, spread: 1, seed: 41)
        let model = try MiniBatchKMeans(k: 5, batchSize: 256, seed: 3).fit(x)
        let full = try KMeans(k: 5, seed: 3).fit(x)
        for b in 0..<5 {
            let label = model.labels[b * 400]
            #expect(Set(model.labels[(b * 400)..<((b + 1) * 400)]) == [label])
            // Within 0.15 of the blob's true center (the sample mean is within ~0.05 of it).
            for f in 0..<3 { #expect(abs(model.centroids[label, f] - Self.centers[b][f]) < 0.15) }
        }
        // Inertia within 1% of full-batch k-means.
        #expect(model.inertia <= full.inertia * 1.01)
        // Inertia is Σ‖x − c‖² of the returned labels and centroids.
        var total = 0.0
        for i in 0..<x.rows {
            for f in 0..<3 { total += (x[i, f] - model.centroids[model.labels[i], f]) * (x[i, f] - model.centroids[model.labels[i], f]) }
        }
        #expect(isClose(model.inertia, total, tolerance: 1e-12))
    }

    @Test("the same seed gives the same model; given centroids are used")
    func reproducible() throws {
        let x = try gaussianBlobs(centers: Self.centers, perCluster: 100, spread: 2, seed: 43)
        let a = try MiniBatchKMeans(k: 5, batchSize: 64, seed: 9).fit(x)
        let b = try MiniBatchKMeans(k: 5, batchSize: 64, seed: 9).fit(x)
        #expect(a == b)
        let given = try MiniBatchKMeans(k: 5, batchSize: 64, initialization: .centroids(try Matrix(Self.centers)), seed: 9).fit(x)
        #expect(given.k == 5)
        #expect(Set(given.labels).count == 5)
    }

    @Test("Floyd's sampling draws distinct sorted indices")
    func distinctIndices() {
        var generator = SeededRandom(seed: 1)
        let picks = _distinctIndices(count: 50, below: 60, &generator)
        #expect(picks.count == 50 && Set(picks).count == 50 && picks == picks.sorted() && picks.allSatisfy { $0 < 60 })
    }

    @Test("bad settings and data throw")
    func badInput() throws {
        let x = try Matrix([[0, 0], [1, 1], [2, 2]])
        #expect(throws: ClusteringError.self) { try MiniBatchKMeans(k: 0).fit(x) }
        #expect(throws: ClusteringError.self) { try MiniBatchKMeans(k: 2, batchSize: 0).fit(x) }
        #expect(throws: ClusteringError.self) { try MiniBatchKMeans(k: 2, reassignmentRatio: 2).fit(x) }
        #expect(throws: ClusteringError.tooFewDistinctRows(k: 4, distinct: 3)) { try MiniBatchKMeans(k: 4).fit(x) }
        #expect(throws: ClusteringError.nonFiniteValue(row: 2, column: 0, value: .infinity)) {
            try MiniBatchKMeans(k: 2).fit(try Matrix([[0, 1], [1, 1], [.infinity, 0]]))
        }
        #expect(throws: ClusteringError.self) { try MiniBatchKMeans(k: 1).fit(try Matrix(rows: 0, columns: 2)) }
    }
}
