import LinearAlgebra
import Testing

@testable import LinearModels

/// Messages of the errors not already checked where they are thrown.
@Suite struct LinearModelsErrorTests {
    @Test("singular Hessian and other one-line messages")
    func messages() {
        #expect(LinearModelsError.singularHessian(terms: [.feature(4)]).description
            == "the Hessian is singular: feature 4 is collinear with other terms (or constant zero); drop them or set l2 > 0")
        #expect(LinearModelsError.singularHessian(terms: [.intercept, .feature(0)]).description
            .hasPrefix("the Hessian is singular: intercept, feature 0 are collinear"))
        #expect(LinearModelsError.singularHessian(terms: [.intercept, .feature(0)]).description(featureNames: ["tenure"])
            .hasPrefix("the Hessian is singular: (intercept), tenure are collinear"))
        #expect(LinearModelsError.nonFiniteFeature(row: 2, column: 0, value: .nan).description(featureNames: ["tenure"])
            == "X row 2, tenure (column 0) is nan; features must be finite numbers")
        #expect(LinearModelsError.penaltyRequired(rows: 3, coefficients: 6).description
            == "X has 3 rows for 6 coefficients: more coefficients than rows needs a penalty (set l2 > 0)")
        #expect(LinearModelsError.overflow(row: 2).description.hasPrefix("X row 2: the linear predictor overflows"))
        #expect(LinearModelsError.invalidSampleWeight(index: 1, value: -0.5).description
            == "sample weight 1 is -0.5; weights must be finite and non-negative")
        let all: [LinearModelsError] = [
            .emptyInput("X has no rows"), .outputSizeMismatch(got: 1, expected: 2),
            .inferenceUnavailable(reason: "r"), .linearAlgebra(.singular(index: 1)),
        ]
        #expect(all.allSatisfy { !$0.description.isEmpty && !$0.description.contains("\n") })
    }
}
