import _TestSupport
import Foundation
import LinearAlgebra
import Tabular
import Testing
@testable import Clustering

@Suite("KMeans")
struct KMeansTests {
    @Test("fixtures load")
    func fixturesLoad() throws {
        #expect(try KMeansCase.load().count == 8)
    }

    @Test("same iterations, labels, centroids and inertia as scikit-learn from the same centroids",
          arguments: KMeansCase.all)
    func matchesScikitLearn(_ reference: KMeansCase) throws {
        let x = try Matrix(reference.x)
        let trainer = KMeans(
            k: reference.initial.count, initialization: .centroids(try Matrix(reference.initial)),
            maxIterations: reference.maxIterations, tolerance: reference.tolerance)
        let model = try trainer.fit(x)
        #expect(model.iterationCount == reference.iterations)
        #expect(model.labels == reference.labels)
        #expect(isClose(model.inertia, reference.inertia, tolerance: 1e-9))
        #expect(isClose(model.centroids, reference.centers))
    }

    @Test("k-means++ on separated blobs finds one centroid per blob, and a seed repeats bitwise")
    func kMeansPlusPlusSeparatedBlobs() throws {
        let centers = [[0.0, 0.0], [10.0, 0.0], [0.0, 10.0], [10.0, 10.0]]
        let x = try gaussianBlobs(centers: centers, perCluster: 50, spread: 0.5, seed: 11)
        let model = try KMeans(k: 4, seed: 3).fit(x)
        // Each blob is one cluster: rows 50b ..< 50(b+1) share a label, and the labels differ.
        let blobLabels = (0..<4).map { Set(model.labels[($0 * 50)..<(($0 + 1) * 50)]) }
        #expect(blobLabels.allSatisfy { $0.count == 1 })
        #expect(Set(blobLabels.flatMap { $0 }).count == 4)
        // Each centroid is the mean of its blob (a closed form for a perfect partition).
        for b in 0..<4 {
            let label = model.labels[b * 50]
            for f in 0..<2 {
                let mean = (0..<50).reduce(0.0) { $0 + x[b * 50 + $1, f] } / 50
                #expect(abs(model.centroids[label, f] - mean) < 1e-12)
            }
        }
        let again = try KMeans(k: 4, seed: 3).fit(x)
        #expect(again == model)
    }

    @Test("more restarts never give a higher inertia than the first of them")
    func restartsKeepLowestInertia() throws {
        let x = try gaussianBlobs(centers: [[0, 0], [4, 0], [2, 3], [6, 3], [8, 0]], perCluster: 30, spread: 1.2, seed: 21)
        let one = try KMeans(k: 5, initCount: 1, seed: 4).fit(x)
        let many = try KMeans(k: 5, initCount: 8, seed: 4).fit(x)
        // The first of the 8 runs is the single run (same split of the seed).
        #expect(many.inertia <= one.inertia)
        // The inertia is Σ‖x − c‖² of the labels (hand formula).
        var total = 0.0
        for i in 0..<x.rows {
            for f in 0..<2 { total += pow(x[i, f] - many.centroids[many.labels[i], f], 2) }
        }
        #expect(isClose(many.inertia, total, tolerance: 1e-12))
    }

    @Test("k = 1 gives the column means; k = n gives zero inertia")
    func extremeK() throws {
        let x = try Matrix([[1, 2], [3, 4], [5, 9], [-1, 0]])
        let one = try KMeans(k: 1).fit(x)
        #expect(isClose(one.centroids, [[2, 3.75]], tolerance: 1e-15))
        let all = try KMeans(k: 4).fit(x)
        #expect(all.inertia == 0)
        #expect(Set(all.labels).count == 4)
    }

    @Test("bad input throws a clear error")
    func badInput() throws {
        let x = try Matrix([[1, 2], [1, 2], [3, 4]])
        #expect(throws: ClusteringError.tooFewDistinctRows(k: 3, distinct: 2)) { try KMeans(k: 3).fit(x) }
        #expect(throws: ClusteringError.invalidParameter(
            name: "k", value: "0", reason: "the number of clusters must be at least 1")) { try KMeans(k: 0).fit(x) }
        #expect(throws: ClusteringError.self) { try KMeans(k: 1, initCount: 0).fit(x) }
        #expect(throws: ClusteringError.self) { try KMeans(k: 1, maxIterations: 0).fit(x) }
        #expect(throws: ClusteringError.self) { try KMeans(k: 1, tolerance: .nan).fit(x) }
        let withNaN = try Matrix([[1, 2], [3, .nan]])
        let nanError = #expect(throws: ClusteringError.self) { try KMeans(k: 1).fit(withNaN) }
        #expect(nanError?.description.hasPrefix("X[row 1, column 1] (0-based) is nan") == true)
        #expect(throws: ClusteringError.emptyData("X has no rows: there is nothing to cluster")) {
            try KMeans(k: 1).fit(try Matrix(rows: 0, columns: 2))
        }
        #expect(throws: ClusteringError.featureCountMismatch(actual: 2, expected: 3, context: "the initial centroids")) {
            try KMeans(k: 1, initialization: .centroids(try Matrix([[1, 2, 3]]))).fit(x)
        }
        #expect(throws: ClusteringError.self) {
            try KMeans(k: 2, initialization: .centroids(try Matrix([[1, 2]]))).fit(x)
        }
        #expect(throws: ClusteringError.self) {
            try KMeans(k: 1, initialization: .centroids(try Matrix([[1, .infinity]]))).fit(x)
        }
        #expect(throws: ClusteringError.self) { try KMeans(k: 2, initialization: .kMeansPlusPlus(localTrials: 0)).fit(x) }
    }
}
