import Foundation
import LinearAlgebra
import ModelMetrics
import Testing
@testable import DecisionTrees
@testable import Ensembles

/// The out-of-bag estimate recomputed directly: every tree scores the rows its bootstrap sample
/// (re-drawn from the seed) left out, and each row averages those trees.
@Test func outOfBagEstimateEqualsADirectComputation() throws {
    let data = try EnsembleTestData(rows: 1_200, features: 5, missingRate: 0.05)
    let learner = RandomForestClassifier(trees: 12, maxDepth: 6, minSamplesLeaf: 3, seed: 11)
    let forest = try learner.fit(data.x, data.y)
    let n = data.x.rows
    var sums = [Double](repeating: 0, count: n), counts = [Int](repeating: 0, count: n)
    for (t, tree) in forest.trees.enumerated() {
        let drawn = learner.bootstrapCounts(tree: t, rowCount: n)
        #expect(drawn.reduce(0, +) == n)
        #expect(tree.nodes[0].sampleCount == drawn.filter { $0 > 0 }.count)
        #expect(tree.nodes[0].cover == Double(n))
        let alone = try RandomForestModel(features: forest.features, trees: [tree], outOfBag: nil).predictProbabilities(data.x)
        for i in 0..<n where drawn[i] == 0 {
            sums[i] += alone[i]
            counts[i] += 1
        }
    }
    let scored = (0..<n).filter { counts[$0] > 0 }
    let probabilities = scored.map { sums[$0] / Double(counts[$0]) }
    let labels = scored.map { data.y[$0] }
    let estimate = try #require(forest.outOfBag)
    #expect(estimate.rowCount == scored.count)
    #expect(abs((estimate.auc ?? 0) - (try rocAUC(labels: labels, scores: probabilities))) < 1e-12)
    #expect(abs((estimate.logLoss ?? 0) - (try logLoss(labels: labels, scores: probabilities))) < 1e-12)
}

/// Without bootstrap and with every feature at each split, a forest tree is the Gini CART.
@Test func unbaggedForestTreeIsTheGiniCART() throws {
    let data = try EnsembleTestData(rows: 2_000, features: 4, missingRate: 0.1)
    let cart = try DecisionTreeClassifier(
        maxDepth: 6, minSamplesLeaf: 10, categoricalSplits: .unregularized, leafSmoothing: 0
    ).fit(data.x, data.y)
    let forest = try RandomForestClassifier(
        trees: 1, maxDepth: 6, minSamplesLeaf: 10, featuresPerSplit: .all, bootstrap: false
    ).fit(data.x, data.y)
    let tree = try #require(forest.trees.first)
    #expect(forest.outOfBag == nil)
    #expect(tree.nodes.count == cart.nodes.count)
    for (ours, theirs) in zip(tree.nodes, cart.nodes) {
        #expect(ours.split?.feature == theirs.split?.feature)
        #expect(ours.sampleCount == theirs.sampleCount)
        #expect(abs(ours.value - theirs.probabilities[1]) < 1e-12)
    }
    for (a, b) in zip(try forest.predictProbabilities(data.x), try cart.predictProbabilities(data.x)) {
        #expect(abs(a - b) < 1e-12)
    }
}

@Test func forestIsDeterministicForASeedAndRoundTrips() throws {
    let data = try EnsembleTestData(rows: 1_000, features: 6)
    let learner = RandomForestClassifier(trees: 8, maxDepth: 5, seed: 5)
    let a = try learner.fit(data.x, data.y)
    #expect(try learner.fit(data.x, data.y) == a)
    #expect(FeaturesPerSplit.sqrt.resolved(features: 6) == 2)
    #expect(FeaturesPerSplit.sqrt.resolved(features: 9) == 3)
    #expect(a.trees.allSatisfy { $0.nodes.count > 1 })
    let decoded = try JSONDecoder().decode(RandomForestModel.self, from: try JSONEncoder().encode(a))
    #expect(decoded == a)
    #expect(try decoded.predictProbabilities(data.x) == (try a.predictProbabilities(data.x)))
    #expect(throws: DecisionTreeError.invalidParameter(name: "trees", value: "0", requirement: "must be at least 1")) {
        try RandomForestClassifier(trees: 0).fit(data.x, data.y)
    }
}
