import LinearAlgebra
import Testing
@testable import Clustering

@Suite("Prepared data")
struct PreparedDataTests {
    @Test("centering subtracts the column means and keeps the squared row norms")
    func centering() throws {
        let x = try Matrix([[1, 10], [3, 20], [5, 60]])
        let data = try _PreparedData(centering: x)
        #expect(data.shift == [3, 30])
        #expect(data.values == [-2, -20, 0, -10, 2, 30])
        #expect(data.rowNorms == [404, 100, 904])
        // Mean of the population variances: (8/3 + 1400/3) / 2.
        #expect(isClose(data.meanVariance, (8.0 / 3 + 1400.0 / 3) / 2, tolerance: 1e-15))
    }

    @Test("the first non-finite value is reported with its row and column")
    func nonFinite() throws {
        var values = [Double](repeating: 1, count: 3 * 5_000)
        values[4_321 * 3 + 2] = .infinity
        values[4_999 * 3] = .nan
        let x = try Matrix(rows: 5_000, columns: 3, values: values)
        #expect(throws: ClusteringError.nonFiniteValue(row: 4_321, column: 2, value: .infinity)) {
            try _PreparedData(centering: x)
        }
    }

    @Test("no rows or no columns is an error")
    func empty() throws {
        #expect(throws: ClusteringError.self) { try _PreparedData(centering: try Matrix(rows: 0, columns: 3)) }
        #expect(throws: ClusteringError.self) { try _PreparedData(centering: try Matrix(rows: 3, columns: 0)) }
    }
}
