import Foundation
import LinearAlgebra
import Testing
@testable import DecisionTrees

/// Reference: scikit-learn's predict_proba on the training rows (Fixtures/make_fixtures.py),
/// including rows with NaN routed by the learned missing-value directions.
@Test(arguments: ["gini_depth4_leaf5", "missing_values", "three_classes"])
func probabilitiesMatchScikitLearn(name: String) throws {
    let fixture = try TreeFixtures.named(name)
    let x = try fixture.matrix()
    let model = try fixture.classifier().fit(x, classes: fixture.y, sampleWeights: fixture.sample_weight)
    let probabilities = try model.predictClassProbabilities(x)
    for (row, expected) in fixture.proba.enumerated() {
        for (c, p) in expected.enumerated() { #expect(close(probabilities[row, c], p)) }
    }
    if model.classCount == 2 {
        #expect(try model.predictProbabilities(x) == (0..<x.rows).map { probabilities[$0, 1] })
    } else {
        #expect(throws: DecisionTreeError.notBinary(classCount: 3)) { try model.predictProbabilities(x) }
    }
    let predicted = try model.predict(x)
    for (row, expected) in fixture.proba.enumerated() {
        let best = expected.indices.max { expected[$0] < expected[$1] || (expected[$0] == expected[$1] && $0 > $1) }
        #expect(predicted[row] == best)
    }
}

@Test func modelRoundTripsThroughJSON() throws {
    let fixture = try TreeFixtures.named("missing_values")
    let x = try fixture.matrix()
    let features = (0..<5).map { TreeFeature.numeric("f\($0)") }
    let model = try fixture.classifier().fit(x, classes: fixture.y, features: features)
    let decoded = try JSONDecoder().decode(DecisionTreeModel.self, from: JSONEncoder().encode(model))
    #expect(decoded == model)
    #expect(decoded.featureImportances == model.featureImportances)
    #expect(try decoded.predictProbabilities(x) == model.predictProbabilities(x))
}

/// A corrupt file must not make prediction loop or read out of bounds.
@Test func corruptModelsAreRejectedWhenDecoded() throws {
    let model = try DecisionTreeClassifier().fit(Matrix([[1], [2], [3], [4]]), [false, false, true, true])
    var json = try #require(String(data: JSONEncoder().encode(model), encoding: .utf8))
    json = json.replacingOccurrences(of: "\"left\":1", with: "\"left\":0")
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(DecisionTreeModel.self, from: Data(json.utf8)) }
}

@Test func predictionChecksTheWidthAndTreatsUnknownLevelsAsMissing() throws {
    let model = try DecisionTreeClassifier(categoricalSplits: .unregularized).fit(
        Matrix([[0], [0], [1], [1], [.nan]]), [false, false, true, true, true],
        features: [.categorical("c", levels: ["a", "b"])])
    #expect(throws: DecisionTreeError.dimensionMismatch("X has 2 features, but the model expects 1")) {
        try model.predict(Matrix([[0, 1]]))
    }
    // Missing went with level "b" in training; unknown codes (5, -1, 0.5) follow the missing side.
    #expect(try model.predict(Matrix([[0], [1], [.nan], [5], [-1], [0.5]])) == [0, 1, 1, 1, 1, 1])
    #expect(try model.apply(Matrix([[0]])) == [1])
}

/// Prediction splits rows into blocks across cores; the result must equal a row-by-row walk.
@Test func blockedPredictionEqualsRowByRowPrediction() throws {
    let fixture = try TreeFixtures.named("gini_full")
    let small = try fixture.matrix()
    let model = try fixture.classifier().fit(small, classes: fixture.y)
    let repeated = try Matrix(rows: small.rows * 200, columns: small.columns, values: Array(repeating: small.storage, count: 200).flatMap { $0 })
    let expected = try model.predictProbabilities(small)
    let all = try model.predictProbabilities(repeated)
    #expect(all == Array(repeating: expected, count: 200).flatMap { $0 })
}
