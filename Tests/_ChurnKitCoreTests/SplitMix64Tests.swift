import Testing
@testable import _ChurnKitCore

/// Reference outputs from an independent Python transcription of Vigna's splitmix64.c; see
/// Tests/TabularTests/Fixtures/make_random_fixtures.py.
@Test func splitMix64MatchesReference() {
    var g = SplitMix64(seed: 0)
    #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(g.next() == 0x06C4_5D18_8009_454F)
}

/// The finalizer is the output function: next() is mix(state + k·golden ratio), and mix(0) = 0.
@Test func theFinalizerIsTheOutputOfTheIncrementedState() {
    var g = SplitMix64(seed: 12_345)
    for k in 1...4 {
        #expect(g.next() == SplitMix64.mix(12_345 &+ UInt64(k) &* 0x9E37_79B9_7F4A_7C15))
    }
    #expect(SplitMix64.mix(0) == 0)
}
