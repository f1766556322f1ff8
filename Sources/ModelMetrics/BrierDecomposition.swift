// Murphy's decomposition of the Brier score over probability bins, made exact.
//
// With bins k of n_k rows, mean prediction f̄_k, observed rate ō_k, overall rate ō and N rows:
//   reliability  REL = Σ n_k (f̄_k − ō_k)² / N        (calibration error: lower is better)
//   resolution   RES = Σ n_k (ō_k − ō)² / N          (how far bins' rates spread: higher is better)
//   uncertainty  UNC = ō (1 − ō)                      (the Brier score of always predicting ō)
// Murphy's identity BS = REL − RES + UNC holds exactly only when every row of a bin has the same
// prediction. For binned continuous forecasts two more terms close it (Stephenson, Coelho and
// Jolliffe 2008):
//   within-bin variance     WBV = Σ_k Σ_{i∈k} (f_i − f̄_k)² / N
//   within-bin covariance   WBC = Σ_k Σ_{i∈k} (f_i − f̄_k)(o_i − ō_k) / N
// so that BS = REL − RES + UNC + WBV − 2 WBC, an identity the tests check to 1e-12. The bins are
// those of `CalibrationTable` (the same edges as scikit-learn's `calibration_curve`).
// References: A. H. Murphy, "A new vector partition of the probability score", J. Applied
// Meteorology 12 (1973) 595-600; D. B. Stephenson, C. A. S. Coelho, I. T. Jolliffe, "Two extra
// components in the Brier score decomposition", Weather and Forecasting 23 (2008) 752-757.

/// The Brier score split into reliability, resolution, uncertainty and the two within-bin terms.
public struct BrierDecomposition: Codable, Sendable, Equatable {
    /// The Brier score, mean (p − o)² (weighted when weights are given).
    public let brier: Double
    /// Reliability: weighted mean squared gap between each bin's mean prediction and its rate.
    public let reliability: Double
    /// Resolution: weighted mean squared gap between each bin's rate and the overall rate.
    public let resolution: Double
    /// Uncertainty: ō (1 − ō), the Brier score of the base rate.
    public let uncertainty: Double
    /// Within-bin variance of the predictions.
    public let withinBinVariance: Double
    /// Within-bin covariance of predictions and outcomes.
    public let withinBinCovariance: Double
    /// The bins the decomposition used.
    public let table: CalibrationTable

    /// Decomposes the Brier score of `scores` over the bins of a calibration table.
    /// - Parameters:
    ///   - labels: true for positives (churned).
    ///   - scores: predicted probabilities in [0, 1].
    ///   - binCount: number of bins, at least 1.
    ///   - strategy: `.uniform` or `.quantile` bins.
    ///   - sampleWeights: optional non-negative weights.
    /// - Throws: `MetricsError` as `CalibrationTable.init`.
    /// - Complexity: O(n log n) (the bins' assignment).
    public init(labels: [Bool], scores: [Double], binCount: Int = 10, strategy: CalibrationStrategy = .uniform,
                sampleWeights: [Double]? = nil) throws(MetricsError) {
        let table = try CalibrationTable(
            labels: labels, scores: scores, binCount: binCount, strategy: strategy, sampleWeights: sampleWeights)
        var total = 0.0, positives = 0.0, brier = 0.0
        for i in labels.indices {
            let w = sampleWeights?[i] ?? 1
            let o = labels[i] ? 1.0 : 0.0
            total += w
            positives += w * o
            brier += w * (scores[i] - o) * (scores[i] - o)
        }
        let rate = positives / total
        var reliability = 0.0, resolution = 0.0
        for bin in table.bins {
            reliability += bin.weight * (bin.meanPredicted - bin.observedRate) * (bin.meanPredicted - bin.observedRate)
            resolution += bin.weight * (bin.observedRate - rate) * (bin.observedRate - rate)
        }
        var variance = 0.0, covariance = 0.0
        let binOfRow = table.binIndices(of: scores)
        for i in labels.indices {
            let bin = table.bins[binOfRow[i]]
            let w = sampleWeights?[i] ?? 1
            let d = scores[i] - bin.meanPredicted
            variance += w * d * d
            covariance += w * d * ((labels[i] ? 1 : 0) - bin.observedRate)
        }
        self.brier = brier / total
        self.reliability = reliability / total
        self.resolution = resolution / total
        self.uncertainty = rate * (1 - rate)
        self.withinBinVariance = variance / total
        self.withinBinCovariance = covariance / total
        self.table = table
    }
}
