// The scoring kernel: logits by a SIMD dot product per row on row blocks, then the overflow-free
// sigmoid while the block is still in cache, on two threads from 16,384 rows on. A row with a NaN
// or infinite feature gives a non-finite logit whatever the coefficients (0 * inf is NaN), so
// finiteness is checked on the n logits instead of the n d features, and the column is located
// only on error. The dot products do not go through BLAS: gemv on a block of a few hundred rows
// costs a library call per block and, on a short row (d ~ 32), reads X no faster than 8 lanes of
// Swift SIMD; staying out of BLAS also keeps OpenBLAS's own threads off the two scoring threads.

/// Rows per scoring block: the block's logits stay in L1 for the sigmoid pass.
let _scoringBlockRows = 256

/// Writes the logits `b + Σ_j x[i, j] w[j]` of `rows` rows of row-major `x` (d columns) to `y`.
///
/// Each row is summed in 8 SIMD lanes (features j ≡ k mod 8 in lane k), the lanes added in a
/// fixed tree, then the d mod 8 trailing features in order: the result of a row does not depend on
/// the block or thread it is scored in.
/// - Parameters:
///   - x: the first feature of the first row.
///   - rows: the number of rows.
///   - d: the features per row (the row stride of `x`).
///   - w: the d coefficients.
///   - intercept: b.
///   - y: `rows` logits, overwritten (need not be initialized).
/// - Complexity: O(rows d).
@inline(__always)
func _rowLogits(
    _ x: UnsafePointer<Double>, rows: Int, columns d: Int, weights w: UnsafePointer<Double>, intercept: Double,
    into y: UnsafeMutablePointer<Double>
) {
    let wide = d / 8 * 8
    let weights = UnsafeRawPointer(w)
    for i in 0..<rows {
        let row = x + i * d
        let raw = UnsafeRawPointer(row)
        var lanes = SIMD8<Double>()
        var j = 0
        while j < wide {
            lanes += raw.loadUnaligned(fromByteOffset: j * 8, as: SIMD8<Double>.self)
                * weights.loadUnaligned(fromByteOffset: j * 8, as: SIMD8<Double>.self)
            j += 8
        }
        var z = intercept + lanes.sum()
        while j < d {
            z += row[j] * w[j]
            j += 1
        }
        y[i] = z
    }
}

extension LogisticRegressionModel {
    /// Scores `rows` rows of row-major `values` (d columns) into `output`.
    func _score(
        _ values: UnsafeBufferPointer<Double>, rows: Int, into output: UnsafeMutableBufferPointer<Double>,
        probabilities: Bool
    ) throws(LinearModelsError) {
        guard output.count == rows else { throw .outputSizeMismatch(got: output.count, expected: rows) }
        guard rows > 0, let out = output.baseAddress else { return }
        let d = featureCount
        let intercept = self.intercept
        let firstBad = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        defer { firstBad.deallocate() }
        firstBad.initialize(repeating: -1, count: 2)
        let placeholder = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        defer { placeholder.deallocate() }
        coefficients.withUnsafeBufferPointer { weights in
            let shared = (
                x: _SharedConstPointer(base: values.baseAddress ?? UnsafePointer(placeholder)),
                w: _SharedConstPointer(base: weights.baseAddress ?? UnsafePointer(placeholder)),
                out: _SharedPointer(base: out), bad: _SharedPointer(base: firstBad))
            _forEachRowPart(rows: rows) { part, range in
                var start = range.lowerBound
                while start < range.upperBound {
                    let r = min(_scoringBlockRows, range.upperBound - start)
                    let y = shared.out.base + start
                    _rowLogits(
                        shared.x.base + start * d, rows: r, columns: d, weights: shared.w.base, intercept: intercept,
                        into: y)
                    var badRow = -1
                    for i in 0..<r {
                        let z = y[i]
                        if !(z * 0 == 0), badRow < 0 { badRow = start + i }
                        y[i] = probabilities ? logisticSigmoid(z) : z
                    }
                    if badRow >= 0 {
                        shared.bad.base[part] = badRow
                        return
                    }
                    start += r
                }
            }
        }
        let bad = [firstBad[0], firstBad[1]].filter { $0 >= 0 }.min()
        guard let row = bad else { return }
        for j in 0..<d where !values[row * d + j].isFinite {
            throw .nonFiniteFeature(row: row, column: j, value: values[row * d + j])
        }
        throw .overflow(row: row)
    }
}
