import Testing
@testable import _ChurnKitCore

/// A generator that returns scripted words, counting the draws.
private struct Scripted: RandomNumberGenerator {
    var words: [UInt64]
    var drawn = 0
    mutating func next() -> UInt64 {
        defer { drawn += 1 }
        return words[drawn]
    }
}

/// Hand-worked Lemire draws: index = high word of word × bound, a low word below
/// (2^64 − bound) mod bound rejected.
@Test func boundedIndicesAreTheHighWordOfTheProductWithRejection() {
    var generator = Scripted(words: [UInt64.max, 1 << 63, 0, UInt64.max])
    #expect(SeededDraws.index(below: 3, using: &generator) == 2)  // (2^64 − 1)·3 = 2·2^64 + (2^64 − 3)
    #expect(SeededDraws.index(below: 2, using: &generator) == 1)  // 2^63·2 = 1·2^64 + 0; threshold 0
    // 0·3 has low word 0 < (2^64 − 3) mod 3 = 1: rejected, the next word gives 2.
    #expect(SeededDraws.index(below: 3, using: &generator) == 2 && generator.drawn == 4)
    #expect(SeededDraws.index(below: 1, using: &generator) == 0 && generator.drawn == 4)  // no draw
}

/// Fisher-Yates from the last position down: words 0, max, 2^63 draw j = 0 (for i = 3), 2 (i = 2),
/// 1 (i = 1), so only positions 3 and 0 swap.
@Test func theShuffleSwapsEachLastPositionWithADrawnOne() {
    var generator = Scripted(words: [0, UInt64.max, 1 << 63])
    var values = [10, 11, 12, 13]
    SeededDraws.shuffle(&values, using: &generator)
    #expect(values == [13, 11, 12, 10] && generator.drawn == 3)
    var one = [7]
    SeededDraws.shuffle(&one, using: &generator)
    #expect(one == [7] && generator.drawn == 3)
}
