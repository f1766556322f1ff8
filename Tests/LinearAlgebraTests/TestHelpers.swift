// Comparison helpers shared by the LinearAlgebra tests.
import _TestSupport
import Foundation
@testable import LinearAlgebra

/// True when the matrices have the same shape and agree element by element.
func isClose(_ a: Matrix, _ b: Matrix, tolerance: Double = 1e-12) -> Bool {
    a.rows == b.rows && a.columns == b.columns && isClose(a.storage, b.storage, tolerance: tolerance)
}

/// A deterministic, irregular `rows x columns` test matrix (no randomness needed).
func patternMatrix(_ rows: Int, _ columns: Int, phase: Double = 0) -> Matrix {
    let values = (0..<(rows * columns)).map { i in sin(Double(i) * 0.7 + phase) }
    return Matrix(unchecked: rows, columns, values)
}

/// The product `A B` by the textbook triple loop, an independent reference for BLAS.
func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
    var c = Matrix(unchecked: a.rows, b.columns, [Double](repeating: 0, count: a.rows * b.columns))
    for i in 0..<a.rows {
        for j in 0..<b.columns {
            var sum = 0.0
            for p in 0..<a.columns { sum += a[i, p] * b[p, j] }
            c[i, j] = sum
        }
    }
    return c
}
