import Tabular
import Testing
@testable import Survival

@Suite struct ConcordanceIndexTests {
    /// The pairwise definition, O(n²): event i is compared with rows j of later time, or of equal
    /// time when j is censored.
    func naive(_ t: [Double], _ s: [Double], _ e: [Bool]) -> Double {
        var pairs = 0.0, score = 0.0
        for i in t.indices where e[i] {
            for j in t.indices where j != i && (t[j] > t[i] || (t[j] == t[i] && !e[j])) {
                pairs += 1
                score += s[j] > s[i] ? 1 : s[j] == s[i] ? 0.5 : 0
            }
        }
        return score / pairs
    }

    /// 200 seeded random cases with many ties in time and score (the same cases on every run).
    @Test func equalsThePairwiseDefinition() {
        var rng = SeededRandom(seed: 14)
        for _ in 0..<200 {
            let n = 2 + rng.nextIndex(below: 39)
            let t = (0..<n).map { _ in Double(1 + rng.nextIndex(below: 8)) }
            let s = (0..<n).map { _ in Double(1 + rng.nextIndex(below: 5)) }
            let e = (0..<n).map { _ in rng.nextIndex(below: 2) == 1 }
            guard e.contains(true) else { continue }
            let fast = ConcordanceIndex.harrell(durations: t, scores: s, events: e)
            let slow = naive(t, s, e)
            #expect(fast == slow || (fast.isNaN && slow.isNaN), "\(t) \(s) \(e)")
        }
    }

    @Test func perfectAndReversedOrderings() {
        #expect(ConcordanceIndex.harrell(durations: [1, 2, 3], scores: [1, 2, 3], events: [true, true, true]) == 1)
        #expect(ConcordanceIndex.harrell(durations: [1, 2, 3], scores: [3, 2, 1], events: [true, true, true]) == 0)
        #expect(ConcordanceIndex.harrell(durations: [1, 2], scores: [1, 2], events: [false, false]).isNaN)
        #expect(ConcordanceIndex.harrell(durations: [1, .nan, 3], scores: [1, 2, 3], events: [true, true, true]).isNaN)
        #expect(ConcordanceIndex.harrell(durations: [1, 2], scores: [1], events: [true, true]).isNaN)
    }
}
