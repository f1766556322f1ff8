#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Numerically safe logistic function and logistic loss.
//
// Goals: no overflow, no catastrophic cancellation and no log(0) for any finite logit z.
// - sigmoid(z) = 1 / (1 + e^(-z)) is evaluated through e = exp(-|z|) <= 1, which never overflows:
//   z >= 0 gives 1 / (1 + e), z < 0 gives e / (1 + e); both are accurate to a few ulps, and the
//   small tail (e / (1 + e)) keeps full relative accuracy down to the smallest subnormals.
// - The log-loss of a label is a softplus: -log p(y = 1) = log(1 + e^(-z)) = softplus(-z) and
//   -log p(y = 0) = softplus(z), with softplus(t) = max(t, 0) + log1p(exp(-|t|)), so a confident
//   wrong prediction costs |z| (not inf) and a confident right one costs ~e^(-|z|) (not 0 - 0).
// - The Hessian weight p (1 - p) = e / (1 + e)^2, computed without forming 1 - p.
// Reference: M. Mächler, "Accurately Computing log(1 - exp(-|a|))", Rmpfr vignette (2012), §3
// (log1pexp); N. J. Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., §1.14.

/// The logistic function `1 / (1 + exp(-z))`, overflow-free for every `z`.
/// - Parameter z: the logit (log-odds).
/// - Returns: the probability in [0, 1]; NaN for NaN.
@inlinable
public func logisticSigmoid(_ z: Double) -> Double {
    let e = exp(-abs(z))
    return z >= 0 ? 1 / (1 + e) : e / (1 + e)
}

/// The logistic loss (negative log-likelihood) of one label given its logit `z`:
/// `-log sigmoid(z)` for a positive label, `-log(1 - sigmoid(z))` for a negative one.
/// - Parameters:
///   - z: the logit (log-odds of the positive class).
///   - label: the observed class.
/// - Returns: the loss, finite and non-negative for every finite `z`.
@inlinable
public func logisticLoss(_ z: Double, label: Bool) -> Double {
    let t = label ? -z : z
    return max(t, 0) + log1p(exp(-abs(t)))
}

/// Loss, gradient factor and Hessian factor of one row, sharing one `exp` and one `log1p`.
/// - Parameters:
///   - z: the logit.
///   - y: the label as 0 or 1.
/// - Returns: `loss` = logistic loss, `residual` = sigmoid(z) - y, `curvature` = p (1 - p).
@inline(__always)
func _logisticTerms(_ z: Double, _ y: Double) -> (loss: Double, residual: Double, curvature: Double) {
    let e = exp(-abs(z))
    let onePlus = 1 + e
    let p = z >= 0 ? 1 / onePlus : e / onePlus
    // The loss is softplus(t) with t = z for y = 0 and t = -z for y = 1; |t| = |z|.
    let t = y > 0.5 ? -z : z
    let loss = max(t, 0) + log1p(e)
    return (loss, p - y, e / (onePlus * onePlus))
}
