// Calibration (reliability) table: mean predicted probability versus observed rate per bin.
//
// Goal: the bins of scikit-learn 1.9's `calibration_curve` (sklearn/calibration.py), bit for bit in
// the bin edges so that a probability lying exactly on an edge falls in the same bin:
// - uniform: edges i * (1 / b) for i < b and 1 for the last, as numpy's `linspace(0, 1, b + 1)`;
// - quantile: edges are numpy's `percentile(p, linspace(0, 1, b + 1) * 100)` with its default
//   linear interpolation (Hyndman & Fan type 7, including numpy's two-sided lerp);
// a probability p falls in bin j when edge[j] < p <= edge[j + 1] (the first bin also takes p =
// edge[0]), as `searchsorted(edges[1:-1], p, side="left")`. Empty bins are left out, as
// scikit-learn does. With weights, means and rates are weighted (scikit-learn has no weights here;
// quantile edges stay unweighted). Reference: A. Niculescu-Mizil, R. Caruana, "Predicting good
// probabilities with supervised learning", ICML 2005; R. J. Hyndman, Y. Fan, "Sample quantiles in
// statistical packages", The American Statistician 50 (1996) 361-365.

/// How the calibration bins are placed.
public enum CalibrationStrategy: String, Codable, Sendable, CaseIterable {
    /// Bins of equal width on [0, 1].
    case uniform
    /// Bins holding about equally many rows (edges at quantiles of the probabilities).
    case quantile
}

/// One non-empty bin of a calibration table.
public struct CalibrationBin: Codable, Sendable, Equatable {
    /// 1-based bin number among all `binCount` bins (empty bins are skipped, so numbers may jump).
    public let bin: Int
    /// Lower edge (exclusive, except for the first bin).
    public let lowerEdge: Double
    /// Upper edge (inclusive).
    public let upperEdge: Double
    /// Number of rows in the bin.
    public let rows: Int
    /// Total weight of the bin (equal to `rows` without weights).
    public let weight: Double
    /// Mean predicted probability in the bin (scikit-learn's `prob_pred`).
    public let meanPredicted: Double
    /// Observed positive rate in the bin (scikit-learn's `prob_true`).
    public let observedRate: Double
}

/// Predicted versus observed positive rates by probability bin.
public struct CalibrationTable: Codable, Sendable, Equatable {
    /// How the bins were placed.
    public let strategy: CalibrationStrategy
    /// Number of bins requested (empty ones are not listed in `bins`).
    public let binCount: Int
    /// The non-empty bins, by increasing probability.
    public let bins: [CalibrationBin]

    /// Bins the probabilities and compares each bin's mean prediction with its observed rate.
    /// - Parameters:
    ///   - labels: true for positives (churned).
    ///   - scores: predicted probabilities of the positive class, in [0, 1].
    ///   - binCount: number of bins, at least 1 (scikit-learn's `n_bins`, default 5 there).
    ///   - strategy: `.uniform` (equal widths) or `.quantile` (equal counts).
    ///   - sampleWeights: optional non-negative weights.
    /// - Throws: `MetricsError` on mismatched lengths, empty input, non-finite scores, bad weights,
    ///   a score outside [0, 1], or a bin count below 1.
    /// - Complexity: O(n log b) for uniform bins, O(n log n) for quantile bins (a sort).
    public init(labels: [Bool], scores: [Double], binCount: Int = 10,
                strategy: CalibrationStrategy = .uniform, sampleWeights: [Double]? = nil) throws(MetricsError) {
        let weights = try _validate(labels: labels, scores: scores, sampleWeights: sampleWeights)
        try _validateProbabilities(scores, metric: "the calibration table")
        guard binCount >= 1 else {
            throw .invalidArgument("the calibration table needs at least 1 bin, got \(binCount)")
        }
        let step = 1.0 / Double(binCount)
        let fractions = (0...binCount).map { $0 == binCount ? 1.0 : Double($0) * step }
        let edges: [Double]
        switch strategy {
        case .uniform:
            edges = fractions
        case .quantile:
            let sorted = scores.sorted()
            edges = fractions.map { Self.percentile(sorted, fraction: $0 * 100 / 100) }
        }

        var rows = [Int](repeating: 0, count: binCount)
        var weightSums = [_CompensatedSum](repeating: _CompensatedSum(), count: binCount)
        var predictedSums = weightSums, positiveSums = weightSums
        for row in labels.indices {
            let bin = Self.firstIndex(notBelow: scores[row], in: edges[1..<binCount])
            let weight = weights?[row] ?? 1
            rows[bin] += 1
            weightSums[bin].add(weight)
            predictedSums[bin].add(weight * scores[row])
            if labels[row] { positiveSums[bin].add(weight) }
        }
        self.strategy = strategy
        self.binCount = binCount
        bins = (0..<binCount).compactMap { bin in
            let weight = weightSums[bin].value
            guard rows[bin] > 0, weight > 0 else { return nil }
            return CalibrationBin(
                bin: bin + 1, lowerEdge: edges[bin], upperEdge: edges[bin + 1], rows: rows[bin],
                weight: weight, meanPredicted: predictedSums[bin].value / weight,
                observedRate: positiveSums[bin].value / weight)
        }
    }

    /// The position in `bins` of each score's bin, for scores of the rows the table was built from:
    /// the first listed bin whose upper edge is at least the score (empty bins hold no row, so the
    /// row's own bin is the first such listed bin).
    /// - Complexity: O(n log b).
    func binIndices(of scores: [Double]) -> [Int] {
        let upper = bins.map(\.upperEdge)
        return scores.map { min(Self.firstIndex(notBelow: $0, in: upper[...]), bins.count - 1) }
    }

    /// numpy's default (linear, type 7) percentile of sorted values at `fraction` in [0, 1].
    /// - Complexity: O(1).
    static func percentile(_ sorted: [Double], fraction: Double) -> Double {
        let virtualIndex = Double(sorted.count - 1) * fraction
        guard virtualIndex < Double(sorted.count - 1) else { return sorted[sorted.count - 1] }
        let below = virtualIndex.rounded(.down)
        let gamma = virtualIndex - below
        let a = sorted[Int(below)], b = sorted[Int(below) + 1]
        let difference = b - a
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }

    /// The number of `edges` strictly below `value` (numpy's `searchsorted(side="left")`).
    /// - Complexity: O(log b).
    static func firstIndex(notBelow value: Double, in edges: ArraySlice<Double>) -> Int {
        var low = edges.startIndex, high = edges.endIndex
        while low < high {
            let middle = (low + high) / 2
            if edges[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low - edges.startIndex
    }
}
