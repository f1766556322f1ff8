// Confusion matrix at one threshold and the rates derived from it.
//
// Goal: scikit-learn 1.9's `confusion_matrix`, `precision_score`, `recall_score`, `f1_score` and
// `accuracy_score` for the predictions `score >= threshold`, with their default
// `zero_division="warn"` behaviour (a rate whose denominator is zero is 0; scikit-learn also warns).
// F1 is computed as 2 TP / (2 TP + FP + FN), as scikit-learn does, rather than from the rounded
// precision and recall.

/// Weighted counts of the four outcomes when `score >= threshold` is predicted positive.
public struct ConfusionMatrix: Codable, Sendable, Equatable {
    /// The threshold: a score at or above it is predicted positive (churn).
    public let threshold: Double
    /// Total weight of positive rows predicted positive.
    public let truePositives: Double
    /// Total weight of negative rows predicted positive.
    public let falsePositives: Double
    /// Total weight of negative rows predicted negative.
    public let trueNegatives: Double
    /// Total weight of positive rows predicted negative.
    public let falseNegatives: Double

    /// Counts outcomes at a threshold; a score equal to the threshold is predicted positive.
    /// - Parameters:
    ///   - labels: true for positives (churned).
    ///   - scores: any finite scores.
    ///   - threshold: a finite cut-off, or +/-infinity (nothing / everything positive).
    ///   - sampleWeights: optional non-negative weights; counts are then weight totals.
    /// - Throws: `MetricsError` on mismatched lengths, empty input, non-finite scores, bad weights,
    ///   or a NaN threshold.
    /// - Complexity: O(n).
    public init(labels: [Bool], scores: [Double], threshold: Double = 0.5,
                sampleWeights: [Double]? = nil) throws(MetricsError) {
        let weights = try _validate(labels: labels, scores: scores, sampleWeights: sampleWeights)
        guard !threshold.isNaN else { throw .invalidArgument("the threshold is nan; it must be a number") }
        var tp = _CompensatedSum(), fp = _CompensatedSum(), tn = _CompensatedSum(), fn = _CompensatedSum()
        for row in labels.indices {
            let weight = weights?[row] ?? 1
            switch (labels[row], scores[row] >= threshold) {
            case (true, true): tp.add(weight)
            case (false, true): fp.add(weight)
            case (false, false): tn.add(weight)
            case (true, false): fn.add(weight)
            }
        }
        self.threshold = threshold
        truePositives = tp.value
        falsePositives = fp.value
        trueNegatives = tn.value
        falseNegatives = fn.value
    }

    /// TP / (TP + FP): the share of predicted churners who churn; 0 when nothing is predicted positive.
    public var precision: Double { Self.ratio(truePositives, truePositives + falsePositives) }
    /// TP / (TP + FN): the share of churners caught; 0 when there is no positive row.
    public var recall: Double { Self.ratio(truePositives, truePositives + falseNegatives) }
    /// 2 TP / (2 TP + FP + FN), the harmonic mean of precision and recall; 0 when TP + FP + FN = 0.
    public var f1: Double {
        Self.ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives)
    }
    /// (TP + TN) / total: the share of rows classified correctly.
    public var accuracy: Double {
        Self.ratio(truePositives + trueNegatives,
                   truePositives + trueNegatives + falsePositives + falseNegatives)
    }

    /// `numerator / denominator`, or 0 when the denominator is 0 (scikit-learn's zero_division default).
    private static func ratio(_ numerator: Double, _ denominator: Double) -> Double {
        denominator == 0 ? 0 : numerator / denominator
    }
}
