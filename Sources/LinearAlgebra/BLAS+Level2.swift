import COpenBLAS

// BLAS level 2 (matrix-vector) wrappers: y = alpha * op(A) x + beta * y.

extension BLAS {
    /// Matrix-vector product `y = alpha * op(A) x + beta * y` on a row-major matrix (dgemv).
    ///
    /// Unchecked by design: `a` must address `(rows - 1) * lda + columns` elements, `x` the
    /// length of op(A)'s columns and `y` the length of op(A)'s rows. When `beta` is 0, `y` need
    /// not be initialized.
    /// - Parameters:
    ///   - transpose: `false` for op(A) = A (x has `columns` elements, y has `rows`), `true` for
    ///     op(A) = Aᵀ (x has `rows` elements, y has `columns`).
    ///   - rows: the rows of the stored matrix A.
    ///   - columns: the columns of the stored matrix A.
    ///   - alpha: the factor of the product.
    ///   - a: the first element of A.
    ///   - lda: the leading dimension of A, at least `max(1, columns)`.
    ///   - x: the input vector (unit stride).
    ///   - beta: the factor of the previous `y`.
    ///   - y: the output vector (unit stride).
    /// - Throws: `LinearAlgebraError.invalidShape` for a negative dimension, a too small `lda`,
    ///   or a value beyond the 32-bit range of BLAS.
    /// - Complexity: O(rows * columns).
    public static func gemv(
        transpose: Bool = false, rows: Int, columns: Int, alpha: Double = 1,
        a: UnsafePointer<Double>, lda: Int, x: UnsafePointer<Double>,
        beta: Double = 0, y: UnsafeMutablePointer<Double>
    ) throws(LinearAlgebraError) {
        try _checkOrder(rows, "gemv: rows")
        try _checkOrder(columns, "gemv: columns")
        try _checkLeadingDimension(lda, "gemv: lda", atLeast: columns)
        cblas_dgemv(
            CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns),
            alpha, a, Int32(lda), x, 1, beta, y, 1)
    }
}

extension Matrix {
    /// The matrix-vector product `alpha * op(A) x`, with op(A) = A or Aᵀ.
    /// - Parameters:
    ///   - x: the vector, with `columns` elements (`rows` when `transpose` is true).
    ///   - transpose: multiply by Aᵀ instead of A, without forming Aᵀ.
    ///   - alpha: the factor of the product.
    /// - Returns: `op(A) x` times `alpha`, with `rows` elements (`columns` when transposed).
    /// - Throws: `LinearAlgebraError.invalidShape` when the length of `x` does not conform.
    /// - Complexity: O(rows * columns).
    public func multiply(_ x: [Double], transpose: Bool = false, alpha: Double = 1) throws(LinearAlgebraError) -> [Double] {
        var y = [Double](repeating: 0, count: transpose ? columns : rows)
        try multiply(x, transpose: transpose, alpha: alpha, beta: 0, into: &y)
        return y
    }

    /// The matrix-vector update `y = alpha * op(A) x + beta * y` (BLAS dgemv), in place.
    /// - Parameters:
    ///   - x: the vector, with `columns` elements (`rows` when `transpose` is true).
    ///   - transpose: multiply by Aᵀ instead of A, without forming Aᵀ.
    ///   - alpha: the factor of the product.
    ///   - beta: the factor of the previous `y` (0 ignores it, even when it holds NaN).
    ///   - y: the vector updated, with `rows` elements (`columns` when `transpose` is true).
    /// - Throws: `LinearAlgebraError.invalidShape` when `x` or `y` does not conform.
    /// - Complexity: O(rows * columns).
    public func multiply(
        _ x: [Double], transpose: Bool = false, alpha: Double = 1, beta: Double, into y: inout [Double]
    ) throws(LinearAlgebraError) {
        let (inner, outer) = transpose ? (rows, columns) : (columns, rows)
        let op = transpose ? "Aᵀ" : "A"
        guard x.count == inner, y.count == outer else {
            throw .invalidShape(
                "matrix-vector product: A is \(shapeDescription), op(A) = \(op) needs x of length \(inner) "
                    + "and y of length \(outer), but x has \(x.count) and y has \(y.count)")
        }
        if outer == 0 { return }
        if inner == 0 {
            for i in y.indices { y[i] = beta == 0 ? 0 : beta * y[i] }
            return
        }
        let (rows, columns) = (self.rows, self.columns)
        try storage.withUnsafeBufferPointer { (a) throws(LinearAlgebraError) in
            try x.withUnsafeBufferPointer { (xb) throws(LinearAlgebraError) in
                try y.withUnsafeMutableBufferPointer { (yb) throws(LinearAlgebraError) in
                    guard let ap = a.baseAddress, let xp = xb.baseAddress, let yp = yb.baseAddress else { return }
                    try BLAS.gemv(
                        transpose: transpose, rows: rows, columns: columns, alpha: alpha,
                        a: ap, lda: columns, x: xp, beta: beta, y: yp)
                }
            }
        }
    }
}
