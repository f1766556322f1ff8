import COpenBLAS

// Solution of a general square system A X = B by LU factorization with partial pivoting
// (LAPACK dgesv). Goal: an exactly singular A is reported with its zero pivot instead of
// returning infinities. Reference: Golub & Van Loan, "Matrix Computations", 4th ed., §3.4.

extension Matrix {
    /// Solves `A X = B` for a square A by LU factorization with partial pivoting (dgesv).
    /// - Parameter b: the right-hand sides, `n x k`.
    /// - Returns: X, `n x k`.
    /// - Throws: `LinearAlgebraError.invalidShape` when A is not square or B does not have n rows,
    ///   `.nonFinite` when A or B holds NaN or an infinity, `.singular(index:)` with the 1-based
    ///   index of the zero pivot when A is exactly singular.
    /// - Complexity: O(n³ + n² * k).
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        try _requireSquare("linear solve")
        guard b.rows == rows else {
            throw .invalidShape(
                "linear solve: A is \(shapeDescription) but B is \(b.shapeDescription); B needs \(rows) rows")
        }
        try _requireFinite("linear solve")
        try b._requireFinite("linear solve", name: "B")
        let (n, k) = (rows, b.columns)
        try _checkOrder(n, "linear solve: order")
        try _checkOrder(k, "linear solve: right-hand sides")
        var lu = self
        var x = b
        guard n > 0, k > 0 else { return x }
        var pivots = [Int32](repeating: 0, count: n)
        let info = lu.storage.withUnsafeMutableBufferPointer { a in
            x.storage.withUnsafeMutableBufferPointer { xb in
                pivots.withUnsafeMutableBufferPointer { p in
                    LAPACKE_dgesv(
                        LAPACK_ROW_MAJOR, Int32(n), Int32(k), a.baseAddress, Int32(n), p.baseAddress,
                        xb.baseAddress, Int32(k))
                }
            }
        }
        try _checkLAPACK(info, routine: "dgesv") { .singular(index: $0) }
        return x
    }

    /// Solves `A x = b` for a square A and one right-hand side vector (dgesv).
    /// - Parameter b: the right-hand side, n elements.
    /// - Returns: x, n elements.
    /// - Throws: `LinearAlgebraError.invalidShape` when A is not square or b does not have n
    ///   elements, `.nonFinite` for NaN or infinite input, `.singular(index:)` when A is singular.
    /// - Complexity: O(n³).
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard b.count == rows else {
            throw .invalidShape(
                "linear solve: A is \(shapeDescription) but b has \(b.count) elements; b needs \(rows)")
        }
        return try solve(Matrix(unchecked: rows, 1, b)).storage
    }
}
