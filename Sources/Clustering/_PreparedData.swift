// The data as the passes of k-means see it: the caller's matrix, a translation, validation.
//
// Goals: the expansion ‖x − c‖² = ‖x‖² − 2 x·c + ‖c‖² that lets a gemm or the fused kernel do the
// work loses digits when x and c lie far from the origin relative to their distance (cancellation
// of the order of eps ‖x‖²). The passes therefore work in coordinates translated by the column
// means (z = x − shift), as scikit-learn's KMeans does; distances and clusters do not change. The
// translated rows are never stored as a whole: the fused kernel folds the shift into its constants
// and forms z only for the sums, the gemm paths translate one block of rows at a time into scratch
// space, so the data are neither copied (no second n x d array, no page faults) nor re-read to
// prepare them. Validation costs nothing in the common case: a NaN or infinity makes its column's
// sum non-finite, and only then are the values scanned for the first bad one (lowest row, then
// column).
// Reference: N. J. Higham, "Accuracy and Stability of Numerical Algorithms" (2002), ch. 1 and 4.

import _ChurnKitCore
import CKMeansKernel
import LinearAlgebra

/// The data (n x d, row-major, untranslated) with the vector that the passes subtract from its rows.
struct _PreparedData: Sendable {
    /// The caller's matrix (shared storage: not copied).
    let source: Matrix
    /// Number of rows (n).
    let rows: Int
    /// Number of features (d).
    let columns: Int
    /// The vector subtracted from every row (one value per column).
    let shift: [Double]

    /// Prepares `x`, translated by its own column means.
    /// - Throws: `ClusteringError.emptyData` without rows or columns, `.nonFiniteValue` for the
    ///   first NaN or infinity.
    /// - Complexity: O(n d), one parallel pass (two when a value is not finite).
    init(centering x: Matrix) throws(ClusteringError) {
        try Self._checkShape(x)
        let blocks = _RowBlocks(rows: x.rows, blockRows: 4096)
        let d = x.columns
        var partial = [Double](repeating: 0, count: blocks.count * d)
        x.withUnsafeBufferPointer { sourceBuffer in
            let source = SharedBuffer(readOnly: sourceBuffer)
            partial.withUnsafeMutableBufferPointer { out in
                let sums = SharedBuffer(out)
                concurrentForEach(blocks.count) { b in
                    let range = blocks.range(b)
                    guard let rows = source.pointer(at: range.lowerBound * d), let target = sums.pointer(at: b * d)
                    else { return }
                    ck_kmeans_column_sums(rows, range.count, d, target)
                }
            }
        }
        var mean = [Double](repeating: 0, count: d)
        for b in 0..<blocks.count {
            for j in 0..<d { mean[j] += partial[b * d + j] }
        }
        for j in 0..<d { mean[j] /= Double(x.rows) }
        if mean.contains(where: { !$0.isFinite }) {
            try Self._requireFinite(x)
        }
        // Finite values whose sum overflows: translate that column by 0.
        self.init(checked: x, shift: mean.map { $0.isFinite ? $0 : 0 })
    }

    /// Prepares `x` translated by `shift` (one value per column).
    /// - Throws: `ClusteringError.emptyData` without rows or columns, `.nonFiniteValue` for the
    ///   first NaN or infinity.
    /// - Complexity: O(n d), one parallel pass to validate.
    init(_ x: Matrix, shift: [Double]) throws(ClusteringError) {
        try Self.check(x)
        self.init(checked: x, shift: shift)
    }

    /// Throws unless `x` has rows and columns, BLAS-sized shapes and only finite values.
    /// - Throws: `ClusteringError.emptyData`, `.invalidParameter` (too many columns) or
    ///   `.nonFiniteValue` for the first NaN or infinity.
    /// - Complexity: O(n d), one parallel pass.
    static func check(_ x: Matrix) throws(ClusteringError) {
        try _checkShape(x)
        try _requireFinite(x)
    }

    /// Wraps rows already checked to have rows, columns and only finite values (for example rows
    /// of a matrix that a throwing initializer accepted): no pass over the data.
    init(checked x: Matrix, shift: [Double]) {
        self.source = x
        self.rows = x.rows
        self.columns = x.columns
        self.shift = shift
    }

    /// Throws unless `x` has rows and columns, and the shapes fit the 32-bit integers of BLAS.
    private static func _checkShape(_ x: Matrix) throws(ClusteringError) {
        guard x.rows > 0 else { throw .emptyData("X has no rows: there is nothing to cluster") }
        guard x.columns > 0 else { throw .emptyData("X has \(x.rows) rows but no feature columns") }
        guard x.columns <= Int(Int32.max) else {
            throw .invalidParameter(
                name: "features", value: "\(x.columns)", reason: "more features than BLAS can address (2^31 - 1)")
        }
    }

    /// Throws `.nonFiniteValue` for the first NaN or infinity of `x` (lowest row, then column).
    /// - Complexity: O(n d), one parallel pass.
    private static func _requireFinite(_ x: Matrix) throws(ClusteringError) {
        let blocks = _RowBlocks(rows: x.rows, blockRows: 4096)
        let d = x.columns
        var firstBad = [Int](repeating: Int.max, count: blocks.count)
        x.withUnsafeBufferPointer { sourceBuffer in
            firstBad.withUnsafeMutableBufferPointer { badBuffer in
                let source = SharedBuffer(readOnly: sourceBuffer), bad = SharedBuffer(badBuffer)
                concurrentForEach(blocks.count) { _, b in
                    let range = blocks.range(b)
                    for e in (range.lowerBound * d)..<(range.upperBound * d) where !source[e].isFinite {
                        bad[b] = e
                        return
                    }
                }
            }
        }
        if let flat = firstBad.first(where: { $0 != Int.max }) {
            throw .nonFiniteValue(row: flat / d, column: flat % d, value: x.storage[flat])
        }
    }

    /// Calls `body` with the address of the untranslated values (n x d, row-major) and of `shift`.
    func withValues<R>(_ body: (UnsafePointer<Double>, UnsafePointer<Double>) -> R) -> R? {
        source.withUnsafeBufferPointer { values in
            shift.withUnsafeBufferPointer { shiftBuffer in
                // Neither is empty: the shape check requires rows and columns.
                guard let base = values.baseAddress, let shiftBase = shiftBuffer.baseAddress else { return nil }
                return body(base, shiftBase)
            }
        }
    }

    /// The translated row `i` as an array.
    func row(_ i: Int) -> [Double] {
        (0..<columns).map { source.storage[i * columns + $0] - shift[$0] }
    }

    /// Writes the translated rows `range` into `target` (`range.count * d` values) and, when `norms`
    /// is given, their squared norms Σ_f z_f² in feature order.
    /// - Complexity: O(|range| d).
    @inline(__always)
    static func _translate(
        _ x: UnsafePointer<Double>, shift: UnsafePointer<Double>, d: Int, rows range: Range<Int>,
        into target: UnsafeMutablePointer<Double>, norms: UnsafeMutablePointer<Double>?
    ) {
        var r = 0
        for i in range {
            var norm = 0.0
            for f in 0..<d {
                let z = x[i &* d &+ f] - shift[f]
                target[r &* d &+ f] = z
                norm += z * z
            }
            norms?[r] = norm
            r &+= 1
        }
    }

    /// Mean of the per-feature variances, the scale of scikit-learn's relative tolerance:
    /// Σ_i ‖x_i − shift‖² / (n d), which is the mean variance when `shift` is the column mean.
    /// - Complexity: O(n d), one parallel pass.
    func meanVariance() -> Double {
        let d = columns
        let total = _blockSums { _, z in
            var sum = 0.0
            for f in 0..<d { sum += z[f] * z[f] }
            return sum
        }.reduce(0, +)
        return total / Double(rows) / Double(columns)
    }

    /// `term(i, z_i)` summed over the rows of each 4096-row block in row order, in parallel; z_i is
    /// row i translated (d values, valid during the call).
    /// - Returns: one sum per block, in block order (reduce them in that order for a result that
    ///   does not depend on the core count).
    /// - Complexity: O(n d) plus the cost of `term`, one parallel pass.
    func _blockSums(_ term: @Sendable (_ i: Int, _ z: UnsafePointer<Double>) -> Double) -> [Double] {
        let blocks = _RowBlocks(rows: rows, blockRows: 4096)
        let d = columns
        var partial = [Double](repeating: 0, count: blocks.count)
        _ = withValues { x, shift in
            let source = SharedBuffer(readOnly: UnsafeBufferPointer(start: x, count: rows * d))
            let offsets = SharedBuffer(readOnly: UnsafeBufferPointer(start: shift, count: d))
            partial.withUnsafeMutableBufferPointer { out in
                let sums = SharedBuffer(out)
                concurrentForEach(blocks.count) { b in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: d) { z in
                        guard let row = z.baseAddress, let base = source.pointer(at: 0),
                            let offset = offsets.pointer(at: 0)
                        else { return }
                        var total = 0.0
                        for i in blocks.range(b) {
                            Self._translate(base, shift: offset, d: d, rows: i..<(i + 1), into: row, norms: nil)
                            total += term(i, row)
                        }
                        sums[b] = total
                    }
                }
            }
        }
        return partial
    }
}
