import Foundation
import LinearAlgebra
import Testing

@testable import LinearModels

/// Scoring, shape errors and persistence of the fitted model.
@Suite struct LogisticRegressionModelTests {
    let model = LogisticRegressionModel(coefficients: [log(3), -1, 0.5], intercept: 0.25)

    @Test("probabilities and logits at hand-worked rows")
    func handWorked() throws {
        let x = try Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 0], [2, 1, -2]])
        let z = [log(3) + 0.25, -0.75, 0.25, 2 * log(3) - 1 - 1 + 0.25]
        #expect(close(try model.logits(x), z, relative: 1e-15))
        #expect(close(try model.predictProbabilities(x), z.map { 1 / (1 + exp(-$0)) }, relative: 1e-15))
        #expect(try model.predict(x) == [true, false, true, true])
        #expect(try model.predict(x, threshold: 0.6) == [true, false, false, true])
    }

    @Test("probabilities equal scikit-learn's predict_proba for the same fit")
    func sklearnProbabilities() throws {
        let fixture = try LogisticFixture.load("logistic_synthetic")
        let reference = try fixture.sklearn("penalized")
        let fitted = try LogisticRegression(l2: reference.l2, tolerance: 1e-10).fit(try fixture.matrix(), fixture.y)
        let p = try fitted.predictProbabilities(try fixture.matrix())
        #expect(close(Array(p.prefix(reference.probabilities.count)), reference.probabilities, relative: 1e-7))
    }

    @Test("wrong column count: X has 4 features, but the model expects 3")
    func shapeError() throws {
        let x = try Matrix(rows: 2, columns: 4)
        #expect(throws: LinearModelsError.featureCountMismatch(got: 4, expected: 3)) { try model.predictProbabilities(x) }
        #expect(LinearModelsError.featureCountMismatch(got: 4, expected: 3).description
            == "X has 4 features, but the model expects 3")
    }

    @Test("a NaN or infinite feature is reported with its row and column")
    func nonFinite() throws {
        var x = try Matrix(rows: 3, columns: 3, repeating: 0.5)
        x[2, 1] = .infinity
        #expect(throws: LinearModelsError.nonFiniteFeature(row: 2, column: 1, value: .infinity)) {
            try model.predictProbabilities(x)
        }
        // A NaN under a zero coefficient is still caught (0 * NaN is NaN).
        let zero = LogisticRegressionModel(coefficients: [0, 0], intercept: 1)
        #expect(throws: LinearModelsError.self) { try zero.predictProbabilities(try Matrix([[1, .nan]])) }
    }

    @Test("scoring into a caller's buffer, from a Matrix and from raw row-major chunks")
    func bufferScoring() throws {
        let x = try Matrix([[1, 2, 3], [-1, 0, 1], [0.5, 0.5, 0.5], [3, -2, 0]])
        let expected = try model.predictProbabilities(x)
        var whole = [Double](repeating: -1, count: 4)
        try whole.withUnsafeMutableBufferPointer { try model.predictProbabilities(x, into: $0) }
        #expect(whole == expected)
        // Two chunks of two rows each from the raw storage.
        var chunked = [Double](repeating: -1, count: 4)
        try x.storage.withUnsafeBufferPointer { values in
            try chunked.withUnsafeMutableBufferPointer { out in
                for chunk in 0..<2 {
                    let rows = UnsafeBufferPointer(rebasing: values[(chunk * 6)..<(chunk * 6 + 6)])
                    let target = UnsafeMutableBufferPointer(rebasing: out[(chunk * 2)..<(chunk * 2 + 2)])
                    try model.predictProbabilities(rowMajor: rows, into: target)
                }
            }
        }
        #expect(chunked == expected)
        var short = [Double](repeating: 0, count: 3)
        #expect(throws: LinearModelsError.outputSizeMismatch(got: 3, expected: 4)) {
            try short.withUnsafeMutableBufferPointer { try model.predictProbabilities(x, into: $0) }
        }
    }

    @Test("JSON round trip keeps the model equal, including its inference table")
    func codable() throws {
        let fixture = try LogisticFixture.load("logistic_synthetic")
        let fitted = try LogisticRegression(l2: 0).fit(try fixture.matrix(), fixture.y)
        let decoded = try JSONDecoder().decode(LogisticRegressionModel.self, from: JSONEncoder().encode(fitted))
        #expect(decoded == fitted)
        #expect(try decoded.inferenceTable() == fitted.inferenceTable())
    }
}
