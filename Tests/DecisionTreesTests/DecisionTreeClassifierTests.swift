import Foundation
import LinearAlgebra
import Testing
@testable import DecisionTrees

/// References: scikit-learn 1.9.1 DecisionTreeClassifier fitted on the same data
/// (Fixtures/make_fixtures.py); exact search must find the same splits, thresholds, impurity
/// decreases, leaf probabilities and importances to 1e-12.
@Test(arguments: ["gini_depth4_leaf5", "gini_full", "entropy_weighted_balanced", "best_first_8_leaves",
                  "three_classes", "missing_values"])
func exactSearchMatchesScikitLearn(name: String) throws {
    let fixture = try TreeFixtures.named(name)
    let model = try fixture.classifier().fit(
        fixture.matrix(), classes: fixture.y, features: nil, sampleWeights: fixture.sample_weight)
    let problems = differences(model, fixture.tree)
    #expect(problems.isEmpty, "\(name): \(problems.prefix(5).joined(separator: "; "))")
    #expect(model.depth == fixture.tree.depth)
    #expect(model.leafCount == fixture.tree.leaves)
}
