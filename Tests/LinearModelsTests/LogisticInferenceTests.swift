import Foundation
import LinearAlgebra
import Testing

@testable import LinearModels

/// The inference table against statsmodels `Logit(...).fit()` (`make_fixtures.py`).
@Suite struct LogisticInferenceTests {
    /// Fits unpenalized and compares every column of the table with statsmodels.
    func checkAgainstStatsmodels(_ name: String) throws {
        let fixture = try LogisticFixture.load(name)
        let model = try LogisticRegression(l2: 0, tolerance: 1e-10).fit(try fixture.matrix(), fixture.y)
        let table = try model.inferenceTable()
        let reference = fixture.statsmodels
        #expect(table.rows.count == reference.params.count)
        #expect(table.rows.first?.term == .intercept)
        #expect(table.rows.last?.term == .feature(fixture.columns - 1))
        #expect(!table.isPenalized)
        #expect(table.note == nil)
        #expect(close(table.rows.map(\.estimate), reference.params, relative: 1e-6, absolute: 1e-9))
        #expect(close(table.rows.map(\.standardError), reference.bse, relative: 1e-6))
        #expect(close(table.rows.map(\.zScore), reference.tvalues, relative: 1e-6, absolute: 1e-8))
        #expect(close(table.rows.map(\.pValue), reference.pvalues, relative: 1e-6, absolute: 1e-300))
        #expect(close(table.rows.map(\.lowerBound), reference.ciLower, relative: 1e-6, absolute: 1e-8))
        #expect(close(table.rows.map(\.upperBound), reference.ciUpper, relative: 1e-6, absolute: 1e-8))
        // The objective of an unpenalized fit is minus the log-likelihood.
        #expect(close(model.objective, -reference.loglikelihood, relative: 1e-10))
    }

    @Test("estimates, standard errors, z, p-values and 95% CIs equal statsmodels (synthetic)")
    func synthetic() throws { try checkAgainstStatsmodels("logistic_synthetic") }

    @Test("estimates, standard errors, z, p-values and 95% CIs equal statsmodels (Telco, 1500 rows)")
    func telco() throws { try checkAgainstStatsmodels("logistic_telco") }

    @Test("hand-worked row: z = 2, p = erfc(√2), odds-ratio interval = exp of the interval")
    func handWorkedRow() {
        let row = LogisticCoefficientInference(term: .feature(0), estimate: 1.0, standardError: 0.5)
        #expect(row.zScore == 2)
        #expect(close(row.pValue, 0.04550026389635842, relative: 1e-14))  // 2 (1 - Φ(2))
        #expect(close(row.lowerBound, 1 - 0.5 * 1.959963984540054, relative: 1e-15))
        #expect(close(row.oddsRatio, M_E, relative: 1e-15))
        #expect(close(row.oddsRatioUpperBound, exp(1 + 0.5 * 1.959963984540054), relative: 1e-15))
    }

    @Test("a penalized fit flags its table as not valid inference")
    func penalizedNote() throws {
        let fixture = try LogisticFixture.load("logistic_synthetic")
        let table = try LogisticRegression(l2: 2).fit(try fixture.matrix(), fixture.y).inferenceTable()
        #expect(table.isPenalized)
        #expect(table.note?.contains("not valid inference") == true)
    }

    @Test("collinear and zero-curvature terms are named")
    func collinearTerms() throws {
        // Hessian of columns (1, x, x): both copies of x have an unbounded variance inflation.
        var h = try Matrix([[4, 2, 2], [2, 3, 3], [2, 3, 3]])
        #expect(_InferenceState.from(hessian: h, fitIntercept: true) == .singular([.feature(0), .feature(1)]))
        // A factorization failure at order 3 names the third term.
        let indefinite = try Matrix([[1, 0, 0], [0, 1, 0.5], [0, 0.5, 0.1]])
        #expect(_InferenceState.from(hessian: indefinite, fitIntercept: false) == .singular([.feature(2)]))
        // A constant-zero column has zero curvature.
        h[2, 2] = 0
        h[1, 2] = 0
        h[2, 1] = 0
        h[0, 2] = 0
        h[2, 0] = 0
        #expect(_InferenceState.from(hessian: h, fitIntercept: false) == .singular([.feature(2)]))
    }

    @Test("the standard errors of a diagonal Hessian are 1 / √H_jj")
    func diagonalHessian() throws {
        let state = _InferenceState.from(hessian: try Matrix([[4, 0], [0, 0.25]]), fitIntercept: true)
        #expect(state == .standardErrors([0.5, 2]))
    }

    @Test("a model without inference throws inferenceUnavailable")
    func unavailable() {
        let model = LogisticRegressionModel(coefficients: [1], intercept: 0)
        #expect(throws: LinearModelsError.inferenceUnavailable(reason: "model built from coefficients")) {
            try model.inferenceTable()
        }
    }
}
