import Foundation
import LinearAlgebra
import Testing

@testable import LinearModels

/// Warnings raised by real fits, and their messages.
@Suite struct LogisticRegressionWarningTests {
    @Test("completely separated data without penalty warn about separation")
    func separation() throws {
        // y = (x > 0): the likelihood increases without bound as w grows.
        let x = try Matrix([[-3], [-2], [-1], [1], [2], [3]])
        let model = try LogisticRegression(l2: 0).fit(x, [false, false, false, true, true, true])
        #expect(model.warnings.contains { if case .quasiCompleteSeparation = $0 { true } else { false } })
        // The same data with a penalty have a finite optimum and no warning.
        let penalized = try LogisticRegression(l2: 1).fit(x, [false, false, false, true, true, true])
        #expect(penalized.warnings.isEmpty)
        #expect(penalized.converged)
    }

    @Test("a penalty that zeroes every coefficient warns, and the warning survives the model file")
    func penaltyZeroedCoefficients() throws {
        // The penalized optimum is w = X'(y - p) / l2 at p = the base rate: about 6 / 1e200 here, so
        // the model gives every row the base rate 0.5 (its unpenalized intercept is logit 0.5 = 0).
        let x = try Matrix([[-3], [-2], [-1], [1], [2], [3]]), y = [false, true, false, true, false, true]
        let model = try LogisticRegression(l2: 1e200).fit(x, y)
        let warning = try #require(model.warnings.first { if case .penaltyZeroedCoefficients = $0 { true } else { false } })
        guard case .penaltyZeroedCoefficients(let l2, let largest) = warning else { return }
        #expect(l2 == 1e200 && largest <= 1e-190)
        #expect(warning.description.contains("shrank every coefficient") && warning.description.contains("smaller l2"))
        #expect(try JSONDecoder().decode(LogisticRegressionWarning.self, from: JSONEncoder().encode(warning)) == warning)
        // The default penalty keeps a real coefficient and gives no such warning.
        #expect(try LogisticRegression(l2: 1).fit(x, y).warnings.isEmpty)
    }

    @Test("a budget of one iteration warns that the fit did not converge")
    func notConverged() throws {
        let fixture = try LogisticFixture.load("logistic_synthetic")
        let model = try LogisticRegression(l2: 0, maxIterations: 1).fit(try fixture.matrix(), fixture.y)
        #expect(!model.converged)
        #expect(model.warnings == [.notConverged(iterations: 1, gradientNorm: model.gradientNorm)])
    }

    @Test("messages are one line and name the remedy")
    func messages() {
        #expect(LogisticRegressionWarning.quasiCompleteSeparation(rows: 3).description.contains("3 rows"))
        #expect(LogisticRegressionWarning.notConverged(iterations: 7, gradientNorm: 0.5).description
            == "did not converge in 7 iterations (gradient norm 0.5); increase maxIterations or tolerance")
        #expect(LogisticRegressionWarning.singularHessian.description.contains("L-BFGS"))
    }

    @Test("aliased and near-collinear warnings name the features, never an index when names are given")
    func namedCollinearity() {
        let names = ["InternetService=No", "OnlineBackup=No internet service", "tenure", "TotalCharges"]
        let aliased = LogisticRegressionWarning.aliased(AliasedTerm(column: 1, aliasedWith: [.feature(0)]))
        #expect(aliased.description(featureNames: names)
            == "OnlineBackup=No internet service is aliased with InternetService=No and was dropped "
                + "(an exact linear combination of them; its coefficient is 0)")
        #expect(aliased.description.hasPrefix("feature 1 is aliased with feature 0"))
        let withIntercept = LogisticRegressionWarning.aliased(AliasedTerm(column: 1, aliasedWith: [.intercept, .feature(0)]))
        #expect(withIntercept.description(featureNames: names).hasPrefix(
            "OnlineBackup=No internet service is aliased with (intercept), InternetService=No and was dropped"))
        let near = LogisticRegressionWarning.nearCollinear(
            NearCollinearTerm(column: 3, varianceInflation: 10.68, partner: 2, partialCorrelation: 0.7934))
        #expect(near.description(featureNames: names)
            == "TotalCharges is near-collinear with tenure (partial correlation 0.793): variance inflation 10.7 > 10, "
                + "its standard error is 3.27 times what it would be without collinearity")
        let huge = LogisticRegressionWarning.nearCollinear(
            NearCollinearTerm(column: 3, varianceInflation: 2.5e8, partner: 2, partialCorrelation: 1))
        #expect(huge.description(featureNames: names).contains("variance inflation 2.5e+08"))
    }
}
