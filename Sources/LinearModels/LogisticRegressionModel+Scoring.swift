import LinearAlgebra

// The scoring kernel: logits by BLAS gemv on row blocks, then the overflow-free sigmoid while
// the block is still in cache, on two threads from 16,384 rows on. A row with a NaN or infinite
// feature gives a non-finite logit whatever the coefficients (0 * inf is NaN), so finiteness is
// checked on the n logits instead of the n d features, and the column is located only on error.

/// Rows per scoring block: 256 x d stays in cache and keeps OpenBLAS's gemv single-threaded.
let _scoringBlockRows = 256

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
                    if d > 0 {
                        // Shapes are valid by construction (d > 0, r > 0, lda = d).
                        try? BLAS.gemv(rows: r, columns: d, a: shared.x.base + start * d, lda: d, x: shared.w.base, y: y)
                    } else {
                        y.update(repeating: 0, count: r)
                    }
                    var badRow = -1
                    for i in 0..<r {
                        let z = y[i] + intercept
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
