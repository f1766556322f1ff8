import _TestSupport
import LinearAlgebra
import Testing
@testable import Clustering

@Suite("Prepared data")
struct PreparedDataTests {
    @Test("centering translates by the column means without copying the data")
    func centering() throws {
        let x = try Matrix([[1, 10], [3, 20], [5, 60]])
        let data = try _PreparedData(centering: x)
        #expect(data.shift == [3, 30])
        #expect((0..<3).map { data.row($0) } == [[-2, -20], [0, -10], [2, 30]])
        #expect(data.source == x)
        // Mean of the population variances: (8/3 + 1400/3) / 2.
        #expect(isClose(data.meanVariance(), (8.0 / 3 + 1400.0 / 3) / 2, tolerance: 1e-15))
    }

    @Test("a block of rows is translated, with its squared norms")
    func translateBlock() throws {
        let x: [Double] = [1, 10, 3, 20, 5, 60]
        var target = [Double](repeating: .nan, count: 4)
        var norms = [Double](repeating: .nan, count: 2)
        _PreparedData._translate(x, shift: [3, 30], d: 2, rows: 1..<3, into: &target, norms: &norms)
        #expect(target == [0, -10, 2, 30])
        #expect(norms == [100, 904])
    }

    @Test("a given translation is kept, and the values are still checked")
    func givenShift() throws {
        let data = try _PreparedData(try Matrix([[1, 10], [3, 20]]), shift: [1, 0])
        #expect(data.row(1) == [2, 20])
        #expect(throws: ClusteringError.nonFiniteValue(row: 1, column: 0, value: -.infinity)) {
            try _PreparedData(try Matrix([[1, 10], [-.infinity, 20]]), shift: [0, 0])
        }
    }

    @Test("finite values whose column sum overflows are translated by 0 in that column")
    func overflow() throws {
        let data = try _PreparedData(centering: try Matrix([[1e308, 1], [1e308, 3]]))
        #expect(data.shift == [0, 2])
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
