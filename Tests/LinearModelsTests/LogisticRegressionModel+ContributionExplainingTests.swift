import LinearAlgebra
import ModelProtocols
import Testing
@testable import LinearModels

/// A hand-worked case: w = (2, -1), b = 0.5, μ = (1, 3); for x = (2, 1):
/// contributions 2 (2 - 1) = 2 and -1 (1 - 3) = 2, baseline 0.5 + 2 - 3 = -0.5, and
/// -0.5 + 2 + 2 = 3.5 = 0.5 + 4 - 1, the logit.
@Test func logisticContributionsAreTheCoefficientTimesTheDistanceFromTheMean() throws {
    let model = LogisticRegressionModel(coefficients: [2, -1], intercept: 0.5)
    let x = try Matrix([[2, 1], [1, 3], [0, 0]])
    let fromMean = try model.featureContributions(x, featureMeans: [1, 3])
    #expect(fromMean.unit == .logit && fromMean.baselineKind == .trainingMean)
    #expect(fromMean.baseline == -0.5)
    #expect(Array(fromMean.contributions.row(0)) == [2, 2])
    #expect(Array(fromMean.contributions.row(1)) == [0, 0])  // the mean row itself
    #expect(fromMean.scores == [3.5, -0.5, 0.5])
    for row in 0..<3 {
        #expect(fromMean.contributions.row(row).reduce(fromMean.baseline, +) == fromMean.scores[row])
    }
    // Without means: from the all-zero row, whose logit is the intercept.
    let fromZero = try model.featureContributions(x, featureMeans: nil)
    #expect(fromZero.baselineKind == .referenceCustomer && fromZero.baseline == 0.5)
    #expect(Array(fromZero.contributions.row(0)) == [4, -1])
    #expect(throws: LinearModelsError.self) { try model.featureContributions(x, featureMeans: [1]) }
    #expect(throws: LinearModelsError.self) { try model.featureContributions(try Matrix([[1.0]]), featureMeans: nil) }
}
