import LinearAlgebra
import ModelProtocols
import Testing
@testable import DecisionTrees

@Test func treeContributionsAreItsTreeSHAPValuesOfTheProbability() throws {
    let x = try Matrix([[0, 1], [1, 0], [2, 1], [3, 0], [0, 0], [1, 1], [2, 0], [3, 1]])
    let y = [false, true, true, true, false, false, true, true]
    let model = try DecisionTreeClassifier(maxDepth: 3, splitSearch: .exact).fit(x, y)
    let explained = try model.featureContributions(x, featureMeans: [5, 5])  // means are ignored
    let shap = try model.shapValues(x)
    #expect(explained.unit == .probability && model.contributionUnit == .probability)
    #expect(explained.baselineKind == .treeExpectation)
    #expect(explained.contributions == shap.contributions)
    #expect(explained.baseline == shap.expectedValue)
    #expect(explained.scores == (try model.predictProbabilities(x)))
    for row in 0..<x.rows {
        #expect(abs(explained.contributions.row(row).reduce(explained.baseline, +) - explained.scores[row]) <= 1e-12)
    }
}
