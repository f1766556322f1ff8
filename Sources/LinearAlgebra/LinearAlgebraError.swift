/// Errors from matrix construction, BLAS shape checks and LAPACK routines.
///
/// LAPACK reports failures through its `info` argument; the wrappers translate each documented
/// value into one of these cases, so callers never inspect raw codes.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A matrix or vector has an impossible shape, or two operands do not conform.
    case invalidShape(String)
    /// Cholesky factorization failed: the leading minor of `order` is not positive.
    case notPositiveDefinite(order: Int)
    /// A triangular or LU factor has an exactly zero pivot at `index` (1-based): the matrix is singular.
    case singular(index: Int)
    /// Least squares: the matrix does not have full rank (diagonal element `index` of R is zero).
    case rankDeficient(index: Int)
    /// The symmetric eigensolver failed to converge; `info` is LAPACK's code (eigenvalues only: the
    /// number of off-diagonal elements that did not vanish; with eigenvectors: the failing submatrix).
    case eigenNotConverged(info: Int)
    /// A LAPACK routine rejected argument `index` (a bug in the wrapper, reported rather than trapped).
    case illegalArgument(routine: String, index: Int)
    /// A value is NaN or infinite where a finite number is required.
    case nonFinite(String)
    /// LAPACKE could not allocate the workspace or the transposed copy that `routine` needs.
    case workspaceAllocationFailed(routine: String)

    /// A one-line human-readable explanation.
    public var description: String {
        switch self {
        case .invalidShape(let message):
            return "invalid shape: \(message)"
        case .notPositiveDefinite(let order):
            return "matrix is not positive definite: the leading minor of order \(order) is not positive"
        case .singular(let index):
            return "matrix is singular: pivot \(index) is exactly zero"
        case .rankDeficient(let index):
            return "matrix does not have full rank: diagonal element \(index) of its triangular factor is zero"
        case .eigenNotConverged(let info):
            return "symmetric eigenvalue algorithm failed to converge (LAPACK info \(info))"
        case .illegalArgument(let routine, let index):
            return "\(routine): argument \(index) had an illegal value"
        case .nonFinite(let message):
            return "non-finite value: \(message)"
        case .workspaceAllocationFailed(let routine):
            return "\(routine): LAPACKE could not allocate its workspace (out of memory)"
        }
    }
}
