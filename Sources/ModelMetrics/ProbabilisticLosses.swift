// Log loss (cross-entropy) and the Brier score for predicted probabilities.
//
// Goal: the values of scikit-learn 1.9's `log_loss` and `brier_score_loss`
// (sklearn/metrics/_classification.py), including their arithmetic:
// - log loss builds the two-column matrix [1 - p, p], clips each entry to [eps, 1 - eps] with
//   eps = Double.ulpOfOne (2.22e-16, numpy's `finfo(float64).eps`), and averages -log of the
//   entry of the true class; a certain but wrong prediction therefore costs -log(eps) = 36.04,
//   not infinity. Unlike scikit-learn, a single-class input is accepted: Bool labels already name
//   both classes (scikit-learn's `labels=[False, True]`).
// - the Brier score averages ((y0 - (1 - p))^2 + (y1 - p)^2) and halves the mean, which equals the
//   mean of (y - p)^2 up to rounding.
// Sums are compensated so long inputs stay within 1e-12 of numpy's pairwise sums.
// Reference: C. M. Bishop, "Pattern Recognition and Machine Learning" (2006), section 4.3.2;
// G. W. Brier, "Verification of forecasts expressed in terms of probability",
// Monthly Weather Review 78 (1950) 1-3.

import Foundation

/// The mean negative log-likelihood of the labels under the predicted probabilities.
/// - Parameters:
///   - labels: true for positives (churned).
///   - scores: predicted probabilities of the positive class, in [0, 1].
///   - sampleWeights: optional non-negative weights (a weighted mean).
/// - Returns: the log loss in nats, at least 0 and at most -log(eps) = 36.04.
/// - Throws: `MetricsError` on mismatched lengths, empty input, non-finite scores, bad weights, or
///   a score outside [0, 1].
/// - Complexity: O(n).
public func logLoss(labels: [Bool], scores: [Double], sampleWeights: [Double]? = nil) throws(MetricsError) -> Double {
    let weights = try _validate(labels: labels, scores: scores, sampleWeights: sampleWeights)
    try _validateProbabilities(scores, metric: "log loss")
    return _weightedMean(count: labels.count, weights: weights) { row in
        let eps = Double.ulpOfOne
        let probabilityOfTruth = labels[row] ? scores[row] : 1 - scores[row]
        return -log(min(max(probabilityOfTruth, eps), 1 - eps))
    }
}

/// The Brier score: the mean squared difference between the probability and the 0/1 outcome.
/// - Parameters:
///   - labels: true for positives (churned).
///   - scores: predicted probabilities of the positive class, in [0, 1].
///   - sampleWeights: optional non-negative weights (a weighted mean).
/// - Returns: the score in [0, 1]; 0 is perfect, 0.25 is what a constant 0.5 earns.
/// - Throws: `MetricsError` on mismatched lengths, empty input, non-finite scores, bad weights, or
///   a score outside [0, 1].
/// - Complexity: O(n).
public func brierScore(labels: [Bool], scores: [Double], sampleWeights: [Double]? = nil) throws(MetricsError) -> Double {
    let weights = try _validate(labels: labels, scores: scores, sampleWeights: sampleWeights)
    try _validateProbabilities(scores, metric: "the Brier score")
    let mean = _weightedMean(count: labels.count, weights: weights) { row in
        let positive = labels[row] ? 1.0 : 0.0
        let negativeError = (1 - positive) - (1 - scores[row])
        let positiveError = positive - scores[row]
        return negativeError * negativeError + positiveError * positiveError
    }
    return 0.5 * mean
}

/// The (weighted) mean of `value(row)` over `count` rows, with compensated sums.
/// - Complexity: O(n) calls of `value`.
func _weightedMean(count: Int, weights: [Double]?, _ value: (Int) -> Double) -> Double {
    var total = _CompensatedSum()
    guard let weights else {
        for row in 0..<count { total.add(value(row)) }
        return total.value / Double(count)
    }
    var weightTotal = _CompensatedSum()
    for row in 0..<count {
        total.add(value(row) * weights[row])
        weightTotal.add(weights[row])
    }
    return total.value / weightTotal.value
}
