// Precision-recall curve and average precision.
//
// Goal: the same arrays as scikit-learn 1.9's `precision_recall_curve` and the same value as its
// `average_precision_score` (sklearn/metrics/_ranking.py). Average precision is the step-wise
// sum AP = sum_k (R_k - R_{k-1}) P_k over distinct thresholds in decreasing order (R_0 = 0), not
// the interpolated 11-point or trapezoidal area, which are optimistic. Reference: C. D. Manning,
// P. Raghavan, H. Schütze, "Introduction to Information Retrieval" (2008), section 8.4, and
// J. Davis, M. Goadrich, "The relationship between precision-recall and ROC curves", ICML 2006.

/// Precision and recall at every distinct score threshold, ordered like scikit-learn's output.
public struct PrecisionRecallCurve: Codable, Sendable, Equatable {
    /// Precision at each threshold, by increasing threshold, followed by a final 1.
    public let precision: [Double]
    /// Recall at each threshold, by increasing threshold (so decreasing), followed by a final 0.
    public let recall: [Double]
    /// Increasing thresholds: entry `k` classifies `score >= thresholds[k]` as positive.
    /// One shorter than `precision` and `recall`.
    public let thresholds: [Double]

    /// Computes the curve like scikit-learn's `precision_recall_curve`.
    /// - Parameters:
    ///   - labels: true for positives (churned).
    ///   - scores: any finite scores; higher means more likely positive.
    ///   - sampleWeights: optional non-negative weights; zero-weight rows are ignored.
    ///   - dropIntermediate: keep only the first and last point of each run of equal recall
    ///     (scikit-learn's option, off by default there too).
    /// - Throws: `MetricsError` on mismatched lengths, empty input, non-finite scores, bad weights,
    ///   or when there is no positive row (recall is undefined).
    /// - Complexity: O(n log n).
    public init(labels: [Bool], scores: [Double], sampleWeights: [Double]? = nil,
                dropIntermediate: Bool = false) throws(MetricsError) {
        let weights = try _validate(labels: labels, scores: scores, sampleWeights: sampleWeights)
        let ranked = _RankedSample(labels: labels, scores: scores, weights: weights)
        if ranked.totalPositives <= 0 {
            throw .singleClass(metric: "the precision-recall curve", presentClass: false)
        }
        var fps = ranked.falsePositives, tps = ranked.truePositives, thresholds = ranked.thresholds
        let count = tps.count
        if dropIntermediate && count > 2 {
            let keep = (0..<count).filter { k in
                k == 0 || k == count - 1 || tps[k] != tps[k - 1] || tps[k + 1] != tps[k]
            }
            fps = keep.map { fps[$0] }
            tps = keep.map { tps[$0] }
            thresholds = keep.map { thresholds[$0] }
        }
        let totalPositives = ranked.totalPositives
        precision = zip(tps, fps).map { tp, fp in tp + fp != 0 ? tp / (tp + fp) : 0 }.reversed() + [1]
        recall = tps.map { $0 / totalPositives }.reversed() + [0]
        self.thresholds = thresholds.reversed()
    }
}

/// Average precision, like scikit-learn's `average_precision_score` for binary labels.
///
/// AP = sum over distinct thresholds (by decreasing score) of (recall gain) x precision.
/// - Parameters:
///   - labels: true for positives (churned).
///   - scores: any finite scores; higher means more likely positive.
///   - sampleWeights: optional non-negative weights.
/// - Returns: AP in [0, 1]; about the positive rate for a random ranking, 1 for a perfect one.
/// - Throws: `MetricsError` on mismatched lengths, empty input, non-finite scores, bad weights, or
///   when one class is absent (scikit-learn returns 0 or 1 there; a one-class AP is not informative).
/// - Complexity: O(n log n).
public func averagePrecision(labels: [Bool], scores: [Double], sampleWeights: [Double]? = nil) throws(MetricsError) -> Double {
    let weights = try _validate(labels: labels, scores: scores, sampleWeights: sampleWeights)
    let ranked = _RankedSample(labels: labels, scores: scores, weights: weights)
    try ranked.requireBothClasses(metric: "average precision")
    return _averagePrecision(ranked)
}

/// Average precision of a ranked sample with at least one positive.
/// - Complexity: O(k) for k distinct scores.
func _averagePrecision(_ ranked: _RankedSample) -> Double {
    let totalPositives = ranked.totalPositives
    var sum = _CompensatedSum()
    var previousRecall = 0.0
    for (tp, fp) in zip(ranked.truePositives, ranked.falsePositives) {
        let recall = tp / totalPositives
        let precision = tp + fp != 0 ? tp / (tp + fp) : 0
        sum.add((recall - previousRecall) * precision)
        previousRecall = recall
    }
    return max(0, sum.value)
}
