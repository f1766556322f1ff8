import _TestSupport
import Testing
@testable import LinearAlgebra

@Test func dotAxpyScalOnArrays() throws {
    let x: [Double] = [1, 2, 3]
    var y: [Double] = [4, -5, 6]
    #expect(try BLAS.dot(x, y) == 12)  // 4 - 10 + 18
    try BLAS.axpy(2, x, &y)
    #expect(y == [6, -1, 12])
    var z = x
    BLAS.scal(3, &z)
    #expect(z == [3, 6, 9])
    #expect(try BLAS.dot([], []) == 0)
}

@Test func nrm2IsExactOnPythagoreanTriplesAndAvoidsOverflow() {
    #expect(BLAS.nrm2([3, 4]) == 5)
    #expect(BLAS.nrm2([]) == 0)
    // Squaring 1e200 would overflow and 1e-200 underflow; the norm is still 1e±200 * sqrt(2).
    #expect(isClose(BLAS.nrm2([1e200, 1e200]) / 1e200, 2.0.squareRoot()))
    #expect(isClose(BLAS.nrm2([1e-200, 1e-200]) / 1e-200, 2.0.squareRoot()))
}

@Test func levelOneLengthMismatchThrows() {
    var y: [Double] = [1, 2]
    #expect(throws: LinearAlgebraError.invalidShape("dot: x has 3 elements but y has 2")) {
        try BLAS.dot([1, 2, 3], y)
    }
    #expect(throws: LinearAlgebraError.invalidShape("axpy: x has 1 elements but y has 2")) {
        try BLAS.axpy(1, [1], &y)
    }
    #expect(y == [1, 2])
}

@Test func bufferPointerVersionsWorkOnRowsOfABlock() throws {
    // Rows 1 and 2 of a 3 x 2 matrix, addressed in place.
    var m = try Matrix([[9, 9], [1, 2], [3, 4]])
    let dot = try m.withUnsafeBufferPointer { all in
        try BLAS.dot(UnsafeBufferPointer(rebasing: all[2..<4]), UnsafeBufferPointer(rebasing: all[4..<6]))
    }
    #expect(dot == 11)  // 1*3 + 2*4
    let norm = m.withUnsafeBufferPointer { all in BLAS.nrm2(UnsafeBufferPointer(rebasing: all[4..<6])) }
    #expect(norm == 5)
    try m.withUnsafeMutableBufferPointer { all in
        let row1 = UnsafeBufferPointer(rebasing: all[2..<4])
        try BLAS.axpy(-1, row1, UnsafeMutableBufferPointer(rebasing: all[4..<6]))
        BLAS.scal(0.5, UnsafeMutableBufferPointer(rebasing: all[0..<2]))
    }
    #expect(m == (try Matrix([[4.5, 4.5], [1, 2], [2, 2]])))
}
