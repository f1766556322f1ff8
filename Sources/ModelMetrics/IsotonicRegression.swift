// Isotonic regression of a binary outcome on a score, for probability calibration.
//
// Goals: the fitted step function of scikit-learn 1.9's `IsotonicRegression(out_of_bounds="clip")`
// (sklearn/isotonic.py), so that calibrated probabilities agree to 1e-12:
// - rows are ordered by score, then by outcome; scores closer than 1e-15 to the first score of
//   their run are one point (numpy's float64 `resolution`), whose target is the weighted mean of its
//   outcomes and whose weight is their total weight; zero-weight rows are left out;
// - the pool-adjacent-violators algorithm (Ayer et al. 1955; Barlow et al. 1972) gives the
//   non-decreasing fit minimizing the weighted squared error; adjacent violators are merged into
//   blocks whose value is their weighted mean, with a stack so that every point is merged at most
//   once (O(n) after the sort);
// - interior points whose fitted value equals both neighbours' are dropped (they change nothing);
// - prediction clips the score to the fitted range and interpolates linearly between thresholds.
// Reference: B. Zadrozny, C. Elkan, "Transforming classifier scores into accurate multiclass
// probability estimates", KDD 2002.

/// A fitted non-decreasing step-and-ramp function from scores to probabilities.
///
/// Immutable, `Codable` and `Sendable`; applying it is O(log t) per score for t thresholds.
public struct IsotonicRegressionModel: Codable, Sendable, Equatable {
    /// Increasing scores at which the fitted function is known.
    public let thresholds: [Double]
    /// The fitted values at `thresholds` (non-decreasing, in [0, 1] for 0/1 outcomes).
    public let values: [Double]

    /// Creates a model from its thresholds and values.
    /// - Throws: `MetricsError.invalidArgument` when the arrays are empty, of different lengths,
    ///   not finite, thresholds not strictly increasing, or values decreasing.
    public init(thresholds: [Double], values: [Double]) throws(MetricsError) {
        guard !thresholds.isEmpty, thresholds.count == values.count else {
            throw .invalidArgument(
                "an isotonic calibrator needs as many values as thresholds (at least one), not \(thresholds.count) and \(values.count)")
        }
        for i in thresholds.indices {
            guard thresholds[i].isFinite, values[i].isFinite else {
                throw .invalidArgument("isotonic calibrator point \(i) is not finite (\(thresholds[i]), \(values[i]))")
            }
            if i > 0 {
                guard thresholds[i] > thresholds[i - 1] else {
                    throw .invalidArgument("isotonic calibrator thresholds must increase, but point \(i) is \(thresholds[i]) after \(thresholds[i - 1])")
                }
                guard values[i] >= values[i - 1] else {
                    throw .invalidArgument("isotonic calibrator values must not decrease, but point \(i) is \(values[i]) after \(values[i - 1])")
                }
            }
        }
        self.thresholds = thresholds
        self.values = values
    }

    private enum CodingKeys: String, CodingKey { case thresholds, values }

    /// Decodes and validates a model (see `init(thresholds:values:)`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            thresholds: try container.decode([Double].self, forKey: .thresholds),
            values: try container.decode([Double].self, forKey: .values))
    }

    /// The fitted value at `score`: clipped to the fitted range, linear between thresholds.
    /// A NaN score gives NaN.
    /// - Complexity: O(log t).
    public func callAsFunction(_ score: Double) -> Double {
        guard !score.isNaN else { return .nan }
        if score <= thresholds[0] { return values[0] }
        if score >= thresholds[thresholds.count - 1] { return values[values.count - 1] }
        // First threshold >= score (there is one, and it is not the first).
        var low = 0, high = thresholds.count - 1
        while low < high {
            let mid = (low + high) / 2
            if thresholds[mid] < score { low = mid + 1 } else { high = mid }
        }
        let x0 = thresholds[low - 1], x1 = thresholds[low]
        let y0 = values[low - 1], y1 = values[low]
        return (y1 - y0) / (x1 - x0) * (score - x0) + y0
    }
}

/// The isotonic (non-decreasing) regression of 0/1 outcomes on scores: a calibration method that
/// assumes only that a higher score never means a lower churn probability.
public struct IsotonicRegression: Sendable {
    /// Creates the trainer (it has no hyperparameters).
    public init() {}

    /// Fits the non-decreasing function of `scores` closest to `labels` in weighted squared error.
    /// - Parameters:
    ///   - scores: the uncalibrated scores (logits or probabilities), finite.
    ///   - labels: true for churned.
    ///   - sampleWeights: optional non-negative weights; zero-weight rows are left out.
    /// - Returns: the fitted model.
    /// - Throws: `MetricsError` on mismatched lengths, empty input, non-finite scores or bad weights.
    /// - Complexity: O(n log n) for the sort, O(n) for the fit.
    public func fit(scores: [Double], labels: [Bool], sampleWeights: [Double]? = nil) throws(MetricsError)
        -> IsotonicRegressionModel
    {
        let weights = try _validate(labels: labels, scores: scores, sampleWeights: sampleWeights)
        var order = Array(scores.indices)
        if let weights { order.removeAll { weights[$0] <= 0 } }
        order.sort { a, b in
            scores[a] != scores[b] ? scores[a] < scores[b] : (!labels[a] && labels[b])
        }
        // Points: runs of scores within numpy's float64 resolution of their first score.
        let resolution = 1e-15
        var xs: [Double] = [], ys: [Double] = [], ws: [Double] = []
        var runStart = scores[order[0]], sumWY = 0.0, sumW = 0.0
        for row in order {
            let w = weights?[row] ?? 1
            if scores[row] - runStart >= resolution {
                xs.append(runStart); ys.append(sumWY / sumW); ws.append(sumW)
                runStart = scores[row]; sumWY = 0; sumW = 0
            }
            sumWY += labels[row] ? w : 0
            sumW += w
        }
        xs.append(runStart); ys.append(sumWY / sumW); ws.append(sumW)

        let fitted = Self.poolAdjacentViolators(ys, weights: ws)
        var keptX: [Double] = [], keptY: [Double] = []
        for i in fitted.indices {
            let interior = i > 0 && i < fitted.count - 1
            if interior && fitted[i] == fitted[i - 1] && fitted[i] == fitted[i + 1] { continue }
            keptX.append(xs[i]); keptY.append(fitted[i])
        }
        return try IsotonicRegressionModel(thresholds: keptX, values: keptY)
    }

    /// The non-decreasing sequence closest to `y` in weighted squared error (positive weights).
    /// - Complexity: O(n): each point joins a block once and blocks merge at most n - 1 times.
    static func poolAdjacentViolators(_ y: [Double], weights: [Double]) -> [Double] {
        // Blocks on a stack: weighted sum, weight, and how many points each covers.
        var sums: [Double] = [], totals: [Double] = [], counts: [Int] = []
        for i in y.indices {
            var sum = weights[i] * y[i], total = weights[i], count = 1
            while let last = totals.last, sums[sums.count - 1] / last >= sum / total {
                sum += sums.removeLast()
                total += totals.removeLast()
                count += counts.removeLast()
            }
            sums.append(sum); totals.append(total); counts.append(count)
        }
        var result: [Double] = []
        result.reserveCapacity(y.count)
        for b in sums.indices {
            result.append(contentsOf: repeatElement(sums[b] / totals[b], count: counts[b]))
        }
        return result
    }
}
