#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import _ChurnKitCore
import LinearAlgebra

// The penalized logistic objective and its derivatives, in one blocked pass over X.
//
// f(θ) = Σ_i s_i ℓ(y_i, b + x_iᵀw) + (λ / 2) ‖w‖²,  θ = (b, w), the intercept b not penalized,
// ∇f = [1, X]ᵀ r + λ (0, w) with r_i = s_i (p_i - y_i),
// ∇²f = [1, X]ᵀ D [1, X] + λ diag(0, 1, ..., 1) with D = diag(s_i p_i (1 - p_i)).
//
// Goals: read X once per evaluation, whatever is asked; never materialise an n x d copy. X is
// visited in row blocks small enough to stay in cache: per block, one gemv gives the logits,
// one transposed gemv adds the block's gradient, and (for Newton) the block's rows scaled by
// sqrt(D_ii), with the intercept column prepended (Z), feed one level-3 product ZᵀZ that adds
// the block's share of the Hessian. Blocks go to two threads with private accumulators, summed in a
// fixed order. Reference: Hastie, Tibshirani & Friedman, "The Elements of Statistical Learning",
// 2nd ed., §4.4.1 (Newton / IRLS for logistic regression); Golub & Van Loan, "Matrix
// Computations", 4th ed., §1.5 (blocking for the memory hierarchy).

/// Rows per block. A block of X (at most 256 x d) stays in L2 cache between the gemv, the
/// transposed gemv and the scaled copy that feeds gemm, and is small enough that OpenBLAS runs
/// each call on the calling thread (its own threading starts above about 9,000 elements).
let _logisticBlockRows = 256

/// Logits beyond this magnitude give probabilities within 1e-13 of 0 or 1: such rows are
/// "saturated", the signature of (quasi-)separation in an unpenalized fit.
let _saturationLogit = 30.0

/// The data and penalty of one logistic fit, with evaluation of the objective and its
/// derivatives at a parameter vector θ = (intercept if fitted, coefficients...).
struct _LogisticObjective: Sendable {
    /// The design matrix, n x d.
    let x: Matrix
    /// The labels as 0 or 1.
    let labels: [Double]
    /// The weight of each row (sample weight times class weight), or nil for all ones.
    let weights: [Double]?
    /// The l2 penalty strength λ.
    let l2: Double
    /// Whether θ starts with an intercept.
    let fitIntercept: Bool
    /// Every how many row blocks one enters the sums: 1 for all rows (the exact objective); k > 1
    /// for a deterministic subsample (one block of `_logisticBlockRows` in k, within each thread's
    /// half), whose data terms are scaled by `fullWeight / sampled weight` to estimate the
    /// full sums. See `subsampled(everyBlock:)`.
    private(set) var blockStride = 1
    /// The total row weight of the full data (used only when `blockStride > 1`).
    private(set) var fullWeight = 0.0

    /// The same objective estimated on one row block in `stride`: its value, gradient and
    /// Hessian are those of the sampled rows scaled up to the full row weight, plus the exact
    /// penalty, so they approximate the full ones at about 1 / `stride` of the cost.
    /// - Parameter stride: the sampling period in blocks, > 1.
    /// - Returns: the subsampled objective.
    /// - Complexity: O(n) for the total row weight.
    func subsampled(everyBlock stride: Int) -> _LogisticObjective {
        var copy = self
        copy.blockStride = stride
        copy.fullWeight = weights?.reduce(0, +) ?? Double(x.rows)
        return copy
    }

    /// Number of parameters p = d (+ 1 with an intercept).
    var parameterCount: Int { x.columns + (fitIntercept ? 1 : 0) }
    /// Offset of the first coefficient in θ.
    var coefficientOffset: Int { fitIntercept ? 1 : 0 }

    /// The objective and derivatives at one θ.
    struct Evaluation: Sendable {
        /// f(θ), penalized.
        var value: Double
        /// ∇f(θ), p elements.
        var gradient: [Double]
        /// ∇²f(θ) as a full symmetric p x p matrix, when asked for.
        var hessian: Matrix?
        /// Rows with positive weight whose logit exceeds `_saturationLogit` in magnitude on the
        /// side of their label (predicted with probability 0 or 1, and right).
        var saturatedRows: Int
    }

    /// One part's partial sums.
    private struct _Partial {
        var loss = 0.0
        var gradient: [Double]
        var hessian: [Double]
        var weight = 0.0
        var saturated = 0
        var error: LinearAlgebraError?
    }

    /// Evaluates f, ∇f and optionally ∇²f at θ in one pass over X.
    /// - Parameters:
    ///   - theta: the parameters, `parameterCount` elements.
    ///   - hessian: whether to accumulate the Hessian.
    /// - Returns: the evaluation.
    /// - Throws: a `LinearAlgebraError` from BLAS (not expected for valid shapes).
    /// - Complexity: O(n d) without the Hessian, O(n d²) with it.
    func evaluate(_ theta: [Double], hessian: Bool) throws(LinearAlgebraError) -> Evaluation {
        let p = parameterCount
        let n = x.rows
        let partials = UnsafeMutablePointer<_Partial>.allocate(capacity: 2)
        defer { partials.deallocate() }
        // Stands in for the base address of an empty buffer (d = 0 gives an empty X); never read.
        let placeholder = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        defer { placeholder.deallocate() }
        let parts = _rowPartCount(rows: n)
        x.withUnsafeBufferPointer { xb in
            theta.withUnsafeBufferPointer { tb in
                labels.withUnsafeBufferPointer { yb in
                    _withOptionalPointer(weights) { wb in
                        let xp = xb.baseAddress ?? UnsafePointer(placeholder)
                        let tp = tb.baseAddress ?? UnsafePointer(placeholder)
                        let yp = yb.baseAddress ?? UnsafePointer(placeholder)
                        concurrentForEach(parts) { part in
                            let result = accumulate(
                                concurrentChunk(part, of: parts, count: n), x: xp, theta: tp, y: yp, w: wb,
                                hessian: hessian)
                            (partials + part).initialize(to: result)
                        }
                    }
                }
            }
        }
        defer { partials.deinitialize(count: parts) }
        var total = partials[0]
        for part in 1..<parts {
            let other = partials[part]
            total.loss += other.loss
            total.weight += other.weight
            total.saturated += other.saturated
            for j in 0..<p { total.gradient[j] += other.gradient[j] }
            if hessian { for j in 0..<(p * p) { total.hessian[j] += other.hessian[j] } }
            if total.error == nil { total.error = other.error }
        }
        if let error = total.error { throw error }
        if blockStride > 1 {
            // Scale the sampled sums up to the full data (no sampled weight gives non-finite
            // values, which the caller's line search rejects).
            let scale = fullWeight / total.weight
            total.loss *= scale
            for j in 0..<p { total.gradient[j] *= scale }
            if hessian { for j in 0..<(p * p) { total.hessian[j] *= scale } }
        }
        // The penalty on the coefficients (never on the intercept).
        let offset = coefficientOffset
        var squaredNorm = 0.0
        for j in offset..<p {
            squaredNorm += theta[j] * theta[j]
            total.gradient[j] += l2 * theta[j]
        }
        var hessianMatrix: Matrix?
        if hessian {
            for j in offset..<p { total.hessian[j * p + j] += l2 }
            // gemm rounds (i, j) and (j, i) alike only up to summation order: mirror the upper half.
            var h = try Matrix(rows: p, columns: p, values: total.hessian)
            try h.symmetrize(copying: .upper)
            hessianMatrix = h
        }
        return Evaluation(
            value: total.loss + 0.5 * l2 * squaredNorm, gradient: total.gradient, hessian: hessianMatrix,
            saturatedRows: total.saturated)
    }

    /// The partial sums of the rows in `range` (one thread's share).
    private func accumulate(
        _ range: Range<Int>, x: UnsafePointer<Double>, theta: UnsafePointer<Double>,
        y: UnsafePointer<Double>, w: UnsafePointer<Double>?, hessian: Bool
    ) -> _Partial {
        let d = self.x.columns
        let p = parameterCount
        let offset = coefficientOffset
        let intercept = fitIntercept ? theta[0] : 0
        var gradientSums = [Double](repeating: 0, count: p)
        var hessianSums = [Double](repeating: 0, count: hessian ? p * p : 0)
        var loss = 0.0
        var weightSum = 0.0
        var saturated = 0
        var failure: LinearAlgebraError?
        let blockRows = _logisticBlockRows
        let eta = UnsafeMutablePointer<Double>.allocate(capacity: blockRows)
        let residual = UnsafeMutablePointer<Double>.allocate(capacity: blockRows)
        let root = UnsafeMutablePointer<Double>.allocate(capacity: blockRows)
        let scaled = UnsafeMutablePointer<Double>.allocate(capacity: hessian ? blockRows * p : 0)
        defer {
            eta.deallocate()
            residual.deallocate()
            root.deallocate()
            scaled.deallocate()
        }
        gradientSums.withUnsafeMutableBufferPointer { gradient in
            hessianSums.withUnsafeMutableBufferPointer { hessianBuffer in
                var start = range.lowerBound
                var interceptGradient = 0.0
                while start < range.upperBound {
                    let r = min(blockRows, range.upperBound - start)
                    let block = x + start * d
                    do throws(LinearAlgebraError) {
                        if d > 0 {
                            try BLAS.gemv(rows: r, columns: d, a: block, lda: d, x: theta + offset, y: eta)
                        } else {
                            eta.update(repeating: 0, count: r)
                        }
                        for i in 0..<r {
                            let z = eta[i] + intercept
                            let label = y[start + i]
                            let s = w?[start + i] ?? 1
                            weightSum += s
                            let terms = _logisticTerms(z, label)
                            loss += s * terms.loss
                            residual[i] = s * terms.residual
                            root[i] = (s * terms.curvature).squareRoot()
                            if s > 0, abs(z) > _saturationLogit, (z > 0) == (label > 0.5) { saturated += 1 }
                            interceptGradient += residual[i]
                        }
                        if d > 0, let g = gradient.baseAddress {
                            try BLAS.gemv(
                                transpose: true, rows: r, columns: d, a: block, lda: d, x: residual, beta: 1,
                                y: g + offset)
                        }
                        if hessian, let h = hessianBuffer.baseAddress {
                            for i in 0..<r {
                                let row = scaled + i * p
                                let source = block + i * d
                                let factor = root[i]
                                if offset == 1 { row[0] = factor }
                                for j in 0..<d { row[offset + j] = factor * source[j] }
                            }
                            // ZᵀZ by gemm rather than syrk: for the thin blocks here (p <= 500 columns,
                            // 256 rows) OpenBLAS's gemm kernel is about 1.5x faster than its syrk despite
                            // twice the flops (measured: 42 vs 61 ms per 1,000,000 x 33 rows).
                            try BLAS.gemm(
                                transposeA: true, m: p, n: p, k: r, a: scaled, lda: max(1, p), b: scaled,
                                ldb: max(1, p), beta: 1, c: h, ldc: max(1, p))
                        }
                    } catch {
                        failure = error
                        return
                    }
                    start += r + (blockStride - 1) * blockRows
                }
                if offset == 1 { gradient[0] += interceptGradient }
            }
        }
        return _Partial(
            loss: loss, gradient: gradientSums, hessian: hessianSums, weight: weightSum, saturated: saturated,
            error: failure)
    }
}

/// Calls `body` with the base address of `array`, or nil when the array is nil or empty.
func _withOptionalPointer<R>(_ array: [Double]?, _ body: (UnsafePointer<Double>?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0.baseAddress) }
}
