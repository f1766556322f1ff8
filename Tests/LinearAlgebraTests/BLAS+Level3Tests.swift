import _TestSupport
import Testing
@testable import LinearAlgebra

private let a2 = try! Matrix([[1, 2], [3, 4]])
private let b2 = try! Matrix([[5, 6], [7, 8]])

@Test func gemmAllFourTransposeCombinations() throws {
    // Worked by hand.
    #expect(try Matrix.multiply(a2, b2) == Matrix([[19, 22], [43, 50]]))
    #expect(try Matrix.multiply(a2, b2, transposeA: true) == Matrix([[26, 30], [38, 44]]))
    #expect(try Matrix.multiply(a2, b2, transposeB: true) == Matrix([[17, 23], [39, 53]]))
    #expect(try Matrix.multiply(a2, b2, transposeA: true, transposeB: true) == Matrix([[23, 31], [34, 46]]))
    #expect(try Matrix.multiply(a2, b2, alpha: 0.5) == Matrix([[9.5, 11], [21.5, 25]]))
}

@Test func gemmRectangularMatchesTripleLoop() throws {
    let a = patternMatrix(7, 5)
    let b = patternMatrix(5, 6, phase: 1)
    #expect(isClose(try Matrix.multiply(a, b), naiveProduct(a, b)))
    #expect(isClose(try Matrix.multiply(a.transposed, b, transposeA: true), naiveProduct(a, b)))
    #expect(isClose(try Matrix.multiply(a, b.transposed, transposeB: true), naiveProduct(a, b)))
}

@Test func gemmIntoWithAlphaAndBeta() throws {
    var c = try Matrix([[1, 1], [1, 1]])
    try Matrix.multiply(a2, b2, beta: 2, into: &c)
    #expect(c == (try Matrix([[21, 24], [45, 52]])))
    var nan = try Matrix(rows: 2, columns: 2, repeating: .nan)
    try Matrix.multiply(a2, b2, alpha: -1, beta: 0, into: &nan)
    #expect(nan == (try Matrix([[-19, -22], [-43, -50]])))
}

@Test func gemmEmptyInnerDimensionGivesZeros() throws {
    let a = try Matrix(rows: 2, columns: 0)
    let b = try Matrix(rows: 0, columns: 3)
    #expect(try Matrix.multiply(a, b) == Matrix(rows: 2, columns: 3))
    var c = try Matrix(rows: 2, columns: 3, repeating: 2)
    try Matrix.multiply(a, b, beta: 0.5, into: &c)
    #expect(c == (try Matrix(rows: 2, columns: 3, repeating: 1)))
}

@Test func gemmShapeMismatchQuotesBothShapes() throws {
    let a = try Matrix([[1, 2, 3], [4, 5, 6]])
    #expect(throws: LinearAlgebraError.invalidShape(
        "matrix product: A is 2 x 3 and B is 2 x 3; op(A) = A has 3 columns but op(B) = B has 2 rows")) {
        try Matrix.multiply(a, a)
    }
    var c = try Matrix(rows: 3, columns: 3)
    #expect(throws: LinearAlgebraError.invalidShape(
        "matrix product: op(A) op(B) is 2 x 2 (A is 2 x 3, B is 2 x 3), but C is 3 x 3")) {
        try Matrix.multiply(a, a, transposeB: true, beta: 0, into: &c)
    }
}

@Test func gramMatricesBySyrk() throws {
    let a = try Matrix([[1, 2, 3], [4, 5, 6]])
    // Columns (1, 4), (2, 5), (3, 6): their dot products, by hand.
    #expect(try a.gram() == Matrix([[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
    #expect(try a.rowGram() == Matrix([[14, 32], [32, 77]]))
    #expect(try a.gram(alpha: 0.5) == Matrix([[8.5, 11, 13.5], [11, 14.5, 18], [13.5, 18, 22.5]]))
    #expect(try Matrix(rows: 0, columns: 2).gram() == Matrix(rows: 2, columns: 2))
}

@Test func pointerSyrkAccumulatesRowBlocks() throws {
    // XᵀX of a 4 x 2 matrix, accumulated over two row blocks of 2 rows, lower triangle.
    let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
    var c = [Double](repeating: .nan, count: 4)
    try x.withUnsafeBufferPointer { xb in
        try c.withUnsafeMutableBufferPointer { cb in
            let base = xb.baseAddress!
            try BLAS.syrk(triangle: .lower, transpose: true, n: 2, k: 2, a: base, lda: 2, c: cb.baseAddress!, ldc: 2)
            try BLAS.syrk(
                triangle: .lower, transpose: true, n: 2, k: 2, a: base + 4, lda: 2, beta: 1,
                c: cb.baseAddress!, ldc: 2)
            try BLAS.symmetrize(triangle: .lower, n: 2, c: cb.baseAddress!, ldc: 2)
        }
    }
    // 1+9+25+49, 2+12+30+56, 4+16+36+64
    #expect(c == [84, 100, 100, 120])
}

@Test func pointerGemmOnARowBlockWritesIntoALargerMatrix() throws {
    // Rows 1...2 of X (3 x 2) times Cᵀ (C is 2 x 2 centroids), written into columns 1...2 of a
    // 2 x 3 output with leading dimension 3: the cross products of k-means on a row block.
    let x: [Double] = [9, 9, 1, 2, 3, 4]
    let centroids: [Double] = [1, 0, 1, 1]
    var out: [Double] = [-1, 0, 0, -1, 0, 0]
    try x.withUnsafeBufferPointer { xb in
        try out.withUnsafeMutableBufferPointer { ob in
            try BLAS.gemm(
                transposeB: true, m: 2, n: 2, k: 2, a: xb.baseAddress! + 2, lda: 2,
                b: centroids, ldb: 2, c: ob.baseAddress! + 1, ldc: 3)
        }
    }
    #expect(out == [-1, 1, 3, -1, 3, 7])
    #expect(throws: LinearAlgebraError.invalidShape("gemm: ldb = 1 is smaller than the row length max(1, 2)")) {
        try out.withUnsafeMutableBufferPointer { ob in
            try BLAS.gemm(m: 2, n: 2, k: 2, a: x, lda: 2, b: centroids, ldb: 1, c: ob.baseAddress!, ldc: 2)
        }
    }
    #expect(throws: LinearAlgebraError.invalidShape("syrk: n = -2 is negative")) {
        try out.withUnsafeMutableBufferPointer { ob in
            try BLAS.syrk(transpose: false, n: -2, k: 2, a: x, lda: 2, c: ob.baseAddress!, ldc: 2)
        }
    }
}

@Test func dimensionsBeyondThirtyTwoBitsThrowInsteadOfTrapping() throws {
    // An empty 0 x 3,000,000,000 matrix fits in memory, but its Gram matrix cannot go to BLAS.
    let wide = try Matrix(rows: 0, columns: 3_000_000_000)
    #expect(throws: LinearAlgebraError.invalidShape(
        "gram: order = 3000000000 does not fit the 32-bit integers of BLAS/LAPACK (at most 2147483647)")) {
        try wide.gram()
    }
}
