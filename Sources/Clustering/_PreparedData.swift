// Data prepared once for the passes of k-means: translated copy, squared row norms, validation.
//
// Goals: the expansion ‖x − c‖² = ‖x‖² − 2 x·c + ‖c‖² that lets a BLAS gemm do the work loses
// digits when x and c lie far from the origin relative to their distance (cancellation of the
// order of eps ‖x‖²). Translating the data by its column means first, as scikit-learn's KMeans
// does, keeps ‖x‖ of the order of the spread; distances and clusters do not change. Every value
// is checked to be finite on the way, and the first bad one (lowest row, then column) is reported.
// Reference: N. J. Higham, "Accuracy and Stability of Numerical Algorithms" (2002), ch. 1 and 4.

import LinearAlgebra

/// A translated, validated copy of the data (n x d, row-major) with its squared row norms.
struct _PreparedData: Sendable {
    /// `x - shift`, row-major.
    let values: [Double]
    /// Number of rows (n).
    let rows: Int
    /// Number of features (d).
    let columns: Int
    /// The vector subtracted from every row.
    let shift: [Double]
    /// `‖x_i - shift‖²` for every row.
    let rowNorms: [Double]

    /// Prepares `x` translated by its own column means.
    /// - Throws: `ClusteringError.emptyData` without rows or columns, `.nonFiniteValue` for the
    ///   first NaN or infinity.
    /// - Complexity: O(n d), two parallel passes.
    init(centering x: Matrix) throws(ClusteringError) {
        try Self._checkShape(x)
        let blocks = _RowBlocks(rows: x.rows, blockRows: 4096)
        let d = x.columns
        var partial = [Double](repeating: 0, count: blocks.count * d)
        x.withUnsafeBufferPointer { sourceBuffer in
            let source = _SharedRead(sourceBuffer)
            partial.withUnsafeMutableBufferPointer { out in
                let sums = _Shared(out)
                blocks.forEach { _, b in
                    for i in blocks.range(b) {
                        for j in 0..<d { sums[b * d + j] += source[i * d + j] }
                    }
                }
            }
        }
        var mean = [Double](repeating: 0, count: d)
        for b in 0..<blocks.count {
            for j in 0..<d { mean[j] += partial[b * d + j] }
        }
        for j in 0..<d { mean[j] /= Double(x.rows) }
        // A non-finite value makes some mean non-finite; the copy below finds and reports it, so
        // translate by 0 in that column meanwhile.
        try self.init(x, shift: mean.map { $0.isFinite ? $0 : 0 })
    }

    /// Prepares `x` translated by `shift` (one value per column).
    /// - Throws: `ClusteringError.emptyData` without rows or columns, `.nonFiniteValue` for the
    ///   first NaN or infinity.
    /// - Complexity: O(n d), one parallel pass.
    init(_ x: Matrix, shift: [Double]) throws(ClusteringError) {
        try Self._checkShape(x)
        let n = x.rows, d = x.columns
        let blocks = _RowBlocks(rows: n, blockRows: 4096)
        var firstBad = [Int](repeating: Int.max, count: blocks.count)
        var norms = [Double](repeating: 0, count: n)
        var values = [Double](repeating: 0, count: n * d)
        x.withUnsafeBufferPointer { sourceBuffer in
            let source = _SharedRead(sourceBuffer)
            values.withUnsafeMutableBufferPointer { target in
                norms.withUnsafeMutableBufferPointer { normBuffer in
                    firstBad.withUnsafeMutableBufferPointer { badBuffer in
                        let out = _Shared(target)
                        let normOut = _Shared(normBuffer)
                        let bad = _Shared(badBuffer)
                        blocks.forEach { _, b in
                            for i in blocks.range(b) {
                                var norm = 0.0
                                for j in 0..<d {
                                    let value = source[i * d + j]
                                    if !value.isFinite, bad[b] == Int.max { bad[b] = i * d + j }
                                    let z = value - shift[j]
                                    out[i * d + j] = z
                                    norm += z * z
                                }
                                normOut[i] = norm
                            }
                        }
                    }
                }
            }
        }
        if let flat = firstBad.first(where: { $0 != Int.max }) {
            throw .nonFiniteValue(row: flat / d, column: flat % d, value: x.storage[flat])
        }
        self.values = values
        self.rows = n
        self.columns = d
        self.shift = shift
        self.rowNorms = norms
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

    /// Row `i` translated, as a pointer into `values` (valid inside `body`).
    func withRows<R>(_ body: (UnsafePointer<Double>) throws(ClusteringError) -> R) throws(ClusteringError) -> R {
        try values.withUnsafeBufferPointer { (buffer) throws(ClusteringError) -> R in
            // `values` is never empty: the shape check requires rows and columns.
            guard let base = buffer.baseAddress else { throw .emptyData("X has no values") }
            return try body(base)
        }
    }

    /// The translated row `i` as an array.
    func row(_ i: Int) -> [Double] { Array(values[(i * columns)..<((i + 1) * columns)]) }

    /// Mean of the per-feature variances, the scale of scikit-learn's relative tolerance.
    /// - Complexity: O(n).
    var meanVariance: Double {
        var total = 0.0
        for norm in rowNorms { total += norm }
        return total / Double(rows) / Double(columns)
    }
}
