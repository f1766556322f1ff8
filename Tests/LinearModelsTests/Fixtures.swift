import Foundation
import LinearAlgebra
import Testing

/// One reference fit of `make_fixtures.py` (scikit-learn, newton-cholesky, tol 1e-12).
struct SklearnCase: Decodable {
    let name: String
    let l2: Double
    let classWeight: String
    let sampleWeights: [Double]?
    let fitIntercept: Bool
    let coefficients: [Double]
    let intercept: Double
    let objective: Double
    let probabilities: [Double]
}

/// statsmodels `Logit(...).fit()` results, intercept first.
struct StatsmodelsResult: Decodable {
    let params: [Double]
    let bse: [Double]
    let tvalues: [Double]
    let pvalues: [Double]
    let ciLower: [Double]
    let ciUpper: [Double]
    let loglikelihood: Double
}

/// A fixture file: X (row-major), y, and the reference results.
struct LogisticFixture: Decodable {
    let rows: Int
    let columns: Int
    let x: [Double]
    let y: [Bool]
    let cases: [SklearnCase]
    let statsmodels: StatsmodelsResult

    /// X as a matrix.
    func matrix() throws -> Matrix { try Matrix(rows: rows, columns: columns, values: x) }

    /// The case named `name`.
    func sklearn(_ name: String) throws -> SklearnCase {
        try #require(cases.first { $0.name == name }, "no case \(name)")
    }

    /// Loads `Fixtures/<name>.json` from the test bundle.
    static func load(_ name: String) throws -> LogisticFixture {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(LogisticFixture.self, from: Data(contentsOf: url))
    }
}

/// Whether `actual` equals `expected` to a relative tolerance (absolute near zero).
func close(_ actual: Double, _ expected: Double, relative: Double, absolute: Double = 1e-12) -> Bool {
    abs(actual - expected) <= max(absolute, relative * abs(expected))
}

/// Whether two vectors agree elementwise (see `close`).
func close(_ actual: [Double], _ expected: [Double], relative: Double, absolute: Double = 1e-12) -> Bool {
    actual.count == expected.count
        && zip(actual, expected).allSatisfy { close($0, $1, relative: relative, absolute: absolute) }
}
