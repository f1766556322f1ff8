import Testing
@testable import LinearAlgebra

@Test func gemvWithAndWithoutTranspose() throws {
    let a = try Matrix([[1, 2, 3], [4, 5, 6]])
    #expect(try a.multiply([1, 0, -1]) == [-2, -2])
    #expect(try a.multiply([1, 1], transpose: true) == [5, 7, 9])
    #expect(try a.multiply([1, 1], transpose: true, alpha: -2) == [-10, -14, -18])
    var y: [Double] = [1, 1]
    try a.multiply([1, 0, -1], alpha: 2, beta: 3, into: &y)
    #expect(y == [-1, -1])  // 2 * (-2) + 3 * 1
    var garbage: [Double] = [.nan, .nan]
    try a.multiply([1, 0, -1], beta: 0, into: &garbage)
    #expect(garbage == [-2, -2])
}

@Test func gemvOnEmptyShapes() throws {
    let wide = try Matrix(rows: 2, columns: 0)
    #expect(try wide.multiply([]) == [0, 0])
    var y: [Double] = [1, 2]
    try wide.multiply([], beta: 3, into: &y)
    #expect(y == [3, 6])
}

@Test func gemvShapeMismatchQuotesBothShapes() throws {
    let a = try Matrix([[1, 2, 3], [4, 5, 6]])
    #expect(throws: LinearAlgebraError.invalidShape(
        "matrix-vector product: A is 2 x 3, op(A) = A needs x of length 3 and y of length 2, "
            + "but x has 2 and y has 2")) {
        try a.multiply([1, 2])
    }
    var y: [Double] = [0, 0]
    #expect(throws: LinearAlgebraError.invalidShape(
        "matrix-vector product: A is 2 x 3, op(A) = Aᵀ needs x of length 2 and y of length 3, "
            + "but x has 2 and y has 2")) {
        try a.multiply([1, 2], transpose: true, beta: 0, into: &y)
    }
}

@Test func pointerGemvOnASubBlockWithLeadingDimension() throws {
    // The top-left 2 x 3 block of a 3 x 4 array (leading dimension 4).
    let storage: [Double] = [1, 2, 3, 100, 4, 5, 6, 100, 100, 100, 100, 100]
    var y: [Double] = [0, 0, 0]
    let x: [Double] = [1, -1]
    try storage.withUnsafeBufferPointer { a in
        try y.withUnsafeMutableBufferPointer { yb in
            try BLAS.gemv(
                transpose: true, rows: 2, columns: 3, a: a.baseAddress!, lda: 4, x: x, y: yb.baseAddress!)
        }
    }
    #expect(y == [-3, -3, -3])
    #expect(throws: LinearAlgebraError.invalidShape("gemv: lda = 2 is smaller than the row length max(1, 3)")) {
        try storage.withUnsafeBufferPointer { a in
            try y.withUnsafeMutableBufferPointer { yb in
                try BLAS.gemv(rows: 2, columns: 3, a: a.baseAddress!, lda: 2, x: x, y: yb.baseAddress!)
            }
        }
    }
}
