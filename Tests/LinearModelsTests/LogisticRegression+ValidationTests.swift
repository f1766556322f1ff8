import LinearAlgebra
import Testing

@testable import LinearModels

/// Every bad input of `fit` throws its typed error.
@Suite struct LogisticRegressionValidationTests {
    let x: Matrix
    let y = [true, false, true, false]

    init() throws { x = try Matrix([[0, 1], [1, 0], [1, 1], [0, 0]]) }

    @Test("mismatched lengths of y and sample weights")
    func lengths() {
        #expect(throws: LinearModelsError.lengthMismatch(what: "y", rows: 4, count: 3)) {
            try LogisticRegression().fit(x, [true, false, true])
        }
        #expect(throws: LinearModelsError.lengthMismatch(what: "sampleWeights", rows: 4, count: 2)) {
            try LogisticRegression().fit(x, y, sampleWeights: [1, 1])
        }
        #expect(LinearModelsError.lengthMismatch(what: "y", rows: 4, count: 3).description == "X has 4 rows, but y has 3 entries")
    }

    @Test("a single class, also when the other class has zero weight")
    func singleClass() {
        #expect(throws: LinearModelsError.singleClass(label: false)) { try LogisticRegression().fit(x, [false, false, false, false]) }
        #expect(throws: LinearModelsError.singleClass(label: true)) { try LogisticRegression(classWeight: .balanced).fit(x, [true, true, true, true]) }
        #expect(throws: LinearModelsError.singleClass(label: false)) {
            try LogisticRegression().fit(x, y, sampleWeights: [0, 1, 0, 1])
        }
        #expect(LinearModelsError.singleClass(label: false).description.hasPrefix("the target has only one class: "))
    }

    @Test("NaN or infinity in X names row and column")
    func nonFinite() throws {
        var bad = x
        bad[2, 1] = -.infinity
        #expect(throws: LinearModelsError.nonFiniteFeature(row: 2, column: 1, value: -.infinity)) { try LogisticRegression().fit(bad, y) }
        #expect(LinearModelsError.nonFiniteFeature(row: 2, column: 1, value: -.infinity).description
            == "X row 2, column 1 is -inf; features must be finite numbers")
    }

    @Test("more coefficients than rows needs a penalty")
    func penaltyRequired() throws {
        let wide = try Matrix(rows: 3, columns: 5, repeating: 1)
        #expect(throws: LinearModelsError.penaltyRequired(rows: 3, coefficients: 6)) {
            try LogisticRegression(l2: 0).fit(wide, [true, false, true])
        }
        _ = try LogisticRegression(l2: 1).fit(wide, [true, false, true])
    }

    @Test("invalid hyperparameters and sample weights")
    func hyperparameters() {
        #expect(throws: LinearModelsError.invalidHyperparameter(name: "l2", value: "-1.0", requirement: "finite and >= 0")) {
            try LogisticRegression(l2: -1).fit(x, y)
        }
        #expect(throws: LinearModelsError.self) { try LogisticRegression(maxIterations: 0).fit(x, y) }
        #expect(throws: LinearModelsError.self) { try LogisticRegression(tolerance: .nan).fit(x, y) }
        #expect(throws: LinearModelsError.self) {
            try LogisticRegression(classWeight: .explicit(negative: 1, positive: -2)).fit(x, y)
        }
        #expect(throws: LinearModelsError.invalidSampleWeight(index: 1, value: -0.5)) {
            try LogisticRegression().fit(x, y, sampleWeights: [1, -0.5, 1, 1])
        }
        #expect(LinearModelsError.invalidHyperparameter(name: "l2", value: "-1.0", requirement: "finite and >= 0").description
            == "l2 is -1.0, but it must be finite and >= 0")
    }

    @Test("empty inputs")
    func empty() throws {
        #expect(throws: LinearModelsError.emptyInput("X has no rows: there is nothing to fit")) {
            try LogisticRegression().fit(try Matrix(rows: 0, columns: 2), [])
        }
        #expect(throws: LinearModelsError.self) {
            try LogisticRegression(fitIntercept: false).fit(try Matrix(rows: 2, columns: 0), [true, false])
        }
    }
}
