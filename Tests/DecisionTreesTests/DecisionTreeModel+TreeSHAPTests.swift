import Foundation
import LinearAlgebra
import Tabular
import Testing
@testable import DecisionTrees
import _TreeSHAPTestSupport

/// Rows with a categorical feature (4 levels), NaN in every feature, and a label that depends on
/// several features, so that a deep tree reuses features along its paths.
private func churnLikeData(rows: Int, seed: UInt64) throws -> (x: Matrix, y: [Bool]) {
    var random = SeededRandom(seed: seed)
    var values: [Double] = []
    var labels: [Bool] = []
    for _ in 0..<rows {
        let plan = Double(random.nextIndex(below: 4))
        let tenure = random.nextUnitDouble() * 72
        let charges = 20 + random.nextUnitDouble() * 100
        let calls = Double(random.nextIndex(below: 6))
        let logit = (plan == 0 ? 1.2 : -0.4) - tenure / 30 + charges / 60 + 0.3 * calls - 1
        labels.append(random.nextUnitDouble() < 1 / (1 + exp(-logit)))
        let row = [plan, tenure, charges, calls].map { random.nextUnitDouble() < 0.07 ? Double.nan : $0 }
        values += row
    }
    return (try Matrix(rows: rows, columns: 4, values: values), labels)
}

private let features = [
    TreeFeature.categorical("plan", levels: ["a", "b", "c", "d"]), .numeric("tenure"), .numeric("charges"), .numeric("calls"),
]

@Test(arguments: [
    DecisionTreeClassifier(maxDepth: 5, minSamplesLeaf: 5),
    DecisionTreeClassifier(maxDepth: 7, minSamplesLeaf: 2, classWeights: .balanced, splitSearch: .exact),
])
func fittedTreeSHAPEqualsBruteForceAndAddsUpToTheProbability(classifier: DecisionTreeClassifier) throws {
    let (x, y) = try churnLikeData(rows: 3_000, seed: 5)
    let model = try classifier.fit(x, y, features: features)
    #expect(model.depth >= 5)
    let shap = try model.shapValues(x)
    let probabilities = try model.predictProbabilities(x)
    // The expected value is the cover-weighted mean of the leaves' predictions (the root's
    // weighted probability of churn when the leaves are not smoothed).
    let root = model.nodes[0].weightedSampleCount
    let expected = model.nodes.indices.filter { model.nodes[$0].isLeaf }.reduce(0.0) { sum, i in
        sum + model.nodes[i].weightedSampleCount / root * (model.nodeProbabilities(i)?[1] ?? .nan)
    }
    #expect(abs(shap.expectedValue - expected) <= 1e-12)
    var raw = classifier
    raw.leafSmoothing = 0
    let rawSHAP = try raw.fit(x, y, features: features).shapValues(x)
    #expect(abs(rawSHAP.expectedValue - model.nodes[0].probabilities[1]) <= 1e-12)
    var worstSum = 0.0
    for row in 0..<x.rows {
        let total = (0..<4).reduce(shap.expectedValue) { $0 + shap.contributions[row, $1] }
        worstSum = max(worstSum, abs(total - probabilities[row]))
    }
    #expect(worstSum <= 1e-9, "largest |Σ φ + E - p| \(worstSum)")
    let tree = model._shapTree
    var worst = 0.0
    for row in stride(from: 0, to: x.rows, by: 37) {
        let reference = bruteForceShapley(tree, Array(x.row(row)))
        for j in 0..<4 { worst = max(worst, abs(shap.contributions[row, j] - reference[j])) }
    }
    #expect(worst <= 1e-12, "largest difference from brute force \(worst)")
}

@Test func treeSHAPNeedsABinaryModelAndTheModelsWidth() throws {
    let (x, y) = try churnLikeData(rows: 200, seed: 6)
    let model = try DecisionTreeClassifier(maxDepth: 3).fit(x, y, features: features)
    #expect(throws: DecisionTreeError.self) { try model.shapValues(try Matrix(rows: 2, columns: 3)) }
    let threeClasses = try DecisionTreeClassifier(maxDepth: 2).fit(x, classes: y.indices.map { $0 % 3 })
    #expect(throws: DecisionTreeError.notBinary(classCount: 3)) { try threeClasses.shapValues(x) }
    let leaf = try DecisionTreeClassifier(maxDepth: 1, minSamplesSplit: 1_000).fit(x, y, features: features)
    let flat = try leaf.shapValues(x)
    #expect(flat.contributions.storage.allSatisfy { $0 == 0 })
    #expect(flat.expectedValue == leaf.nodes[0].probabilities[1])
}
