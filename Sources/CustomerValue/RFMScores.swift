// RFM scores and segments at a cut-off date.
//
// Recency = days from the last purchase to the cut-off (fewer is better), frequency = purchase
// occasions (same-day purchases merged), monetary = total spend, all in the calibration period.
// Each is scored 1-5 by quintile of its rank: score = ⌈5 · rank / n⌉ with rank the lowest rank of
// the value's tie group, 1 + (customers whose value is below v), as pandas' rank(method="min")
// (recency scored on its negative, so recent = 5). Tied values share a score, the score of the
// first of them, so a heavily tied bottom (most customers buy once) scores 1 rather than the
// middle score a highest-rank rule gives it; equal customers are never split arbitrarily.
// Segments from the R and F scores (a common marketing grid):
//   champions R ≥ 4, F ≥ 4 · loyal R ≤ 3, F ≥ 4 · potential loyalists R ≥ 4, F 2-3 ·
//   new R ≥ 4, F = 1 · at risk R ≤ 2, F = 3 · hibernating R ≤ 2, F ≤ 2 · needs attention R = 3, F ≤ 3.

/// A customer's RFM values, scores and segment.
public struct RFMScore: Sendable, Codable, Equatable {
    /// The customer id.
    public var id: String
    /// Days from the last purchase to the cut-off.
    public var recencyDays: Int
    /// Purchase occasions up to the cut-off.
    public var frequency: Int
    /// Total spend up to the cut-off.
    public var monetary: Double
    /// Recency score 1-5 (5 = most recent).
    public var recencyScore: Int
    /// Frequency score 1-5 (5 = most frequent).
    public var frequencyScore: Int
    /// Monetary score 1-5 (5 = highest spend).
    public var monetaryScore: Int
    /// The segment name.
    public var segment: String

    /// The three scores as one code, e.g. "545".
    public var code: String { "\(recencyScore)\(frequencyScore)\(monetaryScore)" }
}

/// RFM scoring.
public enum RFMScoring {
    /// Scores every customer of a table at its calibration end.
    /// - Parameter summary: The customer table (its calibration end is the cut-off).
    /// - Returns: One score per customer, in the table's order.
    /// - Complexity: O(n log n).
    public static func scores(_ summary: CustomerSummary) -> [RFMScore] {
        let customers = summary.customers
        let recency = customers.map { Double(summary.calibrationEnd.dayNumber - $0.lastPurchase.dayNumber) }
        let frequency = customers.map { Double($0.frequency + 1) }
        let monetary = customers.map(\.totalSpend)
        let r = quintiles(recency.map { -$0 }), f = quintiles(frequency), m = quintiles(monetary)
        return customers.indices.map { i in
            RFMScore(
                id: customers[i].id, recencyDays: Int(recency[i]), frequency: customers[i].frequency + 1,
                monetary: monetary[i], recencyScore: r[i], frequencyScore: f[i], monetaryScore: m[i],
                segment: segment(recency: r[i], frequency: f[i]))
        }
    }

    /// Quintile scores ⌈5 · rank / n⌉, rank the lowest rank of the tie group (pandas'
    /// `rank(method="min")`), so tied values share the score of the first of them.
    /// - Parameter values: The values (finite).
    /// - Returns: Scores 1-5 in the input order.
    /// - Complexity: O(n log n).
    public static func quintiles(_ values: [Double]) -> [Int] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var scores = [Int](repeating: 1, count: values.count)
        let n = Double(values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let share = Double(start + 1) / n
            let score = min(5, max(1, Int((5 * share - 1e-9).rounded(.up))))
            for k in start...end { scores[order[k]] = score }
            start = end + 1
        }
        return scores
    }

    /// The segment of a recency and frequency score (the grid in the file header).
    /// - Parameters:
    ///   - recency: The recency score 1-5.
    ///   - frequency: The frequency score 1-5.
    /// - Returns: The segment name.
    public static func segment(recency: Int, frequency: Int) -> String {
        switch (recency, frequency) {
        case (4..., 4...): return "champions"
        case (_, 4...): return "loyal"
        case (4..., 2...3): return "potential loyalists"
        case (4..., _): return "new"
        case (...2, 3): return "at risk"
        case (...2, _): return "hibernating"
        default: return "needs attention"
        }
    }
}
