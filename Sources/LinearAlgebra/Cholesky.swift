import COpenBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Cholesky factorization A = L Lᵀ of a symmetric positive definite matrix, with solves, the
// inverse and the log-determinant (LAPACK dpotrf / dpotrs / dpotri).
//
// Goals: the factorization is the test of positive definiteness (no separate check), so its
// failure reports the order of the first leading minor that is not positive; the log-determinant
// is 2 Σ log L_ii, which neither overflows nor underflows where det(A) itself would; the inverse is
// formed from L (dpotri) and returned as a full symmetric matrix. Reference: Golub & Van Loan,
// "Matrix Computations", 4th ed., §4.2 (Cholesky) and §3.5 (solves); LAPACK Users' Guide §2.4.

/// The Cholesky factorization `A = L Lᵀ` of a symmetric positive definite matrix.
///
/// Create it with `Matrix.cholesky()`. It is immutable and can be shared across threads; every
/// method reuses the factor, so several right-hand sides cost O(n²) each instead of O(n³).
public struct CholeskyFactorization: Sendable, Equatable {
    /// The lower triangular factor L, with a positive diagonal and zeros above it.
    public let lower: Matrix

    /// The order n of the factored matrix.
    public var order: Int { lower.rows }

    /// The natural logarithm of det(A) = 2 Σ log L_ii, computed without forming det(A), so it is
    /// finite even when det(A) would overflow or underflow.
    /// - Complexity: O(n).
    public var logDeterminant: Double {
        var sum = 0.0
        for i in 0..<order { sum += log(lower[i, i]) }
        return 2 * sum
    }

    init(lower: Matrix) { self.lower = lower }

    /// Solves `A X = B` for X using the factor (dpotrs).
    /// - Parameter b: the right-hand sides, `n x k`.
    /// - Returns: X, `n x k`.
    /// - Throws: `LinearAlgebraError.invalidShape` when B does not have n rows,
    ///   `.nonFinite` when B holds NaN or an infinity.
    /// - Complexity: O(n² * k).
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard b.rows == order else {
            throw .invalidShape(
                "Cholesky solve: A is \(order) x \(order) but B is \(b.shapeDescription); B needs \(order) rows")
        }
        try b._requireFinite("Cholesky solve", name: "B")
        let (n, k) = (order, b.columns)
        try _checkOrder(k, "Cholesky solve: right-hand sides")
        var x = b
        guard n > 0, k > 0 else { return x }
        let info = lower.storage.withUnsafeBufferPointer { l in
            x.storage.withUnsafeMutableBufferPointer { xb in
                LAPACKE_dpotrs(
                    LAPACK_ROW_MAJOR, _lapackChar("L"), Int32(n), Int32(k), l.baseAddress, Int32(n),
                    xb.baseAddress, Int32(k))
            }
        }
        try _checkLAPACK(info, routine: "dpotrs") { .singular(index: $0) }
        return x
    }

    /// Solves `A x = b` for one right-hand side vector using the factor (dpotrs).
    /// - Parameter b: the right-hand side, n elements.
    /// - Returns: x, n elements.
    /// - Throws: `LinearAlgebraError.invalidShape` when b does not have n elements,
    ///   `.nonFinite` when b holds NaN or an infinity.
    /// - Complexity: O(n²).
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard b.count == order else {
            throw .invalidShape(
                "Cholesky solve: A is \(order) x \(order) but b has \(b.count) elements; b needs \(order)")
        }
        return try solve(Matrix(unchecked: order, 1, b)).storage
    }

    /// The inverse A⁻¹ as a full symmetric matrix (dpotri, then the lower triangle mirrored).
    /// - Returns: the `n x n` symmetric inverse.
    /// - Throws: `LinearAlgebraError.singular` if a diagonal element of L is zero (it cannot be
    ///   for a factor made by `Matrix.cholesky()`).
    /// - Complexity: O(n³).
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        let n = order
        var inverse = lower
        guard n > 0 else { return inverse }
        let info = inverse.storage.withUnsafeMutableBufferPointer { a in
            LAPACKE_dpotri(LAPACK_ROW_MAJOR, _lapackChar("L"), Int32(n), a.baseAddress, Int32(n))
        }
        try _checkLAPACK(info, routine: "dpotri") { .singular(index: $0) }
        try inverse.symmetrize(copying: .lower)
        return inverse
    }
}

extension Matrix {
    /// Factors this symmetric positive definite matrix as `A = L Lᵀ` (LAPACK dpotrf).
    ///
    /// Only the lower triangle (with the diagonal) is read, as in LAPACK; the elements above the
    /// diagonal are ignored, so a matrix that is symmetric up to rounding factors as expected.
    /// - Returns: the factorization, with `solve`, `inverse()` and `logDeterminant`.
    /// - Throws: `LinearAlgebraError.invalidShape` when the matrix is not square,
    ///   `.nonFinite` when it holds NaN or an infinity, `.notPositiveDefinite(order:)` with the
    ///   order of the first leading minor that is not positive.
    /// - Complexity: O(n³ / 3).
    public func cholesky() throws(LinearAlgebraError) -> CholeskyFactorization {
        try _requireSquare("Cholesky factorization")
        try _requireFinite("Cholesky factorization")
        let n = rows
        try _checkOrder(n, "Cholesky factorization: order")
        var factor = self
        guard n > 0 else { return CholeskyFactorization(lower: factor) }
        let info = factor.storage.withUnsafeMutableBufferPointer { a in
            LAPACKE_dpotrf(LAPACK_ROW_MAJOR, _lapackChar("L"), Int32(n), a.baseAddress, Int32(n))
        }
        try _checkLAPACK(info, routine: "dpotrf") { .notPositiveDefinite(order: $0) }
        factor.storage.withUnsafeMutableBufferPointer { a in
            for i in 0..<n {
                for j in (i + 1)..<max(i + 1, n) { a[i * n + j] = 0 }
            }
        }
        return CholeskyFactorization(lower: factor)
    }
}
