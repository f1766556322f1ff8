import Foundation
import LinearAlgebra
import LinearModels
import ModelProtocols
import Testing
import _TreeSHAPTestSupport
@testable import DecisionTrees
@testable import Ensembles

// References: brute-force Shapley values of the ensemble's game v(S) = Σ_t scale_t v_t(S), enumerated
// over every feature subset (TreeSHAPBruteForce.swift), and local accuracy against the models'
// own scores.

/// Seeded rows with NaN in every feature and a categorical column (level codes 0..<4, split as
/// ordered codes by the ensembles).
private func explainedData(rows: Int, seed: UInt64 = 11) throws -> (x: Matrix, y: [Bool], features: [TreeFeature]) {
    let data = try EnsembleTestData(rows: rows, features: 5, missingRate: 0.08, seed: seed)
    var values = data.x.storage
    for i in 0..<rows {
        let v = values[i * 5 + 2]
        values[i * 5 + 2] = v.isNaN ? .nan : v > 0.5 ? 2 : v > 0 ? 1 : v > -0.5 ? 0 : 3
    }
    let features: [TreeFeature] = [
        .numeric("a"), .numeric("b"), .categorical("plan", levels: ["p", "q", "r", "s"]), .numeric("c"), .numeric("d"),
    ]
    return (try Matrix(rows: rows, columns: 5, values: values), data.y, features)
}

/// Compares TreeSHAP with brute force on every `step`-th row and checks local accuracy on every row.
private func checkAgainstBruteForce(
    _ shap: TreeSHAPValues, trees: [TreeSHAPTree], scale: Double, start: Double, scores: [Double], x: Matrix, step: Int
) {
    var worstSum = 0.0
    for row in 0..<x.rows {
        let total = (0..<x.columns).reduce(shap.expectedValue) { $0 + shap.contributions[row, $1] }
        worstSum = max(worstSum, abs(total - scores[row]))
    }
    #expect(worstSum <= 1e-9, "largest |Σ φ + E - score| \(worstSum)")
    let scales = [Double](repeating: scale, count: trees.count)
    let expected = start + trees.reduce(0.0) { $0 + scale * conditionalExpectation($1, Array(x.row(0)), known: []) }
    #expect(abs(shap.expectedValue - expected) <= 1e-12)
    var worst = 0.0
    for row in stride(from: 0, to: x.rows, by: step) {
        let reference = bruteForceShapley(trees, scales: scales, Array(x.row(row)))
        for j in 0..<x.columns { worst = max(worst, abs(shap.contributions[row, j] - reference[j])) }
    }
    #expect(worst <= 1e-12, "largest difference from brute force \(worst)")
}

@Test(arguments: [
    GradientBoostingClassifier(rounds: 12, maxLeaves: 8, minSamplesLeaf: 10),
    GradientBoostingClassifier(
        rounds: 8, learningRate: 0.3, maxLeaves: 16, maxDepth: 6, minSamplesLeaf: 3, l2: 1, rowSubsample: 0.7,
        columnSubsample: 0.8, seed: 3),
])
func boostedTreeSHAPEqualsBruteForceAndAddsUpToTheMargin(classifier: GradientBoostingClassifier) throws {
    let (x, y, features) = try explainedData(rows: 1_500)
    let model = try classifier.fit(x, y, features: features)
    #expect(model.trees.contains { $0.depth >= 3 })
    let shap = try model.shapValues(x)
    let trees = model._packed._shapTrees(model.trees, features: model.features, cover: .sampleCount)
    checkAgainstBruteForce(shap, trees: trees, scale: 1, start: model.baseMargin, scores: try model.margins(x), x: x, step: 13)
}

@Test(arguments: [
    RandomForestClassifier(trees: 10, maxDepth: 6, minSamplesLeaf: 3),
    RandomForestClassifier(trees: 6, maxLeaves: 20, featuresPerSplit: .all, bootstrap: false, seed: 4),
])
func forestTreeSHAPEqualsBruteForceAndAddsUpToTheProbability(classifier: RandomForestClassifier) throws {
    let (x, y, features) = try explainedData(rows: 1_500)
    let model = try classifier.fit(x, y, features: features)
    let shap = try model.shapValues(x)
    let trees = model._packed._shapTrees(model.trees, features: model.features, cover: .cover)
    checkAgainstBruteForce(
        shap, trees: trees, scale: 1 / Double(model.trees.count), start: 0, scores: try model.predictProbabilities(x), x: x,
        step: 13)
}

@Test func ensembleTreeSHAPNeedsTheModelsWidth() throws {
    let (x, y, features) = try explainedData(rows: 300)
    let boosted = try GradientBoostingClassifier(rounds: 3, maxLeaves: 4).fit(x, y, features: features)
    let forest = try RandomForestClassifier(trees: 3, maxDepth: 3).fit(x, y, features: features)
    let narrow = try Matrix(rows: 2, columns: 4)
    #expect(throws: DecisionTreeError.self) { try boosted.shapValues(narrow) }
    #expect(throws: DecisionTreeError.self) { try forest.featureContributions(narrow, featureMeans: nil) }
}

/// Every classifier kind through `ContributionExplaining` only: for every row the contributions
/// plus the baseline are the model's explained score, and that score is its probability (a
/// probability itself, or the logit of it).
@Test func contributionsAddUpToTheScoreForEveryModelKind() throws {
    let data = try EnsembleTestData(rows: 1_200, features: 4, seed: 21)
    let (x, y) = (data.x, data.y)
    let models: [any ContributionExplaining & BinaryClassifier] = [
        try LogisticRegression().fit(x, y),
        try DecisionTreeClassifier(maxDepth: 6, minSamplesLeaf: 5).fit(x, y),
        try GradientBoostingClassifier(rounds: 15, maxLeaves: 8).fit(x, y),
        try RandomForestClassifier(trees: 8, maxDepth: 6).fit(x, y),
    ]
    for model in models {
        let explained = try model.featureContributions(x, featureMeans: nil)
        let probabilities = try model.predictProbabilities(x)
        var worstSum = 0.0, worstScore = 0.0
        for row in 0..<x.rows {
            let total = (0..<x.columns).reduce(explained.baseline) { $0 + explained.contributions[row, $1] }
            worstSum = max(worstSum, abs(total - explained.scores[row]))
            let p = explained.unit == .logit ? 1 / (1 + exp(-explained.scores[row])) : explained.scores[row]
            worstScore = max(worstScore, abs(p - probabilities[row]))
        }
        #expect(worstSum <= 1e-9, "\(type(of: model)): largest |Σ φ + baseline - score| \(worstSum)")
        #expect(worstScore <= 1e-12, "\(type(of: model)): largest |score - probability| \(worstScore)")
    }
}
