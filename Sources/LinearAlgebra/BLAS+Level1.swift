import COpenBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// BLAS level 1 (vector-vector) wrappers: dot, axpy, scal, nrm2 on unit-stride vectors.
// Vectors longer than 2³¹ - 1 elements are processed in chunks, so no length can overflow the
// 32-bit integers of CBLAS; nrm2 combines chunk norms with `hypot`, which neither overflows nor
// underflows (the same scaling idea as the reference dnrm2, Anderson 2017, "Algorithm 978").

extension BLAS {
    /// The dot product `Σ x[i] * y[i]`.
    /// - Parameters:
    ///   - x: the first vector.
    ///   - y: the second vector, of the same length.
    /// - Returns: the dot product (0 for empty vectors).
    /// - Throws: `LinearAlgebraError.invalidShape` when the lengths differ.
    /// - Complexity: O(n).
    public static func dot(
        _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>
    ) throws(LinearAlgebraError) -> Double {
        guard x.count == y.count else {
            throw .invalidShape("dot: x has \(x.count) elements but y has \(y.count)")
        }
        guard let xs = x.baseAddress, let ys = y.baseAddress else { return 0 }
        var sum = 0.0
        var start = 0
        while start < x.count {
            let length = min(_blasIntMax, x.count - start)
            sum += cblas_ddot(Int32(length), xs + start, 1, ys + start, 1)
            start += length
        }
        return sum
    }

    /// The dot product `Σ x[i] * y[i]` of two arrays.
    /// - Parameters:
    ///   - x: the first vector.
    ///   - y: the second vector, of the same length.
    /// - Returns: the dot product (0 for empty vectors).
    /// - Throws: `LinearAlgebraError.invalidShape` when the lengths differ.
    /// - Complexity: O(n).
    public static func dot(_ x: [Double], _ y: [Double]) throws(LinearAlgebraError) -> Double {
        try x.withUnsafeBufferPointer { (xb) throws(LinearAlgebraError) -> Double in
            try y.withUnsafeBufferPointer { (yb) throws(LinearAlgebraError) -> Double in try dot(xb, yb) }
        }
    }

    /// `y += alpha * x`, in place.
    /// - Parameters:
    ///   - alpha: the factor of `x`.
    ///   - x: the vector added.
    ///   - y: the vector updated, of the same length as `x`.
    /// - Throws: `LinearAlgebraError.invalidShape` when the lengths differ.
    /// - Complexity: O(n).
    public static func axpy(
        _ alpha: Double, _ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>
    ) throws(LinearAlgebraError) {
        guard x.count == y.count else {
            throw .invalidShape("axpy: x has \(x.count) elements but y has \(y.count)")
        }
        guard let xs = x.baseAddress, let ys = y.baseAddress else { return }
        var start = 0
        while start < x.count {
            let length = min(_blasIntMax, x.count - start)
            cblas_daxpy(Int32(length), alpha, xs + start, 1, ys + start, 1)
            start += length
        }
    }

    /// `y += alpha * x` on arrays, in place.
    /// - Parameters:
    ///   - alpha: the factor of `x`.
    ///   - x: the vector added.
    ///   - y: the vector updated, of the same length as `x`.
    /// - Throws: `LinearAlgebraError.invalidShape` when the lengths differ.
    /// - Complexity: O(n).
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) throws(LinearAlgebraError) {
        try x.withUnsafeBufferPointer { (xb) throws(LinearAlgebraError) in
            try y.withUnsafeMutableBufferPointer { (yb) throws(LinearAlgebraError) in try axpy(alpha, xb, yb) }
        }
    }

    /// `x *= alpha`, in place.
    /// - Parameters:
    ///   - alpha: the factor.
    ///   - x: the vector scaled.
    /// - Complexity: O(n).
    public static func scal(_ alpha: Double, _ x: UnsafeMutableBufferPointer<Double>) {
        guard let xs = x.baseAddress else { return }
        var start = 0
        while start < x.count {
            let length = min(_blasIntMax, x.count - start)
            cblas_dscal(Int32(length), alpha, xs + start, 1)
            start += length
        }
    }

    /// `x *= alpha` on an array, in place.
    /// - Parameters:
    ///   - alpha: the factor.
    ///   - x: the vector scaled.
    /// - Complexity: O(n).
    public static func scal(_ alpha: Double, _ x: inout [Double]) {
        x.withUnsafeMutableBufferPointer { scal(alpha, $0) }
    }

    /// The Euclidean norm `sqrt(Σ x[i]²)`, computed without overflow or underflow.
    /// - Parameter x: the vector.
    /// - Returns: the norm (0 for an empty vector).
    /// - Complexity: O(n).
    public static func nrm2(_ x: UnsafeBufferPointer<Double>) -> Double {
        guard let xs = x.baseAddress else { return 0 }
        var norm = 0.0
        var start = 0
        while start < x.count {
            let length = min(_blasIntMax, x.count - start)
            norm = hypot(norm, cblas_dnrm2(Int32(length), xs + start, 1))
            start += length
        }
        return norm
    }

    /// The Euclidean norm `sqrt(Σ x[i]²)` of an array, computed without overflow or underflow.
    /// - Parameter x: the vector.
    /// - Returns: the norm (0 for an empty vector).
    /// - Complexity: O(n).
    public static func nrm2(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { nrm2($0) }
    }
}
