import _TestSupport
import Testing
@testable import LinearAlgebra

private let design = try! Matrix([[1, 0], [1, 1], [1, 2], [1, 3]])  // intercept and x = 0...3

@Test func leastSquaresExactFit() throws {
    // y = 1 + 2x exactly.
    #expect(isClose(try design.leastSquares([1, 3, 5, 7]), [1, 2]))
}

@Test func leastSquaresByNormalEquationsWorkedByHand() throws {
    // XᵀX = [[4, 6], [6, 14]], Xᵀy = [11, 22], det 20: β = [[14, -6], [-6, 4]] [11, 22] / 20.
    #expect(isClose(try design.leastSquares([1, 3, 2, 5]), [1.1, 1.1]))
    let both = try design.leastSquares(Matrix([[1, 1], [3, 3], [5, 2], [7, 5]]))
    #expect(isClose(both, try Matrix([[1, 1.1], [2, 1.1]])))
}

@Test func leastSquaresUnderdeterminedGivesMinimumNorm() throws {
    // x + y = 2: the solution of smallest norm is (1, 1).
    #expect(isClose(try Matrix([[1, 1]]).leastSquares([2]), [1, 1]))
}

@Test func leastSquaresErrors() throws {
    // A zero column makes R[2, 2] exactly zero.
    #expect(throws: LinearAlgebraError.rankDeficient(index: 2)) {
        try Matrix([[1, 0], [1, 0], [1, 0]]).leastSquares([1, 2, 3])
    }
    #expect(throws: LinearAlgebraError.invalidShape("least squares: A is 4 x 2 but b has 3 elements; b needs 4")) {
        try design.leastSquares([1, 2, 3])
    }
    #expect(throws: LinearAlgebraError.invalidShape("least squares: A is 4 x 2 but B is 2 x 2; B needs 4 rows")) {
        try design.leastSquares(Matrix.identity(2))
    }
    #expect(throws: LinearAlgebraError.nonFinite("least squares: B[3, 0] is nan")) {
        try design.leastSquares([1, 2, 3, .nan])
    }
}
