import LinearAlgebra
import Testing

@testable import LinearModels

/// Parity of `LogisticRegression.fit` with scikit-learn (`make_fixtures.py`), l2 = 1 / C.
@Suite struct LogisticRegressionTests {
    static let syntheticCases = ["penalized", "balanced", "sampleWeights", "balancedSampleWeights", "noIntercept", "unpenalized"]

    /// The trainer of a fixture case, with a tight tolerance.
    func trainer(_ reference: SklearnCase, solver: LogisticRegression.Solver = .newton) -> LogisticRegression {
        LogisticRegression(
            l2: reference.l2, fitIntercept: reference.fitIntercept,
            classWeight: reference.classWeight == "balanced" ? .balanced : .none,
            maxIterations: 500, tolerance: 1e-10, solver: solver)
    }

    @Test("coefficients equal scikit-learn's to 1e-6 (synthetic)", arguments: syntheticCases)
    func syntheticParity(name: String) throws {
        let fixture = try LogisticFixture.load("logistic_synthetic")
        let reference = try fixture.sklearn(name)
        let model = try trainer(reference).fit(try fixture.matrix(), fixture.y, sampleWeights: reference.sampleWeights)
        #expect(model.converged)
        #expect(close(model.coefficients, reference.coefficients, relative: 1e-6))
        #expect(close(model.intercept, reference.intercept, relative: 1e-6))
        #expect(close(model.objective, reference.objective, relative: 1e-9))
        #expect(model.warnings.isEmpty)
    }

    @Test("L-BFGS reaches the same optimum as Newton (synthetic)", arguments: syntheticCases)
    func lbfgsParity(name: String) throws {
        let fixture = try LogisticFixture.load("logistic_synthetic")
        let reference = try fixture.sklearn(name)
        let model = try trainer(reference, solver: .lbfgs).fit(
            try fixture.matrix(), fixture.y, sampleWeights: reference.sampleWeights)
        #expect(model.solver == .lbfgs)
        #expect(close(model.coefficients, reference.coefficients, relative: 1e-5, absolute: 1e-7))
        #expect(close(model.intercept, reference.intercept, relative: 1e-5, absolute: 1e-7))
    }

    @Test("coefficients equal scikit-learn's to 1e-6 (Telco, 1500 rows)", arguments: ["penalized", "balanced", "unpenalized"])
    func telcoParity(name: String) throws {
        let fixture = try LogisticFixture.load("logistic_telco")
        let reference = try fixture.sklearn(name)
        let model = try trainer(reference).fit(try fixture.matrix(), fixture.y)
        #expect(model.converged)
        #expect(close(model.coefficients, reference.coefficients, relative: 1e-6, absolute: 1e-9))
        #expect(close(model.intercept, reference.intercept, relative: 1e-6))
        #expect(close(model.objective, reference.objective, relative: 1e-10))
        // L-BFGS on this ill-conditioned design (MonthlyCharges is nearly a sum of the service
        // dummies) stalls at a gradient near 1e-9, which moves coefficients by up to ~1e-5.
        var quasiNewton = trainer(reference, solver: .lbfgs)
        quasiNewton.tolerance = 1e-9
        quasiNewton.maxIterations = 1000
        let lbfgs = try quasiNewton.fit(try fixture.matrix(), fixture.y)
        #expect(close(lbfgs.coefficients, reference.coefficients, relative: 1e-4, absolute: 1e-5))
        #expect(close(lbfgs.objective, reference.objective, relative: 1e-10))
    }

    @Test("explicit class weights equal the same weights given per row")
    func explicitClassWeights() throws {
        let fixture = try LogisticFixture.load("logistic_synthetic")
        let x = try fixture.matrix()
        let byClass = try LogisticRegression(l2: 0.5, classWeight: .explicit(negative: 0.7, positive: 2.5), tolerance: 1e-11)
            .fit(x, fixture.y)
        let byRow = try LogisticRegression(l2: 0.5, tolerance: 1e-11)
            .fit(x, fixture.y, sampleWeights: fixture.y.map { $0 ? 2.5 : 0.7 })
        #expect(close(byClass.coefficients, byRow.coefficients, relative: 1e-9))
        #expect(close(byClass.objective, byRow.objective, relative: 1e-12))
    }

    @Test("an exactly duplicated column is aliased and dropped; the other terms equal statsmodels")
    func duplicatedColumnIsAliased() throws {
        // Before the alias scan the duplicate made Newton fall back to L-BFGS and left no table.
        let fixture = try LogisticFixture.load("logistic_synthetic")
        var rows: [[Double]] = []
        for i in 0..<fixture.rows {
            let row = Array(fixture.x[(i * fixture.columns)..<((i + 1) * fixture.columns)])
            rows.append(row + [row[0]])
        }
        let model = try LogisticRegression(l2: 0, tolerance: 1e-10).fit(try Matrix(rows), fixture.y)
        #expect(model.aliasedTerms == [AliasedTerm(column: 4, aliasedWith: [.feature(0)])])
        #expect(!model.warnings.contains(.singularHessian))
        #expect(model.coefficients[4] == 0)
        let table = try model.inferenceTable()
        let reference = fixture.statsmodels
        #expect(table.rows.map(\.term) == [.intercept, .feature(0), .feature(1), .feature(2), .feature(3)])
        #expect(close(table.rows.map(\.estimate), reference.params, relative: 1e-6))
        #expect(close(table.rows.map(\.standardError), reference.bse, relative: 1e-6))
    }

    @Test("a penalized fit keeps aliased columns (the penalty makes the optimum unique)")
    func penalizedFitIsNotScanned() throws {
        let fixture = try LogisticFixture.load("logistic_synthetic")
        var rows: [[Double]] = []
        for i in 0..<fixture.rows {
            let row = Array(fixture.x[(i * fixture.columns)..<((i + 1) * fixture.columns)])
            rows.append(row + [row[0]])
        }
        let model = try LogisticRegression(l2: 1).fit(try Matrix(rows), fixture.y)
        #expect(model.aliasedTerms.isEmpty)
        #expect(close(model.coefficients[0], model.coefficients[4], relative: 1e-9))
    }
}
