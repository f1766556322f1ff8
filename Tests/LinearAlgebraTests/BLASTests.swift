import Testing
@testable import LinearAlgebra

@Test func blasIntConversionThrowsInsteadOfTrapping() throws {
    #expect(try _blasInt(2_147_483_647, "n") == Int32.max)
    #expect(throws: LinearAlgebraError.invalidShape(
        "n = 2147483648 does not fit the 32-bit integers of BLAS/LAPACK (at most 2147483647)")) {
        try _blasInt(2_147_483_648, "n")
    }
    #expect(throws: LinearAlgebraError.invalidShape("m = -1 is negative")) { try _checkOrder(-1, "m") }
    #expect(throws: LinearAlgebraError.invalidShape("lda = 2 is smaller than the row length max(1, 3)")) {
        try _checkLeadingDimension(2, "lda", atLeast: 3)
    }
    try _checkLeadingDimension(1, "lda", atLeast: 0)
}

@Test func symmetrizeCopiesTheStoredTriangle() throws {
    // A 3 x 3 matrix stored with leading dimension 4; the fourth column must stay untouched.
    var values: [Double] = [
        1, 2, 3, -9,
        0, 4, 5, -9,
        0, 0, 6, -9,
    ]
    try values.withUnsafeMutableBufferPointer { buffer in
        try BLAS.symmetrize(triangle: .upper, n: 3, c: buffer.baseAddress!, ldc: 4)
    }
    #expect(values == [1, 2, 3, -9, 2, 4, 5, -9, 3, 5, 6, -9])

    var lower = try Matrix([[1, 7, 7], [2, 4, 7], [3, 5, 6]])
    try lower.symmetrize(copying: .lower)
    #expect(lower == (try Matrix([[1, 2, 3], [2, 4, 5], [3, 5, 6]])))

    var rectangular = try Matrix(rows: 2, columns: 3)
    #expect(throws: LinearAlgebraError.invalidShape("symmetrize needs a square matrix, but A is 2 x 3")) {
        try rectangular.symmetrize(copying: .upper)
    }
}
