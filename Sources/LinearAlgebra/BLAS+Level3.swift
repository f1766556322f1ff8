import COpenBLAS

// BLAS level 3 (matrix-matrix) wrappers: gemm (C = alpha * op(A) op(B) + beta * C) and syrk
// (C = alpha * A Aᵀ + beta * C or alpha * Aᵀ A + beta * C, one triangle). These are the hot
// paths of the library: the checked `Matrix` methods add O(1) shape checks and, for new results,
// an uninitialized allocation, so that they run at the speed of OpenBLAS called from C.

extension BLAS {
    /// General matrix product `C = alpha * op(A) op(B) + beta * C` on row-major matrices (dgemm).
    ///
    /// op(A) is `m x k`, op(B) is `k x n` and C is `m x n`. Unchecked by design: each pointer must
    /// address its stored matrix (A is `m x k`, or `k x m` when transposed; B is `k x n`, or
    /// `n x k` when transposed) with the given leading dimension. When `beta` is 0, `c` need not be
    /// initialized.
    /// - Parameters:
    ///   - transposeA: use Aᵀ instead of A.
    ///   - transposeB: use Bᵀ instead of B.
    ///   - m: rows of op(A) and of C.
    ///   - n: columns of op(B) and of C.
    ///   - k: columns of op(A), rows of op(B).
    ///   - alpha: the factor of the product.
    ///   - a: the first element of the stored A.
    ///   - lda: leading dimension of the stored A, at least its row length (`k`, or `m` when transposed).
    ///   - b: the first element of the stored B.
    ///   - ldb: leading dimension of the stored B, at least its row length (`n`, or `k` when transposed).
    ///   - beta: the factor of the previous C.
    ///   - c: the first element of C.
    ///   - ldc: leading dimension of C, at least `max(1, n)`.
    /// - Throws: `LinearAlgebraError.invalidShape` for a negative dimension, a too small leading
    ///   dimension, or a value beyond the 32-bit range of BLAS.
    /// - Complexity: O(m * n * k).
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int, alpha: Double = 1,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int
    ) throws(LinearAlgebraError) {
        try _checkOrder(m, "gemm: m")
        try _checkOrder(n, "gemm: n")
        try _checkOrder(k, "gemm: k")
        try _checkLeadingDimension(lda, "gemm: lda", atLeast: transposeA ? m : k)
        try _checkLeadingDimension(ldb, "gemm: ldb", atLeast: transposeB ? k : n)
        try _checkLeadingDimension(ldc, "gemm: ldc", atLeast: n)
        cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Symmetric rank-k update of one triangle of C on row-major matrices (dsyrk):
    /// `C = alpha * A Aᵀ + beta * C` (A is `n x k`), or `C = alpha * Aᵀ A + beta * C` when
    /// `transpose` is true (A is `k x n`).
    ///
    /// Only `triangle` of the `n x n` matrix C is read and written; call `symmetrize` afterwards for
    /// the full matrix. For row blocks of a design matrix X (`rows x d`), `transpose: true`,
    /// `n: d`, `k: rows` adds the block's XᵀX. Unchecked by design: the pointers must address the
    /// stored matrices with their leading dimensions. When `beta` is 0, C need not be initialized.
    /// - Parameters:
    ///   - triangle: the triangle of C that is computed.
    ///   - transpose: `false` for A Aᵀ, `true` for Aᵀ A.
    ///   - n: the order of C.
    ///   - k: the inner dimension (columns of A, or rows of A when `transpose` is true).
    ///   - alpha: the factor of the product.
    ///   - a: the first element of the stored A.
    ///   - lda: leading dimension of the stored A, at least its row length (`k`, or `n` when transposed).
    ///   - beta: the factor of the previous C.
    ///   - c: the first element of C.
    ///   - ldc: leading dimension of C, at least `max(1, n)`.
    /// - Throws: `LinearAlgebraError.invalidShape` for a negative dimension, a too small leading
    ///   dimension, or a value beyond the 32-bit range of BLAS.
    /// - Complexity: O(n² * k), half the work of the equivalent gemm.
    public static func syrk(
        triangle: Triangle = .upper, transpose: Bool, n: Int, k: Int, alpha: Double = 1,
        a: UnsafePointer<Double>, lda: Int, beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int
    ) throws(LinearAlgebraError) {
        try _checkOrder(n, "syrk: n")
        try _checkOrder(k, "syrk: k")
        try _checkLeadingDimension(lda, "syrk: lda", atLeast: transpose ? n : k)
        try _checkLeadingDimension(ldc, "syrk: ldc", atLeast: n)
        cblas_dsyrk(
            CblasRowMajor, triangle.cblas, transpose ? CblasTrans : CblasNoTrans,
            Int32(n), Int32(k), alpha, a, Int32(lda), beta, c, Int32(ldc))
    }
}

extension Matrix {
    /// The matrix product `alpha * op(A) op(B)`, with op(X) = X or Xᵀ (BLAS dgemm).
    /// - Parameters:
    ///   - a: the left factor.
    ///   - b: the right factor.
    ///   - transposeA: use Aᵀ, without forming it.
    ///   - transposeB: use Bᵀ, without forming it.
    ///   - alpha: the factor of the product.
    /// - Returns: the `m x n` product, where op(A) is `m x k` and op(B) is `k x n`.
    /// - Throws: `LinearAlgebraError.invalidShape` when the inner dimensions differ.
    /// - Complexity: O(m * n * k).
    public static func multiply(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false, alpha: Double = 1
    ) throws(LinearAlgebraError) -> Matrix {
        let (m, n, _) = try _productShape(a, b, transposeA, transposeB)
        // beta = 0: BLAS overwrites C without reading it, so the storage can start uninitialized.
        let values = try [Double](unsafeUninitializedCapacity: m * n) { (buffer, count) throws(LinearAlgebraError) in
            try _gemm(a, b, transposeA, transposeB, alpha, 0, into: buffer, initialized: false)
            count = m * n
        }
        return Matrix(unchecked: m, n, values)
    }

    /// The matrix update `C = alpha * op(A) op(B) + beta * C` (BLAS dgemm), in place.
    /// - Parameters:
    ///   - a: the left factor.
    ///   - b: the right factor.
    ///   - transposeA: use Aᵀ, without forming it.
    ///   - transposeB: use Bᵀ, without forming it.
    ///   - alpha: the factor of the product.
    ///   - beta: the factor of the previous C (0 ignores it, even when it holds NaN).
    ///   - c: the `m x n` matrix updated, where op(A) is `m x k` and op(B) is `k x n`.
    /// - Throws: `LinearAlgebraError.invalidShape` when the inner dimensions differ or C does not
    ///   have the shape of the product.
    /// - Complexity: O(m * n * k).
    public static func multiply(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false, alpha: Double = 1,
        beta: Double, into c: inout Matrix
    ) throws(LinearAlgebraError) {
        let (m, n, _) = try _productShape(a, b, transposeA, transposeB)
        guard c.rows == m, c.columns == n else {
            throw .invalidShape(
                "matrix product: op(A) op(B) is \(m) x \(n) (A is \(a.shapeDescription), B is "
                    + "\(b.shapeDescription)), but C is \(c.shapeDescription)")
        }
        try c.storage.withUnsafeMutableBufferPointer { (buffer) throws(LinearAlgebraError) in
            try _gemm(a, b, transposeA, transposeB, alpha, beta, into: buffer, initialized: true)
        }
    }

    /// The Gram matrix of the columns, `alpha * AᵀA` (`columns x columns`, fully symmetric),
    /// computed with one BLAS dsyrk (half the work of a general product) and mirrored.
    /// - Parameter alpha: the factor of the product.
    /// - Returns: the symmetric `d x d` matrix whose element `(i, j)` is `alpha` times the dot
    ///   product of columns `i` and `j`.
    /// - Throws: `LinearAlgebraError.invalidShape` when a dimension exceeds the 32-bit range of BLAS.
    /// - Complexity: O(n * d²).
    public func gram(alpha: Double = 1) throws(LinearAlgebraError) -> Matrix {
        try _symmetricProduct(transpose: true, alpha: alpha)
    }

    /// The Gram matrix of the rows, `alpha * AAᵀ` (`rows x rows`, fully symmetric), computed with
    /// one BLAS dsyrk and mirrored.
    /// - Parameter alpha: the factor of the product.
    /// - Returns: the symmetric `n x n` matrix whose element `(i, j)` is `alpha` times the dot
    ///   product of rows `i` and `j`.
    /// - Throws: `LinearAlgebraError.invalidShape` when a dimension exceeds the 32-bit range of BLAS.
    /// - Complexity: O(n² * d).
    public func rowGram(alpha: Double = 1) throws(LinearAlgebraError) -> Matrix {
        try _symmetricProduct(transpose: false, alpha: alpha)
    }

    /// Copies one triangle of this square matrix onto the other, making it symmetric; the
    /// companion of `BLAS.syrk`, which fills one triangle only.
    /// - Parameter triangle: the triangle that holds the values.
    /// - Throws: `LinearAlgebraError.invalidShape` when the matrix is not square.
    /// - Complexity: O(n²).
    public mutating func symmetrize(copying triangle: BLAS.Triangle) throws(LinearAlgebraError) {
        try _requireSquare("symmetrize")
        let n = rows
        try storage.withUnsafeMutableBufferPointer { (buffer) throws(LinearAlgebraError) in
            guard let base = buffer.baseAddress else { return }
            try BLAS.symmetrize(triangle: triangle, n: n, c: base, ldc: max(1, n))
        }
    }

    /// The shape `(m, n, k)` of op(A) op(B), or an error quoting both shapes.
    private static func _productShape(
        _ a: Matrix, _ b: Matrix, _ transposeA: Bool, _ transposeB: Bool
    ) throws(LinearAlgebraError) -> (m: Int, n: Int, k: Int) {
        let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        guard k == kb else {
            throw .invalidShape(
                "matrix product: A is \(a.shapeDescription) and B is \(b.shapeDescription); op(A) = "
                    + "\(transposeA ? "Aᵀ" : "A") has \(k) columns but op(B) = \(transposeB ? "Bᵀ" : "B") has \(kb) rows")
        }
        let (_, overflow) = m.multipliedReportingOverflow(by: n)
        guard !overflow else { throw .invalidShape("matrix product: \(m) x \(n) elements overflow the address space") }
        return (m, n, k)
    }

    /// Runs dgemm into `c`, handling the empty shapes that BLAS pointers cannot express.
    /// `initialized` says whether `c` holds a previous C (otherwise it is raw memory).
    private static func _gemm(
        _ a: Matrix, _ b: Matrix, _ transposeA: Bool, _ transposeB: Bool, _ alpha: Double, _ beta: Double,
        into c: UnsafeMutableBufferPointer<Double>, initialized: Bool
    ) throws(LinearAlgebraError) {
        let (m, n, k) = try _productShape(a, b, transposeA, transposeB)
        guard m > 0, n > 0, let cp = c.baseAddress else { return }
        guard k > 0 else {
            for i in 0..<(m * n) {
                cp[i] = (beta == 0 || !initialized) ? 0 : beta * cp[i]
            }
            return
        }
        try a.storage.withUnsafeBufferPointer { (ab) throws(LinearAlgebraError) in
            try b.storage.withUnsafeBufferPointer { (bb) throws(LinearAlgebraError) in
                guard let ap = ab.baseAddress, let bp = bb.baseAddress else { return }
                try BLAS.gemm(
                    transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                    a: ap, lda: a.columns, b: bp, ldb: b.columns, beta: beta, c: cp, ldc: n)
            }
        }
    }

    /// alpha * AᵀA (`transpose`) or alpha * AAᵀ through dsyrk, mirrored into a full matrix.
    private func _symmetricProduct(transpose: Bool, alpha: Double) throws(LinearAlgebraError) -> Matrix {
        let (n, k) = transpose ? (columns, rows) : (rows, columns)
        try _checkOrder(n, "gram: order")
        try _checkOrder(k, "gram: inner dimension")
        var result = Matrix(unchecked: n, n, [Double](repeating: 0, count: n * n))
        guard n > 0, k > 0 else { return result }
        let lda = columns
        try storage.withUnsafeBufferPointer { (ab) throws(LinearAlgebraError) in
            try result.storage.withUnsafeMutableBufferPointer { (cb) throws(LinearAlgebraError) in
                guard let ap = ab.baseAddress, let cp = cb.baseAddress else { return }
                try BLAS.syrk(
                    triangle: .upper, transpose: transpose, n: n, k: k, alpha: alpha,
                    a: ap, lda: lda, beta: 0, c: cp, ldc: n)
                try BLAS.symmetrize(triangle: .upper, n: n, c: cp, ldc: n)
            }
        }
        return result
    }
}
