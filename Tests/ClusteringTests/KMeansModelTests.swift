import _TestSupport
import Foundation
import LinearAlgebra
import Tabular
import Testing
@testable import Clustering

@Suite("KMeansModel")
struct KMeansModelTests {
    @Test("predict and transform equal scikit-learn's on new rows", arguments: KMeansCase.all)
    func predictAndTransform(_ reference: KMeansCase) throws {
        let model = try KMeans(
            k: reference.initial.count, initialization: .centroids(try Matrix(reference.initial)),
            maxIterations: reference.maxIterations, tolerance: reference.tolerance
        ).fit(try Matrix(reference.x))
        let new = try Matrix(reference.new)
        #expect(try model.predict(new) == reference.predict)
        #expect(isClose(try model.transform(new), reference.transform))
        // Training rows are predicted with their training labels.
        #expect(try model.predict(try Matrix(reference.x)) == model.labels)
    }

    @Test("JSON round trip gives the same model; corrupt files are rejected")
    func codable() throws {
        let x = try gaussianBlobs(centers: [[0, 0], [5, 5]], perCluster: 10, spread: 1, seed: 2)
        let model = try KMeans(k: 2, seed: 1).fit(x)
        let data = try JSONEncoder().encode(model)
        let decoded = try JSONDecoder().decode(KMeansModel.self, from: data)
        #expect(decoded == model)
        #expect(decoded.labels.isEmpty && decoded.clusterSizes == model.clusterSizes)
        #expect(try decoded.predict(x) == model.labels)
        // The file holds k sizes, not one label per training row.
        let keys = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys
        #expect(Set(keys) == ["centroids", "clusterSizes", "inertia", "iterationCount"])
        // A file written before (with per-row labels) still decodes, its sizes counted from them.
        let older = #"{"centroids":{"rows":2,"columns":1,"values":[0,1]},"labels":[1,1,0],"inertia":0,"iterationCount":1}"#
        #expect(try JSONDecoder().decode(KMeansModel.self, from: Data(older.utf8)).clusterSizes == [1, 2])
        let badSizes = #"{"centroids":{"rows":2,"columns":1,"values":[0,1]},"clusterSizes":[1],"inertia":0,"iterationCount":1}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(KMeansModel.self, from: Data(badSizes.utf8)) }
        let badLabel = #"{"centroids":{"rows":1,"columns":1,"values":[0]},"labels":[1],"inertia":0,"iterationCount":1}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(KMeansModel.self, from: Data(badLabel.utf8)) }
        let noCentroid = #"{"centroids":{"rows":0,"columns":1,"values":[]},"labels":[],"inertia":0,"iterationCount":1}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(KMeansModel.self, from: Data(noCentroid.utf8)) }
    }

    @Test("centroids in original units undo the encoder's standardization")
    func originalUnits() throws {
        // Two numeric columns and one categorical column; two obvious groups.
        let table = try Table(columns: [
            Column(name: "tenure", numeric: [1, 2, 3, 60, 62, 64]),
            Column(name: "charges", numeric: [80, 90, 100, 20, 25, 30]),
            Column(name: "contract", labels: ["M", "M", "M", "Y", "Y", "M"]),
        ])
        let encoder = try FeatureEncoder().fit(table)
        let model = try KMeans(k: 2, seed: 0).fit(try encoder.transform(table))
        let original = try model.centroidsInOriginalUnits(encoder: encoder)
        let young = model.labels[0], old = model.labels[3]
        // The mean of each group in original units (hand-computed), and the share of "Y".
        #expect(isClose(original[young, 0], 2, tolerance: 1e-12))
        #expect(isClose(original[young, 1], 90, tolerance: 1e-12))
        #expect(isClose(original[old, 0], 62, tolerance: 1e-12))
        #expect(isClose(original[old, 1], 25, tolerance: 1e-12))
        #expect(isClose(original[old, 2], 2.0 / 3, tolerance: 1e-12))
        #expect(model.clusterSizes[young] == 3)
        #expect(throws: ClusteringError.featureCountMismatch(actual: 0, expected: 3, context: "the k-means model")) {
            try model.centroidsInOriginalUnits(features: [])
        }
    }

    @Test("new data with another width or a NaN is rejected")
    func badInput() throws {
        let model = try KMeans(k: 1).fit(try Matrix([[1, 2], [3, 4]]))
        #expect(throws: ClusteringError.featureCountMismatch(actual: 3, expected: 2, context: "the k-means model")) {
            try model.predict(try Matrix([[1, 2, 3]]))
        }
        #expect(model.featureCount == 2)
        #expect(throws: ClusteringError.self) { try model.transform(try Matrix([[1, .nan]])) }
    }
}
