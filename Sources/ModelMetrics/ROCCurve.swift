// ROC curve and the area under it.
//
// Goal: the same points, thresholds and area as scikit-learn 1.9's `roc_curve` and `roc_auc_score`
// (sklearn/metrics/_ranking.py): one point per distinct score (tied scores move the curve
// diagonally), an extra first point (0, 0) at threshold +infinity, optional removal of collinear
// intermediate points by the second-difference test, and the area by the trapezoidal rule, which
// counts a tied positive/negative pair as one half (the Mann-Whitney U statistic divided by
// n_pos * n_neg). Reference: T. Fawcett, "An introduction to ROC analysis", Pattern Recognition
// Letters 27 (2006) 861-874, algorithms 1-3.

/// A receiver operating characteristic curve: false and true positive rates per score threshold.
public struct ROCCurve: Codable, Sendable, Equatable {
    /// False positive rates, increasing from 0 to 1.
    public let falsePositiveRates: [Double]
    /// True positive rates, increasing from 0 to 1.
    public let truePositiveRates: [Double]
    /// Decreasing thresholds: point `k` classifies `score >= thresholds[k]` as positive.
    /// The first is `+infinity` (nothing positive), as in scikit-learn; encoding it to JSON needs a
    /// `nonConformingFloatEncodingStrategy` such as `.convertToString`.
    public let thresholds: [Double]

    /// Computes the ROC curve like scikit-learn's `roc_curve`.
    /// - Parameters:
    ///   - labels: true for positives (churned).
    ///   - scores: any finite scores; higher means more likely positive.
    ///   - sampleWeights: optional non-negative weights; zero-weight rows are ignored.
    ///   - dropIntermediate: drop points collinear with their neighbours (scikit-learn's default).
    /// - Throws: `MetricsError` on mismatched lengths, empty input, non-finite scores, bad weights,
    ///   or when one class is absent.
    /// - Complexity: O(n log n).
    public init(labels: [Bool], scores: [Double], sampleWeights: [Double]? = nil,
                dropIntermediate: Bool = true) throws(MetricsError) {
        let weights = try _validate(labels: labels, scores: scores, sampleWeights: sampleWeights)
        let ranked = _RankedSample(labels: labels, scores: scores, weights: weights)
        try ranked.requireBothClasses(metric: "the ROC curve")
        self.init(ranked: ranked, dropIntermediate: dropIntermediate)
    }

    /// Builds the curve from a ranked sample that has both classes.
    /// - Complexity: O(k) for k distinct scores.
    init(ranked: _RankedSample, dropIntermediate: Bool) {
        var fps = ranked.falsePositives, tps = ranked.truePositives, thresholds = ranked.thresholds
        let count = fps.count
        if dropIntermediate && count > 2 {
            var keep = [Int]()
            keep.reserveCapacity(count)
            for k in 0..<count {
                if k == 0 || k == count - 1 {
                    keep.append(k)
                    continue
                }
                let fpCorner = (fps[k + 1] - fps[k]) - (fps[k] - fps[k - 1])
                let tpCorner = (tps[k + 1] - tps[k]) - (tps[k] - tps[k - 1])
                if fpCorner != 0 || tpCorner != 0 { keep.append(k) }
            }
            fps = keep.map { fps[$0] }
            tps = keep.map { tps[$0] }
            thresholds = keep.map { thresholds[$0] }
        }
        let totalNegatives = ranked.totalNegatives, totalPositives = ranked.totalPositives
        falsePositiveRates = [0] + fps.map { $0 / totalNegatives }
        truePositiveRates = [0] + tps.map { $0 / totalPositives }
        self.thresholds = [.infinity] + thresholds
    }

    /// The area under the curve by the trapezoidal rule.
    /// - Complexity: O(k) for k points.
    public var area: Double {
        let count = min(falsePositiveRates.count, truePositiveRates.count)
        guard count >= 2 else { return 0 }
        var sum = _CompensatedSum()
        for k in 1..<count {
            let width = falsePositiveRates[k] - falsePositiveRates[k - 1]
            sum.add(width * (truePositiveRates[k] + truePositiveRates[k - 1]) / 2)
        }
        return sum.value
    }
}

/// The area under the ROC curve, like scikit-learn's `roc_auc_score` for binary labels.
///
/// Ties between a positive and a negative score count one half.
/// - Parameters:
///   - labels: true for positives (churned).
///   - scores: any finite scores; higher means more likely positive.
///   - sampleWeights: optional non-negative weights.
/// - Returns: the AUC in [0, 1]; 0.5 for a random ranking, 1 for a perfect one.
/// - Throws: `MetricsError` on mismatched lengths, empty input, non-finite scores, bad weights,
///   or when one class is absent (scikit-learn returns NaN with a warning there).
/// - Complexity: O(n log n).
public func rocAUC(labels: [Bool], scores: [Double], sampleWeights: [Double]? = nil) throws(MetricsError) -> Double {
    try ROCCurve(labels: labels, scores: scores, sampleWeights: sampleWeights).area
}
