// Lift and cumulative gains by score group (deciles by default).
//
// Definition (there is no single standard, so it is fixed here): rows are ranked by descending
// score with ties kept in input order (a stable sort), and with n rows and k groups, group g
// (0-based) holds ranks floor(n g / k) ..< floor(n (g + 1) / k). Every group therefore has
// floor(n / k) or ceil(n / k) rows, and rows with tied scores that straddle a boundary are split
// by their input order. With weights, groups are still formed by row count, and every rate is a
// weighted rate. Reference: G. Linoff, M. Berry, "Data Mining Techniques", 3rd ed. (2011),
// chapter 5 (lift and cumulative gains charts).

/// One group of the lift table (group 1 holds the highest scores).
public struct LiftRow: Codable, Sendable, Equatable {
    /// 1-based group number: group 1 holds the highest scores (the top decile with 10 groups).
    public let group: Int
    /// Number of rows in the group.
    public let rows: Int
    /// Total weight of the group (equal to `rows` without weights).
    public let weight: Double
    /// Total weight of positive rows in the group.
    public let positives: Double
    /// `positives / weight`: the group's positive (churn) rate; 0 for a group of zero weight.
    public let rate: Double
    /// `rate / overall rate`: how many times richer in positives the group is than the whole.
    public let lift: Double
    /// Rows in groups 1 through this one.
    public let cumulativeRows: Int
    /// Positive weight in groups 1 through this one.
    public let cumulativePositives: Double
    /// Share of all positives captured by groups 1 through this one (the gains curve), in [0, 1].
    public let cumulativeGain: Double
    /// The positive rate of groups 1 through this one divided by the overall rate.
    public let cumulativeLift: Double
    /// Lowest score in the group.
    public let minScore: Double
    /// Highest score in the group.
    public let maxScore: Double
}

/// Lift and cumulative gains of a ranking, one row per score group.
public struct LiftTable: Codable, Sendable, Equatable {
    /// Overall positive rate (total positive weight / total weight).
    public let overallRate: Double
    /// The groups, from the highest scores (group 1) down.
    public let rows: [LiftRow]

    /// Ranks rows by score and summarises each of `groups` equal-count groups.
    /// - Parameters:
    ///   - labels: true for positives (churned).
    ///   - scores: any finite scores; higher means more likely positive.
    ///   - groups: number of groups, 10 for deciles; at least 1 and at most the number of rows.
    ///   - sampleWeights: optional non-negative weights (groups are still formed by row count).
    /// - Throws: `MetricsError` on mismatched lengths, empty input, non-finite scores, bad weights,
    ///   a group count out of range, or when there is no positive row (lift is undefined).
    /// - Complexity: O(n log n).
    public init(labels: [Bool], scores: [Double], groups: Int = 10,
                sampleWeights: [Double]? = nil) throws(MetricsError) {
        let weights = try _validate(labels: labels, scores: scores, sampleWeights: sampleWeights)
        let ranked = _RankedSample(labels: labels, scores: scores, weights: weights)
        try self.init(ranked: ranked, labels: labels, scores: scores, weights: weights, groups: groups)
    }

    /// Builds the table from an existing ranking of validated input.
    /// - Complexity: O(n).
    init(ranked: _RankedSample, labels: [Bool], scores: [Double], weights: [Double]?,
         groups: Int) throws(MetricsError) {
        let n = ranked.order.count
        guard groups >= 1, groups <= n else {
            throw .invalidArgument("the lift table needs between 1 and \(n) groups (one per row at most), got \(groups)")
        }
        guard ranked.totalPositives > 0 else {
            throw .singleClass(metric: "the lift table", presentClass: false)
        }
        var totalWeight = _CompensatedSum()
        for row in 0..<n { totalWeight.add(weights?[row] ?? 1) }
        let overallRate = ranked.totalPositives / totalWeight.value

        var rows = [LiftRow]()
        rows.reserveCapacity(groups)
        var cumulativeWeight = _CompensatedSum(), cumulativePositives = _CompensatedSum()
        for group in 0..<groups {
            let start = n * group / groups, end = n * (group + 1) / groups
            var weight = _CompensatedSum(), positives = _CompensatedSum()
            var minScore = Double.infinity, maxScore = -Double.infinity
            for position in start..<end {
                let row = ranked.order[position]
                let w = weights?[row] ?? 1
                weight.add(w)
                cumulativeWeight.add(w)
                if labels[row] {
                    positives.add(w)
                    cumulativePositives.add(w)
                }
                minScore = min(minScore, scores[row])
                maxScore = max(maxScore, scores[row])
            }
            let rate = weight.value > 0 ? positives.value / weight.value : 0
            let cumulativeRate = cumulativeWeight.value > 0 ? cumulativePositives.value / cumulativeWeight.value : 0
            rows.append(LiftRow(
                group: group + 1, rows: end - start, weight: weight.value, positives: positives.value,
                rate: rate, lift: rate / overallRate, cumulativeRows: end,
                cumulativePositives: cumulativePositives.value,
                cumulativeGain: cumulativePositives.value / ranked.totalPositives,
                cumulativeLift: cumulativeRate / overallRate, minScore: minScore, maxScore: maxScore))
        }
        self.overallRate = overallRate
        self.rows = rows
    }
}
