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
    /// The symmetric eigensolver failed to converge (`count` off-diagonal elements did not vanish).
    case eigenNotConverged(count: Int)
    /// A LAPACK routine rejected argument `index` (a bug in the wrapper, reported rather than trapped).
    case illegalArgument(routine: String, index: Int)
    /// A value is NaN or infinite where a finite number is required.
    case nonFinite(String)

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
        case .eigenNotConverged(let count):
            return "eigenvalue algorithm failed to converge: \(count) off-diagonal elements did not converge to zero"
        case .illegalArgument(let routine, let index):
            return "\(routine): argument \(index) had an illegal value"
        case .nonFinite(let message):
            return "non-finite value: \(message)"
        }
    }
}
