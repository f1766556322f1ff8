import LinearAlgebra
import ModelMetrics
import Testing
@testable import Clustering

@Suite("KSelection")
struct KSelectionTests {
    /// Four well separated blobs: both criteria must point at k = 4.
    static func blobs() throws -> Matrix {
        try gaussianBlobs(centers: [[0, 0], [8, 0], [0, 8], [8, 8]], perCluster: 40, spread: 0.7, seed: 31)
    }

    @Test("on four separated blobs, the elbow and the silhouette both suggest k = 4")
    func fourBlobs() throws {
        let x = try Self.blobs()
        let selection = try KMeans(k: 1, initCount: 3, seed: 2).selectK(x, ks: 1...7)
        #expect(selection.candidates.map(\.k) == Array(1...7))
        #expect(selection.elbowK == 4)
        #expect(selection.silhouetteK == 4)
        #expect(selection.candidates[0].silhouette == nil)
        #expect(selection.silhouetteIsExact)
        // Each entry equals a direct fit and silhouette with the same settings.
        let direct = try KMeans(k: 4, initCount: 3, seed: 2).fit(x)
        #expect(selection.candidates[3].inertia == direct.inertia)
        let score = try silhouetteScore(points: x.storage, featureCount: 2, labels: direct.labels)
        #expect(selection.candidates[3].silhouette == score)
    }

    @Test("above the sample size the silhouette uses that many seeded rows, the same for every k")
    func sampled() throws {
        let x = try Self.blobs()
        let trainer = KMeans(k: 1, seed: 5)
        let selection = try trainer.selectK(x, ks: 2...4, silhouetteSampleSize: 50)
        #expect(selection.silhouetteRowCount == 50)
        #expect(!selection.silhouetteIsExact)
        let sample = trainer._silhouetteSample(rows: 160, size: 50)
        #expect(Set(sample).count == 50)
        #expect(sample == trainer._silhouetteSample(rows: 160, size: 50))
        let model = try KMeans(k: 3, seed: 5).fit(x)
        let points = sample.flatMap { Array(x.row($0)) }
        let expected = try silhouetteScore(points: points, featureCount: 2, labels: sample.map { model.labels[$0] })
        #expect(selection.candidates[1].silhouette == expected)
    }

    @Test("elbow: hand-worked curves")
    func elbowRule() {
        // Normalized: x = 0, .25, .5, .75, 1; y = 1, .2, .1, .05, 0 -> gaps 0, .55, .4, .2, 0.
        #expect(KSelection._elbowIndex([100, 20, 10, 5, 0]) == 1)
        #expect(KSelection._elbowIndex([3, 2]) == nil)
        #expect(KSelection._elbowIndex([1, 1, 1]) == nil)
    }

    @Test("bad ranges and settings throw")
    func badInput() throws {
        let x = try Self.blobs()
        #expect(throws: ClusteringError.self) { try KMeans(k: 1).selectK(x, ks: 0...3) }
        #expect(throws: ClusteringError.self) { try KMeans(k: 1).selectK(x, ks: 2...3, silhouetteSampleSize: 1) }
        #expect(throws: ClusteringError.self) {
            try KMeans(k: 2, initialization: .centroids(try Matrix([[0, 0], [1, 1]]))).selectK(x, ks: 2...3)
        }
        #expect(throws: ClusteringError.tooFewDistinctRows(k: 4, distinct: 3)) {
            try KMeans(k: 1).selectK(try Matrix([[0], [1], [2], [2]]), ks: 2...4)
        }
    }
}
