import Foundation
import LinearAlgebra
import Testing

@testable import LinearModels

/// The blocked, two-thread scoring kernel against a direct sigmoid of the dot products.
@Suite struct LogisticRegressionModelScoringTests {
    @Test("40,000 rows (two threads, ragged last block) equal the row-by-row definition")
    func largeInput() throws {
        let n = 40_001, d = 5
        let values = (0..<(n * d)).map { Double(($0 * 7919) % 1000) / 250 - 2 }
        let x = try Matrix(rows: n, columns: d, values: values)
        let model = LogisticRegressionModel(coefficients: [0.3, -0.2, 0.1, 0.05, -0.4], intercept: -0.1)
        let p = try model.predictProbabilities(x)
        for i in stride(from: 0, to: n, by: 997) + [n - 1] {
            var z = -0.1
            for j in 0..<d { z += x[i, j] * model.coefficients[j] }
            #expect(close(p[i], 1 / (1 + exp(-z)), relative: 1e-14))
        }
    }

    @Test("the first bad row is reported when the second thread's half holds it")
    func badRowInSecondHalf() throws {
        var x = try Matrix(rows: 20_000, columns: 2, repeating: 1)
        x[15_000, 0] = .nan
        x[19_000, 1] = .infinity
        let model = LogisticRegressionModel(coefficients: [1, 1], intercept: 0)
        let error = #expect(throws: LinearModelsError.self) { try model.predictProbabilities(x) }
        guard case .nonFiniteFeature(15_000, 0, let value) = error else {
            Issue.record("expected row 15000, column 0, got \(String(describing: error))")
            return
        }
        #expect(value.isNaN)
    }

    @Test("an intercept-only model scores sigmoid(b) for every row")
    func interceptOnly() throws {
        let model = LogisticRegressionModel(coefficients: [], intercept: log(3))
        let p = try model.predictProbabilities(try Matrix(rows: 3, columns: 0))
        #expect(p.allSatisfy { close($0, 0.75, relative: 1e-15) })
    }

    @Test("finite features whose logit overflows are reported as overflow")
    func overflow() throws {
        let model = LogisticRegressionModel(coefficients: [1, 1], intercept: 0)
        #expect(throws: LinearModelsError.overflow(row: 0)) {
            try model.predictProbabilities(try Matrix([[1e308, 1e308]]))
        }
    }
}
