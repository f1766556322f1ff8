// The scoring kernel: logits by a SIMD dot product per row on row blocks, then the overflow-free
// sigmoid 8 logits at a time while the block is still in cache, on two threads from 16,384 rows
// on. A row with a NaN or infinite feature gives a non-finite logit whatever the coefficients
// (0 * inf is NaN), so finiteness is checked on the n logits instead of the n d features, and the
// row and column are located only on error. The dot products do not go through BLAS: gemv on a
// block of a few hundred rows costs a library call per block and, on a short row (d ~ 32), reads
// X no faster than Swift SIMD; staying out of BLAS also keeps OpenBLAS's threads off the two
// scoring threads. Every row is computed by the same operations in the same order whatever its
// block, thread or position, so its score does not depend on how the rows are split.

import _ChurnKitCore

/// Rows per scoring block: the block's logits stay in L1 for the sigmoid pass.
let _scoringBlockRows = 256

/// The sum of the 8 lanes in a fixed tree: (0 + 4, 1 + 5, 2 + 6, 3 + 7), then halves again.
@inline(__always)
func _laneSum(_ v: SIMD8<Double>) -> Double {
    let four = v.lowHalf + v.highHalf
    let two = four.lowHalf + four.highHalf
    return two[0] + two[1]
}

/// Writes the logits `b + Σ_j x[i, j] w[j]` of `rows` rows of row-major `x` (d columns) to `y`.
///
/// Each row is summed in 8 SIMD lanes (features j ≡ k mod 8 in lane k), the lanes added by
/// `_laneSum`, then b, then the d mod 8 trailing features in order. Rows go two at a time so that
/// they share the loads of w; both rows of a pair get exactly the operations of a single row.
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
    var row = x
    var i = 0
    while i + 1 < rows {
        let first = UnsafeRawPointer(row), second = UnsafeRawPointer(row + d)
        var lanes0 = SIMD8<Double>(), lanes1 = SIMD8<Double>()
        var j = 0
        while j < wide {
            let wj = weights.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self)
            lanes0 += first.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self) * wj
            lanes1 += second.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self) * wj
            j &+= 8
        }
        var z0 = intercept + _laneSum(lanes0), z1 = intercept + _laneSum(lanes1)
        while j < d {
            z0 += row[j] * w[j]
            z1 += row[d &+ j] * w[j]
            j &+= 1
        }
        y[i] = z0
        y[i &+ 1] = z1
        row += 2 &* d
        i &+= 2
    }
    if i < rows {
        let only = UnsafeRawPointer(row)
        var lanes = SIMD8<Double>()
        var j = 0
        while j < wide {
            lanes += only.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self)
                * weights.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self)
            j &+= 8
        }
        var z = intercept + _laneSum(lanes)
        while j < d {
            z += row[j] * w[j]
            j &+= 1
        }
        y[i] = z
    }
}

/// Replaces `count` logits by their probabilities (when `probabilities`), 8 at a time, the last
/// partial group padded with zeros, and tells whether all the logits were finite.
/// - Parameters:
///   - y: the logits of a block, overwritten by probabilities when `probabilities` is true.
///   - count: the number of logits.
///   - probabilities: apply the sigmoid (false: only check).
/// - Returns: false when a logit is NaN or infinite (then `y` is partly overwritten).
/// - Complexity: O(count).
@inline(__always)
func _finishBlock(_ y: UnsafeMutablePointer<Double>, count: Int, probabilities: Bool) -> Bool {
    let raw = UnsafeMutableRawPointer(y)
    var check = SIMD8<Double>()  // z * 0: 0 for a finite z, NaN otherwise
    var i = 0
    while i + 8 <= count {
        let z = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD8<Double>.self)
        check += z * 0
        if probabilities {
            raw.storeBytes(of: _logisticSigmoid8(z), toByteOffset: i &* 8, as: SIMD8<Double>.self)
        }
        i &+= 8
    }
    if i < count {
        var z = SIMD8<Double>()
        for k in 0..<(count - i) { z[k] = y[i + k] }
        check += z * 0
        if probabilities {
            let p = _logisticSigmoid8(z)
            for k in 0..<(count - i) { y[i + k] = p[k] }
        }
    }
    return check == SIMD8()
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
            let x = values.baseAddress ?? UnsafePointer(placeholder)
            let w = weights.baseAddress ?? UnsafePointer(placeholder)
            let parts = _rowPartCount(rows: rows)
            concurrentForEach(parts) { part in
                let range = concurrentChunk(part, of: parts, count: rows)
                var start = range.lowerBound
                while start < range.upperBound {
                    let r = min(_scoringBlockRows, range.upperBound - start)
                    let block = x + start * d
                    let y = out + start
                    _rowLogits(block, rows: r, columns: d, weights: w, intercept: intercept, into: y)
                    if !_finishBlock(y, count: r, probabilities: probabilities) {
                        // Recompute the block's logits to find its first non-finite one.
                        _rowLogits(block, rows: r, columns: d, weights: w, intercept: intercept, into: y)
                        firstBad[part] = start + ((0..<r).first { !y[$0].isFinite } ?? 0)
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
