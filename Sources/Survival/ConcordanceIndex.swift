// Harrell's concordance index, with lifelines' (0.30) rules for censoring and ties.
//
// A row that ends in an event at time t is compared with every event row of a strictly earlier
// time; a censored row at time c with every event row of time ≤ c. A comparison is correct when
// the row that lived longer has the higher score (scores are predicted survival, e.g. −Xβ), and
// counts one half when the scores are equal: C = (correct + ½·tied) / comparisons.
// Rows are swept by time with a Fenwick tree over the distinct event-row scores: O(n log n).
// Each row's rank among those scores comes from one (radix) sort of the scores rather than a
// binary search per row, and the sweep follows the order of (time, event) the Cox fit sorts once.
// Reference: F. E. Harrell, K. L. Lee and D. B. Mark, Statistics in Medicine 15 (1996).

/// Harrell's concordance index.
public enum ConcordanceIndex {
    /// The concordance of scores with observed durations.
    /// - Parameters:
    ///   - durations: Observed times.
    ///   - scores: Predicted survival (higher = expected to live longer).
    ///   - events: Whether each time is an event.
    /// - Returns: C in [0, 1]; NaN when no pair is comparable, the arrays differ in length or a
    ///   duration is NaN.
    /// - Complexity: O(n log n).
    public static func harrell(durations: [Double], scores: [Double], events: [Bool]) -> Double {
        guard durations.count == scores.count, scores.count == events.count, !durations.contains(where: \.isNaN) else { return .nan }
        return _harrell(scores: scores, events: events, durations: durations, order: _survivalOrder(durations: durations, events: events))
    }

    /// `harrell` with the rows already in `_survivalOrder` (the Cox fit shares its sort).
    static func _harrell(scores: [Double], events: [Bool], durations: [Double], order: [Int]) -> Double {
        let n = scores.count
        // Every row's number of distinct event scores below its own (`below`), and whether its
        // score is one of them, from one sort of all scores (total order of the bit patterns).
        let keys = scores.map(_orderKey)
        let byScore = _stableOrder(keys: keys, startingFrom: Array(0..<n))
        var below = [Int](repeating: 0, count: n), isLevel = [Bool](repeating: false, count: n)
        var levels = 0, start = 0
        while start < n {
            var end = start + 1
            while end < n, keys[byScore[end]] == keys[byScore[start]] { end += 1 }
            let level = byScore[start..<end].contains { events[$0] }
            for row in byScore[start..<end] {
                below[row] = levels
                isLevel[row] = level
            }
            if level { levels += 1 }
            start = end
        }
        // A Fenwick tree of the event rows inserted so far, by level, and their count per level,
        // read and written through buffer pointers (no captured-variable access in the sweep).
        var tree = [Int](repeating: 0, count: levels + 1), atLevel = [Int](repeating: 0, count: levels)
        var pairs = 0.0, correct = 0.0, tied = 0.0
        tree.withUnsafeMutableBufferPointer { tree in
            atLevel.withUnsafeMutableBufferPointer { atLevel in
                below.withUnsafeBufferPointer { below in
                    isLevel.withUnsafeBufferPointer { isLevel in
                        order.withUnsafeBufferPointer { order in
                            var inserted = 0
                            // Compares the rows order[range] with the event rows inserted so far.
                            func handle(_ range: Range<Int>) {
                                pairs += Double(inserted * range.count)
                                for k in range {
                                    let row = order[k], level = below[row]
                                    var i = level, total = 0
                                    while i > 0 { total += tree[i]; i -= i & -i }
                                    correct += Double(total)
                                    if isLevel[row] { tied += Double(atLevel[level]) }
                                }
                            }
                            // `order` holds each time's censored rows before its events. A time's events
                            // are compared with the events of earlier times, then join the tree; its
                            // censored rows are compared with the events of earlier and equal times.
                            var k = 0
                            while k < n {
                                let time = durations[order[k]]
                                var firstEvent = k
                                while firstEvent < n, durations[order[firstEvent]] == time, !events[order[firstEvent]] { firstEvent += 1 }
                                var end = firstEvent
                                while end < n, durations[order[end]] == time { end += 1 }
                                handle(firstEvent..<end)
                                for e in firstEvent..<end {
                                    let level = below[order[e]]
                                    var i = level + 1
                                    while i < tree.count { tree[i] += 1; i += i & -i }
                                    atLevel[level] += 1
                                    inserted += 1
                                }
                                handle(k..<firstEvent)
                                k = end
                            }
                        }
                    }
                }
            }
        }
        return pairs > 0 ? (correct + 0.5 * tied) / pairs : .nan
    }
}
