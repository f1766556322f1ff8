import _TestSupport
import Testing
@testable import LinearAlgebra

@Test func solveTwoByTwoByHand() throws {
    // det 5, A⁻¹ = [[3, -1], [-1, 2]] / 5, so x = A⁻¹ [3, 5] = [0.8, 1.4].
    let a = try Matrix([[2, 1], [1, 3]])
    #expect(isClose(try a.solve([3, 5]), [0.8, 1.4]))
    #expect(isClose(try a.solve(Matrix.identity(2)), try Matrix([[0.6, -0.2], [-0.2, 0.4]])))
}

@Test func solveNeedsPivoting() throws {
    // A[0, 0] = 0; x = [1, 2, 3] gives b = [7, 3, 6].
    let a = try Matrix([[0, 2, 1], [1, 1, 0], [3, 0, 1]])
    #expect(isClose(try a.solve([7, 3, 6]), [1, 2, 3]))
}

@Test func solveReportsSingularMatrix() throws {
    // After the row swap, the second row of U is [0, 0]: pivot 2 is zero.
    #expect(throws: LinearAlgebraError.singular(index: 2)) { try Matrix([[1, 2], [2, 4]]).solve([1, 1]) }
}

@Test func solveShapeErrorsQuoteBothShapes() throws {
    #expect(throws: LinearAlgebraError.invalidShape("linear solve needs a square matrix, but A is 2 x 3")) {
        try Matrix(rows: 2, columns: 3).solve([1, 2])
    }
    #expect(throws: LinearAlgebraError.invalidShape("linear solve: A is 2 x 2 but B is 3 x 1; B needs 2 rows")) {
        try Matrix.identity(2).solve(Matrix(rows: 3, columns: 1))
    }
    #expect(throws: LinearAlgebraError.invalidShape("linear solve: A is 2 x 2 but b has 1 elements; b needs 2")) {
        try Matrix.identity(2).solve([1])
    }
    #expect(throws: LinearAlgebraError.nonFinite("linear solve: A[1, 1] is nan")) {
        try Matrix([[1, 0], [0, .nan]]).solve([1, 1])
    }
}

@Test func solveWithTooManyRightHandSidesThrowsInsteadOfTrapping() throws {
    let wide = try Matrix(rows: 0, columns: 3_000_000_000)  // empty, but 3e9 right-hand sides
    #expect(throws: LinearAlgebraError.invalidShape(
        "linear solve: right-hand sides = 3000000000 does not fit the 32-bit integers of BLAS/LAPACK (at most 2147483647)")) {
        try Matrix(rows: 0, columns: 0).solve(wide)
    }
}
