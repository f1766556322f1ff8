import _TestSupport
import Foundation
import Testing
@testable import LinearAlgebra

@Test func eigenOfTwoByTwo() throws {
    // [[2, 1], [1, 2]]: eigenvalues 1 and 3 with vectors (1, -1)/√2 and (1, 1)/√2.
    let a = try Matrix([[2, 1], [1, 2]])
    #expect(isClose(try a.symmetricEigenvalues(), [1, 3]))
    let e = try a.symmetricEigen()
    #expect(isClose(e.values, [1, 3]))
    let s = 1 / 2.0.squareRoot()
    #expect(isClose(e.vectors.column(0).map { abs($0) }, [s, s]))
    #expect(isClose(e.vectors[0, 0] * e.vectors[1, 0], -0.5))
    #expect(isClose(e.vectors[0, 1] * e.vectors[1, 1], 0.5))
}

@Test func eigenOfSecondDifferenceMatrixMatchesClosedForm() throws {
    // tridiag(-1, 2, -1) of order 3: λ_k = 2 - 2 cos(kπ/4), v_k(j) ∝ sin(jkπ/4).
    let a = try Matrix([[2, -1, 0], [-1, 2, -1], [0, -1, 2]])
    let e = try a.symmetricEigen()
    #expect(isClose(e.values, [2 - 2.0.squareRoot(), 2, 2 + 2.0.squareRoot()]))
    for k in 1...3 {
        let expected = (1...3).map { j in sin(Double(j * k) * .pi / 4) }
        let norm = BLAS.nrm2(expected)
        let v = e.vectors.column(k - 1)
        let sign: Double = v[0] * expected[0] >= 0 ? 1 : -1
        #expect(isClose(v.map { $0 * sign }, expected.map { $0 / norm }))
    }
    // Orthonormal columns and A V = V diag(λ).
    #expect(isClose(try e.vectors.gram(), try Matrix.identity(3)))
    let av = try Matrix.multiply(a, e.vectors)
    for j in 0..<3 {
        #expect(isClose(av.column(j), e.vectors.column(j).map { $0 * e.values[j] }))
    }
}

@Test func eigenReadsOnlyTheLowerTriangleAndRejectsBadInput() throws {
    let lowerOnly = try Matrix([[2, 99], [1, 2]])
    #expect(isClose(try lowerOnly.symmetricEigenvalues(), [1, 3]))
    #expect(throws: LinearAlgebraError.invalidShape(
        "symmetric eigendecomposition needs a square matrix, but A is 1 x 2")) {
        try Matrix([[1, 2]]).symmetricEigen()
    }
    #expect(throws: LinearAlgebraError.nonFinite("symmetric eigendecomposition: A[0, 0] is -inf")) {
        try Matrix([[-.infinity]]).symmetricEigenvalues()
    }
    #expect(try Matrix(rows: 0, columns: 0).symmetricEigenvalues() == [])
}
