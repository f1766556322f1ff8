// SplitMix64 (S. Vigna, splitmix64.c; G. Steele, D. Lea & C. Flood, "Fast splittable pseudorandom
// number generators", OOPSLA 2014): the seed expander of `SeededRandom` (xoshiro256**), of the
// experiment simulation's named streams and of the random forest's per-tree streams, and its
// finalizer, the 64-bit mixer `CustomerValue`'s distinct-row table hashes with. Written once.

/// SplitMix64: a 64-bit generator used to expand one seed into generator states.
///
/// Each call adds the golden-ratio increment 0x9E3779B97F4A7C15 to the state and returns the
/// state mixed by `mix(_:)`.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    @usableFromInline
    var state: UInt64

    /// Creates the generator with `seed` as its state.
    /// - Parameter seed: the initial state.
    @inlinable
    package init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    /// - Returns: the mixed state after one increment.
    /// - Complexity: O(1).
    @inlinable
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// SplitMix64's finalizer (two multiply-xorshift rounds, Stafford's "Mix13"): a bijection of
    /// 64-bit words whose output bits each depend on every input bit, usable as a hash.
    /// - Parameter value: the word to mix.
    /// - Returns: the mixed word.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    package static func mix(_ value: UInt64) -> UInt64 {
        var z = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
