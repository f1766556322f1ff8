// Platt's sigmoid calibration: p = σ(slope · score + intercept), fitted by maximum likelihood.
//
// Goals: the optimum of scikit-learn 1.9's `_sigmoid_calibration` (sklearn/calibration.py), which
// follows Platt (2000): the 0/1 targets are replaced by Platt's regularized targets
// (N₊ + 1) / (N₊ + 2) for positives and 1 / (N₋ + 2) for negatives (N counted by weight), and the
// weighted cross-entropy is minimized over (slope, intercept). scikit-learn stops L-BFGS-B at a
// gradient of 1e-6; this file solves the same convex problem by Newton's method to a relative
// gradient of 1e-12, so the two agree to about 1e-6 (the tolerance of the tests) and this side is
// the exact optimum. Scores are divided by max |score| when it is 30 or more (as scikit-learn does)
// so that Newton's steps are well conditioned; the slope is scaled back at the end.
// Signs: scikit-learn stores a = −slope and b = −intercept (Platt's P = 1 / (1 + exp(A f + B))).
// Reference: J. Platt, "Probabilistic outputs for support vector machines and comparisons to
// regularized likelihood methods", Advances in Large Margin Classifiers, 2000; H.-T. Lin, C.-J. Lin,
// R. C. Weng, "A note on Platt's probabilistic outputs for support vector machines", 2007.

import Foundation

/// A fitted sigmoid from scores to probabilities: σ(slope · score + intercept).
public struct SigmoidCalibrationModel: Codable, Sendable, Equatable {
    /// Change in log-odds per unit of score.
    public let slope: Double
    /// Log-odds at score 0.
    public let intercept: Double

    /// Creates a model from its two parameters.
    /// - Throws: `MetricsError.invalidArgument` when either is not finite.
    public init(slope: Double, intercept: Double) throws(MetricsError) {
        guard slope.isFinite, intercept.isFinite else {
            throw .invalidArgument("a sigmoid calibrator needs a finite slope and intercept, not \(slope) and \(intercept)")
        }
        self.slope = slope
        self.intercept = intercept
    }

    private enum CodingKeys: String, CodingKey { case slope, intercept }

    /// Decodes and validates a model.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            slope: try container.decode(Double.self, forKey: .slope),
            intercept: try container.decode(Double.self, forKey: .intercept))
    }

    /// The calibrated probability of `score` (NaN gives NaN).
    /// - Complexity: O(1).
    public func callAsFunction(_ score: Double) -> Double {
        _sigmoid(slope * score + intercept)
    }
}

/// Platt scaling: a logistic regression of the outcome on the score alone, with Platt's targets.
public struct SigmoidCalibration: Sendable {
    /// Maximum Newton iterations (the problem is two-dimensional and convex: a few suffice).
    public var maxIterations: Int

    /// Creates the trainer.
    /// - Parameter maxIterations: Newton iterations allowed, at least 1 (default 100).
    public init(maxIterations: Int = 100) { self.maxIterations = maxIterations }

    /// Fits slope and intercept by maximum likelihood on Platt's regularized targets.
    /// - Parameters:
    ///   - scores: the uncalibrated scores (logits or probabilities), finite.
    ///   - labels: true for churned.
    ///   - sampleWeights: optional non-negative weights.
    /// - Returns: the fitted sigmoid.
    /// - Throws: `MetricsError` on mismatched lengths, empty input, non-finite scores, bad weights
    ///   or `maxIterations` below 1.
    /// - Complexity: O(n) per Newton iteration.
    public func fit(scores: [Double], labels: [Bool], sampleWeights: [Double]? = nil) throws(MetricsError)
        -> SigmoidCalibrationModel
    {
        guard maxIterations >= 1 else { throw .invalidArgument("maxIterations must be at least 1, not \(maxIterations)") }
        let weights = try _validate(labels: labels, scores: scores, sampleWeights: sampleWeights)
        var negatives = 0.0, positives = 0.0
        for i in labels.indices {
            let w = weights?[i] ?? 1
            if labels[i] { positives += w } else { negatives += w }
        }
        let positiveTarget = (positives + 1) / (positives + 2), negativeTarget = 1 / (negatives + 2)
        let largest = scores.reduce(0) { max($0, abs($1)) }
        let scale = largest >= 30 ? largest : 1

        // θ = (slope on the scaled score, intercept); start at Platt's prior log-odds.
        var slope = 0.0, intercept = log((positives + 1) / (negatives + 1))
        var objective = Self.loss(slope, intercept, scores, scale, labels, weights, positiveTarget, negativeTarget)
        for _ in 0..<maxIterations {
            var g0 = 0.0, g1 = 0.0, h00 = 0.0, h01 = 0.0, h11 = 0.0
            for i in scores.indices {
                let w = weights?[i] ?? 1
                let s = scores[i] / scale
                let p = _sigmoid(slope * s + intercept)
                let r = w * (p - (labels[i] ? positiveTarget : negativeTarget))
                let v = w * p * (1 - p)
                g0 += r * s; g1 += r
                h00 += v * s * s; h01 += v * s; h11 += v
            }
            let totalWeight = positives + negatives
            if max(abs(g0), abs(g1)) <= 1e-12 * totalWeight { break }
            // When every score is equal the slope is unidentified: move the intercept alone.
            let determinant = h00 * h11 - h01 * h01
            let identified = determinant > 1e-12 * h00 * h11 && determinant.isFinite
            guard identified || h11 > 0 else { break }
            let d0 = identified ? (h11 * g0 - h01 * g1) / determinant : 0
            let d1 = identified ? (h00 * g1 - h01 * g0) / determinant : g1 / h11
            // Step halving keeps the objective from rising (it cannot for long: the loss is convex).
            var step = 1.0, accepted = false
            for _ in 0..<40 {
                let newSlope = slope - step * d0, newIntercept = intercept - step * d1
                let value = Self.loss(newSlope, newIntercept, scores, scale, labels, weights, positiveTarget, negativeTarget)
                if value <= objective {
                    slope = newSlope; intercept = newIntercept; objective = value; accepted = true
                    break
                }
                step /= 2
            }
            if !accepted { break }
        }
        return try SigmoidCalibrationModel(slope: slope / scale, intercept: intercept)
    }

    /// The weighted cross-entropy of σ(slope · s / scale + intercept) against Platt's targets.
    private static func loss(
        _ slope: Double, _ intercept: Double, _ scores: [Double], _ scale: Double, _ labels: [Bool], _ weights: [Double]?,
        _ positiveTarget: Double, _ negativeTarget: Double
    ) -> Double {
        var total = 0.0
        for i in scores.indices {
            let z = slope * scores[i] / scale + intercept
            let t = labels[i] ? positiveTarget : negativeTarget
            // log(1 + e^z) − t z, computed without overflow.
            let softplus = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
            total += (weights?[i] ?? 1) * (softplus - t * z)
        }
        return total
    }
}

/// 1 / (1 + e^-z) without overflow for large |z|.
private func _sigmoid(_ z: Double) -> Double {
    z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
}
