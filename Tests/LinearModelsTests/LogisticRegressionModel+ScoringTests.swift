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

    @Test("the SIMD row kernel equals the straightforward sum, for d below, at and off multiples of 8", arguments: [0, 1, 7, 8, 13, 32, 35])
    func rowLogitsKernel(d: Int) {
        // Seeded LCG features in [-2, 2), coefficients in [-1, 1).
        var state: UInt64 = 2026
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let rows = 37
        let x = (0..<(rows * d)).map { _ in 4 * uniform() - 2 }
        let w = (0..<d).map { _ in 2 * uniform() - 1 }
        var y = [Double](repeating: .nan, count: rows)
        x.withUnsafeBufferPointer { xb in
            w.withUnsafeBufferPointer { wb in
                y.withUnsafeMutableBufferPointer { yb in
                    let one = [0.0]
                    one.withUnsafeBufferPointer { placeholder in
                        _rowLogits(
                            xb.baseAddress ?? placeholder.baseAddress!, rows: rows, columns: d,
                            weights: wb.baseAddress ?? placeholder.baseAddress!, intercept: 0.25, into: yb.baseAddress!)
                    }
                }
            }
        }
        for i in 0..<rows {
            var z = 0.25
            for j in 0..<d { z += x[i * d + j] * w[j] }
            #expect(close(y[i], z, relative: 1e-12), "row \(i): \(y[i]) vs \(z)")
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

    @Test("a bad row in the padded last group of 8 is found, for probabilities and logits")
    func badRowInPartialGroup() throws {
        // 21 rows: one block, two full groups of 8 and a partial group holding rows 16-20.
        var x = try Matrix(rows: 21, columns: 3, repeating: 0.5)
        x[19, 2] = -.infinity
        let model = LogisticRegressionModel(coefficients: [1, -1, 2], intercept: 0)
        #expect(throws: LinearModelsError.nonFiniteFeature(row: 19, column: 2, value: -.infinity)) {
            try model.predictProbabilities(x)
        }
        #expect(throws: LinearModelsError.nonFiniteFeature(row: 19, column: 2, value: -.infinity)) {
            try model.logits(x)
        }
        x[19, 2] = 0.5
        // Every row: sigmoid(0.5 - 0.5 + 1) and the logit 1.
        #expect(try model.predictProbabilities(x).allSatisfy { close($0, 1 / (1 + exp(-1)), relative: 1e-15) })
        #expect(try model.logits(x) == [Double](repeating: 1, count: 21))
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
