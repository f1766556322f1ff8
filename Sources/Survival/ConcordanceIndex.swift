// Harrell's concordance index, with lifelines' (0.30) rules for censoring and ties.
//
// A row that ends in an event at time t is compared with every event row of a strictly earlier
// time; a censored row at time c with every event row of time ≤ c. A comparison is correct when
// the row that lived longer has the higher score (scores are predicted survival, e.g. −Xβ), and
// counts one half when the scores are equal: C = (correct + ½·tied) / comparisons.
// Rows are swept by time with a Fenwick tree over the distinct event-row scores: O(n log n).
// Reference: F. E. Harrell, K. L. Lee and D. B. Mark, Statistics in Medicine 15 (1996).

/// Harrell's concordance index.
public enum ConcordanceIndex {
    /// The concordance of scores with observed durations.
    /// - Parameters:
    ///   - durations: Observed times.
    ///   - scores: Predicted survival (higher = expected to live longer).
    ///   - events: Whether each time is an event.
    /// - Returns: C in [0, 1]; NaN when no pair is comparable.
    /// - Complexity: O(n log n).
    public static func harrell(durations: [Double], scores: [Double], events: [Bool]) -> Double {
        let died = durations.indices.filter { events[$0] }.sorted { durations[$0] < durations[$1] }
        let censored = durations.indices.filter { !events[$0] }.sorted { durations[$0] < durations[$1] }
        let levels = Array(Set(died.map { scores[$0] })).sorted()
        var tree = [Int](repeating: 0, count: levels.count + 1)
        var inserted = 0
        func position(_ score: Double) -> Int {  // the number of levels < score
            var lo = 0, hi = levels.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if levels[mid] < score { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        func prefix(_ count: Int) -> Int {  // inserted scores among the first `count` levels
            var i = count, total = 0
            while i > 0 { total += tree[i]; i -= i & -i }
            return total
        }
        var pairs = 0.0, correct = 0.0, tied = 0.0
        func handle(_ rows: ArraySlice<Int>) {
            pairs += Double(inserted * rows.count)
            for row in rows {
                let below = position(scores[row])
                correct += Double(prefix(below))
                if below < levels.count, levels[below] == scores[row] {
                    tied += Double(prefix(below + 1) - prefix(below))
                }
            }
        }
        var d = 0, c = 0
        while d < died.count || c < censored.count {
            if c < censored.count, d == died.count || durations[died[d]] > durations[censored[c]] {
                var end = c
                while end < censored.count, durations[censored[end]] == durations[censored[c]] { end += 1 }
                handle(censored[c..<end])
                c = end
            } else {
                var end = d
                while end < died.count, durations[died[end]] == durations[died[d]] { end += 1 }
                handle(died[d..<end])
                for row in died[d..<end] {
                    var i = position(scores[row]) + 1
                    while i < tree.count { tree[i] += 1; i += i & -i }
                    inserted += 1
                }
                d = end
            }
        }
        return pairs > 0 ? (correct + 0.5 * tied) / pairs : .nan
    }
}
