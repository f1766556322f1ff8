import COpenBLAS

/// The low-level BLAS entry points of ChurnKit, on raw pointers and buffers.
///
/// These functions exist for hot loops that work on part of a larger array without copying it,
/// for example accumulating `XᵀX` over row blocks of a 1,000,000 x 32 design matrix, or the
/// cross products of k-means on a block of rows. All matrices are row-major (C order): element
/// `(i, j)` of a matrix with leading dimension `ld` lives at `pointer[i * ld + j]`.
///
/// They are unchecked by design where checking is impossible: the caller guarantees that every
/// pointer addresses enough elements for the dimensions it passes. Everything a function *can*
/// check cheaply is checked: negative dimensions, leading dimensions smaller than a row, lengths
/// of buffers that must agree, and every `Int` that BLAS receives as a 32-bit integer. Such errors
/// throw `LinearAlgebraError.invalidShape` instead of reaching BLAS.
///
/// The checked, allocating API lives on `Matrix` (`Matrix.multiply`, `gram()`, `cholesky()`, ...)
/// and is built on these functions.
public enum BLAS {
    /// Which triangle of a symmetric matrix a routine reads or writes.
    public enum Triangle: Sendable, Hashable {
        /// The diagonal and the elements above it (`j >= i`).
        case upper
        /// The diagonal and the elements below it (`j <= i`).
        case lower

        var cblas: CBLAS_UPLO { self == .upper ? CblasUpper : CblasLower }
    }

    /// Copies the stored triangle of an `n x n` row-major matrix onto the other one, so that the
    /// matrix becomes fully symmetric (for example after `syrk`, which writes one triangle only).
    /// - Parameters:
    ///   - triangle: the triangle that holds the values; the other triangle is overwritten.
    ///   - n: the order of the matrix.
    ///   - c: the first element of the matrix; it must address `(n - 1) * ldc + n` elements.
    ///   - ldc: the leading dimension (distance between rows), at least `max(1, n)`.
    /// - Throws: `LinearAlgebraError.invalidShape` when `n < 0` or `ldc < max(1, n)`.
    /// - Complexity: O(n²).
    public static func symmetrize(
        triangle: Triangle, n: Int, c: UnsafeMutablePointer<Double>, ldc: Int
    ) throws(LinearAlgebraError) {
        try _checkOrder(n, "n")
        try _checkLeadingDimension(ldc, "ldc", atLeast: n)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                switch triangle {
                case .upper: c[j * ldc + i] = c[i * ldc + j]
                case .lower: c[i * ldc + j] = c[j * ldc + i]
                }
            }
        }
    }
}

/// The largest dimension, leading dimension or length that 32-bit BLAS and LAPACK accept.
let _blasIntMax = Int(Int32.max)

/// Converts a dimension to the 32-bit integer type of CBLAS and LAPACKE, throwing instead of
/// trapping when it does not fit.
func _blasInt(_ value: Int, _ name: @autoclosure () -> String) throws(LinearAlgebraError) -> Int32 {
    guard let converted = Int32(exactly: value) else {
        throw .invalidShape(
            "\(name()) = \(value) does not fit the 32-bit integers of BLAS/LAPACK (at most \(Int32.max))")
    }
    return converted
}

/// Throws unless `value` is a valid dimension (non-negative and representable in 32 bits).
func _checkOrder(_ value: Int, _ name: @autoclosure () -> String) throws(LinearAlgebraError) {
    guard value >= 0 else { throw .invalidShape("\(name()) = \(value) is negative") }
    _ = try _blasInt(value, name())
}

/// Throws unless a row-major leading dimension holds a row of `width` elements.
func _checkLeadingDimension(
    _ ld: Int, _ name: @autoclosure () -> String, atLeast width: Int
) throws(LinearAlgebraError) {
    guard ld >= max(1, width) else {
        throw .invalidShape("\(name()) = \(ld) is smaller than the row length max(1, \(width))")
    }
    _ = try _blasInt(ld, name())
}
