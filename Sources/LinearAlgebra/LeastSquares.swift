import COpenBLAS

// Linear least squares min ‖A X - B‖ for a full-rank A by QR (or LQ) factorization (LAPACK dgels).
// Goals: no normal equations (which square the condition number); an overdetermined system
// (rows >= columns) gets its least-squares solution, an underdetermined one (rows < columns) its
// minimum-norm solution; an exactly rank-deficient A is reported, not answered with infinities.
// Reference: Golub & Van Loan, "Matrix Computations", 4th ed., §5.3 (full-rank least squares)
// and §5.6 (underdetermined systems).

extension Matrix {
    /// The least-squares solution X of `A X ≈ B` (dgels): minimizes ‖A X - B‖ column by column when
    /// A (`m x n`) has at least as many rows as columns, and is the minimum-norm solution of
    /// `A X = B` when it has fewer. A must have full rank.
    /// - Parameter b: the right-hand sides, `m x k`.
    /// - Returns: X, `n x k`.
    /// - Throws: `LinearAlgebraError.invalidShape` when B does not have m rows, `.nonFinite` for NaN
    ///   or infinite input, `.rankDeficient(index:)` when a diagonal element of the triangular
    ///   factor is exactly zero (A does not have full rank).
    /// - Complexity: O(m * n * min(m, n) + max(m, n) * n * k).
    public func leastSquares(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard b.rows == rows else {
            throw .invalidShape(
                "least squares: A is \(shapeDescription) but B is \(b.shapeDescription); B needs \(rows) rows")
        }
        try _requireFinite("least squares")
        try b._requireFinite("least squares", name: "B")
        let (m, n, k) = (rows, columns, b.columns)
        try _checkOrder(m, "least squares: rows")
        try _checkOrder(n, "least squares: columns")
        try _checkOrder(k, "least squares: right-hand sides")
        guard m > 0, n > 0, k > 0 else {
            return Matrix(unchecked: n, k, [Double](repeating: 0, count: n * k))
        }
        var qr = self
        // dgels reads B from the first m rows and writes X into the first n rows.
        var x = [Double](repeating: 0, count: max(m, n) * k)
        x.replaceSubrange(0..<(m * k), with: b.storage)
        let info = qr.storage.withUnsafeMutableBufferPointer { a in
            x.withUnsafeMutableBufferPointer { xb in
                LAPACKE_dgels(
                    LAPACK_ROW_MAJOR, _lapackChar("N"), Int32(m), Int32(n), Int32(k), a.baseAddress,
                    Int32(n), xb.baseAddress, Int32(k))
            }
        }
        try _checkLAPACK(info, routine: "dgels") { .rankDeficient(index: $0) }
        return Matrix(unchecked: n, k, Array(x[0..<(n * k)]))
    }

    /// The least-squares solution x of `A x ≈ b` for one right-hand side vector (dgels); see
    /// `leastSquares(_:)` on a matrix for the under- and overdetermined cases.
    /// - Parameter b: the right-hand side, m elements.
    /// - Returns: x, n elements.
    /// - Throws: `LinearAlgebraError.invalidShape` when b does not have m elements, `.nonFinite` for
    ///   NaN or infinite input, `.rankDeficient(index:)` when A does not have full rank.
    /// - Complexity: O(m * n * min(m, n)).
    public func leastSquares(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard b.count == rows else {
            throw .invalidShape(
                "least squares: A is \(shapeDescription) but b has \(b.count) elements; b needs \(rows)")
        }
        return try leastSquares(Matrix(unchecked: rows, 1, b)).storage
    }
}
