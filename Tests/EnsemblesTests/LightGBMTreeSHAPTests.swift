import Foundation
import DecisionTrees
import LinearAlgebra
import Testing
@testable import Ensembles

/// `Fixtures/lightgbm_pred_contrib.json`, made by `Fixtures/make_lightgbm_shap_fixture.py`
/// (LightGBM 4.7.0): a booster's trees in preorder, 200 rows, and LightGBM's raw scores and
/// `pred_contrib` values of them.
private struct PredContribFixture: Decodable {
    struct Node: Decodable {
        let feature: Int?
        let threshold: Double?
        let left: Int?
        let right: Int?
        let defaultLeft: Bool?
        let gain: Double?
        let value: Double
        let count: Int
        let hessian: Double
    }

    let features: Int
    let trees: [[Node]]
    let x: [[Double]]
    let rawScores: [Double]
    let contributions: [[Double]]

    static func load() throws -> PredContribFixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/lightgbm_pred_contrib", withExtension: "json"))
        return try JSONDecoder().decode(PredContribFixture.self, from: Data(contentsOf: url))
    }
}

/// With LightGBM's trees given identically (base margin 0: LightGBM's first tree holds the base
/// score), ChurnKit's margins equal LightGBM's raw scores and its TreeSHAP values and expected value
/// equal `predict(pred_contrib=True)`: both weight a split's children by their training rows.
@Test func boostedTreeSHAPEqualsLightGBMsPredContribOnTheSameTrees() throws {
    let fixture = try PredContribFixture.load()
    let features = (0..<fixture.features).map { TreeFeature(name: "f\($0)") }
    let trees = fixture.trees.map { nodes in
        EnsembleTree(nodes: nodes.map { node in
            EnsembleTreeNode(
                value: node.value, sampleCount: node.count, cover: node.hessian,
                split: node.feature.map { feature in
                    TreeSplit(
                        feature: feature, threshold: node.threshold, leftCategories: nil,
                        missingGoesLeft: node.defaultLeft ?? true, missingCount: 0, left: node.left ?? -1,
                        right: node.right ?? -1, impurityDecrease: node.gain ?? 0)
                })
        })
    }
    for tree in trees { #expect(tree._structuralProblem(features: features) == nil) }
    let model = GradientBoostingModel(features: features, baseMargin: 0, learningRate: 0.2, trees: trees, validationLoss: [])
    let x = try Matrix(fixture.x)
    let margins = try model.margins(x)
    for (ours, theirs) in zip(margins, fixture.rawScores) { #expect(abs(ours - theirs) <= 1e-12) }

    let shap = try model.shapValues(x)
    var largest = 0.0
    for (row, expected) in fixture.contributions.enumerated() {
        #expect(abs(shap.expectedValue - expected[fixture.features]) <= 1e-12)
        for j in 0..<fixture.features {
            largest = max(largest, abs(shap.contributions[row, j] - expected[j]))
        }
    }
    #expect(largest <= 1e-12, "largest difference \(largest)")
}
