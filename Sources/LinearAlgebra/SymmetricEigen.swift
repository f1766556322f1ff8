import COpenBLAS

// Eigenvalues and eigenvectors of a real symmetric matrix by divide and conquer (LAPACK dsyevd).
// Goals: eigenvalues in ascending order; eigenvectors orthonormal, as the columns of a matrix (the
// numpy.linalg.eigh convention), each determined up to its sign. Reference: Golub & Van Loan,
// "Matrix Computations", 4th ed., §8.4 (tridiagonal divide and conquer, Cuppen's method).

/// The eigendecomposition `A = V diag(values) Vᵀ` of a real symmetric matrix.
public struct SymmetricEigendecomposition: Sendable, Equatable {
    /// The eigenvalues in ascending order.
    public let values: [Double]
    /// The orthonormal eigenvectors as columns: column `j` belongs to `values[j]`. Each is
    /// determined up to its sign.
    public let vectors: Matrix
}

extension Matrix {
    /// The eigenvalues of this symmetric matrix, in ascending order (dsyevd without vectors).
    ///
    /// Only the lower triangle (with the diagonal) is read; the elements above it are ignored.
    /// - Returns: the n eigenvalues, ascending.
    /// - Throws: `LinearAlgebraError.invalidShape` when the matrix is not square, `.nonFinite` for
    ///   NaN or infinite elements, `.eigenNotConverged(info:)` if the algorithm fails to converge.
    /// - Complexity: O(n³).
    public func symmetricEigenvalues() throws(LinearAlgebraError) -> [Double] {
        var work = self
        return try work._syevd(vectors: false)
    }

    /// The eigenvalues (ascending) and orthonormal eigenvectors of this symmetric matrix (dsyevd).
    ///
    /// Only the lower triangle (with the diagonal) is read; the elements above it are ignored.
    /// - Returns: the decomposition `A = V diag(values) Vᵀ`.
    /// - Throws: `LinearAlgebraError.invalidShape` when the matrix is not square, `.nonFinite` for
    ///   NaN or infinite elements, `.eigenNotConverged(info:)` if the algorithm fails to converge.
    /// - Complexity: O(n³).
    public func symmetricEigen() throws(LinearAlgebraError) -> SymmetricEigendecomposition {
        var work = self
        let values = try work._syevd(vectors: true)
        return SymmetricEigendecomposition(values: values, vectors: work)
    }

    /// Runs dsyevd in place; with `vectors`, the matrix is overwritten by the eigenvectors.
    private mutating func _syevd(vectors: Bool) throws(LinearAlgebraError) -> [Double] {
        try _requireSquare("symmetric eigendecomposition")
        try _requireFinite("symmetric eigendecomposition")
        let n = rows
        try _checkOrder(n, "symmetric eigendecomposition: order")
        var values = [Double](repeating: 0, count: n)
        guard n > 0 else { return values }
        let info = storage.withUnsafeMutableBufferPointer { a in
            values.withUnsafeMutableBufferPointer { w in
                LAPACKE_dsyevd(
                    LAPACK_ROW_MAJOR, _lapackChar(vectors ? "V" : "N"), _lapackChar("L"), Int32(n),
                    a.baseAddress, Int32(n), w.baseAddress)
            }
        }
        try _checkLAPACK(info, routine: "dsyevd") { .eigenNotConverged(info: $0) }
        return values
    }
}
