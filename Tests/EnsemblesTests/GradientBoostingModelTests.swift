import Foundation
import LinearAlgebra
import Testing
@testable import DecisionTrees
@testable import Ensembles

@Test func boostedModelRoundTripsThroughJSONAndScoresTheSame() throws {
    let data = try EnsembleTestData(rows: 1_000, features: 4, missingRate: 0.1)
    let model = try GradientBoostingClassifier(rounds: 10, maxLeaves: 6).fit(data.x, data.y)
    let decoded = try JSONDecoder().decode(GradientBoostingModel.self, from: try JSONEncoder().encode(model))
    #expect(decoded == model)
    #expect(try decoded.predictProbabilities(data.x) == (try model.predictProbabilities(data.x)))
}

/// The margin is the base margin plus one leaf value per tree, found by walking each tree by hand.
@Test func marginsSumTheLeafValuesOfEveryTree() throws {
    let data = try EnsembleTestData(rows: 500, features: 3, missingRate: 0.1)
    let model = try GradientBoostingClassifier(rounds: 8, maxLeaves: 5, minSamplesLeaf: 5).fit(data.x, data.y)
    let margins = try model.margins(data.x)
    for i in 0..<data.x.rows {
        var sum = model.baseMargin
        for tree in model.trees {
            var node = 0
            while let split = tree.nodes[node].split {
                let v = data.x[i, split.feature]
                node = (v.isNaN ? split.missingGoesLeft : v <= (split.threshold ?? 0)) ? split.left : split.right
            }
            sum += tree.nodes[node].value
        }
        #expect(abs(margins[i] - sum) < 1e-12)
    }
    let probabilities = try model.predictProbabilities(data.x)
    for (p, m) in zip(probabilities, margins) { #expect(abs(p - 1 / (1 + exp(-m))) < 1e-15) }
}

@Test func importancesCountEverySplitAndSumItsGain() throws {
    let data = try EnsembleTestData(rows: 800, features: 4)
    let model = try GradientBoostingClassifier(rounds: 5, maxLeaves: 4).fit(data.x, data.y)
    let importances = model.importances
    let splits = model.trees.flatMap { $0.nodes.compactMap(\.split) }
    #expect(importances.map(\.splitCount).reduce(0, +) == splits.count)
    let totalGain: Double = importances.map(\.gain).reduce(0, +)
    let splitGain: Double = splits.map(\.impurityDecrease).reduce(0, +)
    #expect(abs(totalGain - splitGain) < 1e-9)
    // Feature 0 carries most of the signal of the test data.
    #expect(importances.max { $0.gain < $1.gain }?.feature == "feature_0")
}

@Test func corruptModelFilesAreRefusedNamingTheTree() throws {
    let data = try EnsembleTestData(rows: 300, features: 2)
    let model = try GradientBoostingClassifier(rounds: 2, maxLeaves: 3).fit(data.x, data.y)
    var json = try #require(String(data: try JSONEncoder().encode(model), encoding: .utf8))
    json = json.replacingOccurrences(of: "\"feature\":0", with: "\"feature\":9")
        .replacingOccurrences(of: "\"feature\":1", with: "\"feature\":9")
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(GradientBoostingModel.self, from: Data(json.utf8)) }
}
