import _TestSupport
import Foundation
import Testing
@testable import LinearAlgebra

// The classic example: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]] = L Lᵀ with
// L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]], so det = (2 * 1 * 3)² = 36.
private let spd = try! Matrix([[4, 12, -16], [12, 37, -43], [-16, -43, 98]])

@Test func choleskyFactorOfAKnownMatrix() throws {
    let factorization = try spd.cholesky()
    #expect(factorization.order == 3)
    #expect(isClose(factorization.lower, try Matrix([[2, 0, 0], [6, 1, 0], [-8, 5, 3]])))
    #expect(isClose(factorization.logDeterminant, log(36)))
}

@Test func choleskyReadsOnlyTheLowerTriangle() throws {
    var scribbled = spd
    scribbled[0, 1] = 1000
    scribbled[1, 2] = -7
    #expect(try scribbled.cholesky() == spd.cholesky())
}

@Test func choleskySolveAndInverseOfATwoByTwo() throws {
    // A = [[4, 2], [2, 3]], det 8, A⁻¹ = [[3, -2], [-2, 4]] / 8.
    let factorization = try Matrix([[4, 2], [2, 3]]).cholesky()
    #expect(isClose(factorization.lower, try Matrix([[2, 0], [1, 2.0.squareRoot()]])))
    #expect(isClose(try factorization.inverse(), try Matrix([[0.375, -0.25], [-0.25, 0.5]])))
    #expect(isClose(try factorization.solve([2, 1]), [0.5, 0]))
    #expect(isClose(try factorization.solve(Matrix([[2, 8], [1, 4]])), try Matrix([[0.5, 2], [0, 0]])))
    #expect(isClose(factorization.logDeterminant, log(8)))
}

@Test func choleskyInverseTimesMatrixIsIdentity() throws {
    let inverse = try spd.cholesky().inverse()
    #expect(inverse == inverse.transposed)
    #expect(isClose(try Matrix.multiply(spd, inverse), try Matrix.identity(3), tolerance: 1e-10))
}

@Test func choleskyLogDeterminantDoesNotOverflow() throws {
    var big = try Matrix.identity(4)
    for i in 0..<4 { big[i, i] = 1e200 }
    // det = 1e800 overflows a Double; its logarithm does not.
    #expect(isClose(try big.cholesky().logDeterminant, 800 * log(10)))
}

@Test func choleskyReportsTheFailingLeadingMinor() throws {
    #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) {
        try Matrix([[1, 2], [2, 1]]).cholesky()  // det = -3
    }
    var notSPD = spd
    notSPD[2, 2] = 10  // L33² would be 10 - 64 - 25 < 0
    #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 3)) { try notSPD.cholesky() }
    #expect(LinearAlgebraError.notPositiveDefinite(order: 3).description
        == "matrix is not positive definite: the leading minor of order 3 is not positive")
}

@Test func choleskyRejectsBadShapesAndValues() throws {
    #expect(throws: LinearAlgebraError.invalidShape("Cholesky factorization needs a square matrix, but A is 2 x 3")) {
        try Matrix(rows: 2, columns: 3).cholesky()
    }
    var withNaN = spd
    withNaN[2, 0] = .nan
    #expect(throws: LinearAlgebraError.nonFinite("Cholesky factorization: A[2, 0] is nan")) {
        try withNaN.cholesky()
    }
    let factorization = try spd.cholesky()
    #expect(throws: LinearAlgebraError.invalidShape(
        "Cholesky solve: A is 3 x 3 but b has 2 elements; b needs 3")) {
        try factorization.solve([1, 2])
    }
    #expect(throws: LinearAlgebraError.invalidShape(
        "Cholesky solve: A is 3 x 3 but B is 2 x 2; B needs 3 rows")) {
        try factorization.solve(Matrix.identity(2))
    }
    #expect(throws: LinearAlgebraError.nonFinite("Cholesky solve: B[1, 0] is inf")) {
        try factorization.solve([0, .infinity, 0])
    }
    #expect(try Matrix(rows: 0, columns: 0).cholesky().logDeterminant == 0)
}
