// Seeded, portable random numbers.
//
// Goals: a seed gives the same stream on every machine and Swift version, so splits, k-means
// restarts, experiment assignments and simulations are reproducible. The standard library's
// `shuffle(using:)` and `random(in:using:)` do not promise a fixed algorithm, so ChurnKit draws
// bounded integers, shuffles and normal deviates with the documented algorithms below.
//
// References: S. Vigna, "Further scramblings of Marsaglia's xorshift generators" and
// D. Blackman & S. Vigna, "Scrambled linear pseudorandom number generators" (2021), for
// SplitMix64 and xoshiro256**; D. Lemire, "Fast random integer generation in an interval"
// (ACM TOMACS, 2019), for bounded integers (drawn by `_ChurnKitCore`'s `SeededDraws`, as every
// module's shuffle is); Box & Muller (1958) for normal deviates; G. Marsaglia & W. W. Tsang, "A
// simple method for generating gamma variables" (ACM TOMS 26(3), 2000), for gamma deviates.

import _ChurnKitCore

/// xoshiro256**: ChurnKit's generator for every seeded operation, and its draws.
///
/// Period 2^256 - 1; its state is filled from the seed by four SplitMix64 outputs. The draws
/// (uniform doubles, bounded and weighted indices, shuffles, normal, Poisson, gamma and beta
/// deviates) are its methods, with documented algorithms, so a seed gives the same values on
/// every machine and Swift version. APIs that take any generator (`using:`) draw through the same
/// algorithms.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// Creates the generator from a 64-bit seed.
    /// - Parameter seed: the seed; its four SplitMix64 outputs are the state.
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// The generator of a named stream of `seed`: seeded with the first SplitMix64 output of
    /// (`seed` XOR `stream`), so streams with distinct tags are unrelated for practical purposes
    /// and adding a stream leaves the others' draws unchanged (the experiment simulation's
    /// "history", "outcomes" and "tenure" streams, tagged by their names in ASCII).
    /// - Parameters:
    ///   - seed: the user's seed.
    ///   - stream: the stream's tag.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ stream)
        self.init(seed: mixer.next())
    }

    /// The next 64 random bits.
    /// - Returns: the next output of xoshiro256**.
    /// - Complexity: O(1).
    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    /// A new generator whose stream is independent of this one's for practical purposes, seeded
    /// from the next output. Use it to give each parallel task or repetition its own stream.
    /// - Returns: the new generator.
    public mutating func split() -> SeededRandom {
        SeededRandom(seed: next())
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

extension SeededRandom {
    /// A uniform double in [0, 1) with 53 random bits: `(next() >> 11) * 2^-53`.
    /// - Returns: the draw.
    /// - Complexity: O(1).
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` by Lemire's multiply-and-reject method (unbiased).
    /// - Parameter bound: the exclusive upper bound; a bound below 2 returns 0 without a draw.
    /// - Returns: the draw.
    /// - Complexity: O(1) expected.
    public mutating func nextIndex(below bound: Int) -> Int {
        SeededDraws.index(below: bound, using: &self)
    }

    /// An index drawn with probabilities proportional to `weights`, by inverting the cumulative
    /// weights with one uniform draw; the last index when rounding leaves the draw past the end.
    /// - Parameter weights: non-negative weights summing to 1.
    /// - Returns: the index (0 for no weights).
    /// - Complexity: O(weights.count).
    public mutating func nextIndex(weights: [Double]) -> Int {
        let u = nextUnitDouble()
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() {
            cumulative += weight
            if u < cumulative { return index }
        }
        return max(weights.count - 1, 0)
    }

    /// Shuffles `elements` in place by Fisher-Yates, drawing with `nextIndex(below:)` from the last
    /// position down, so a seed gives the same order on every platform.
    /// - Parameter elements: the collection to shuffle.
    /// - Complexity: O(n).
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ elements: inout C) {
        SeededDraws.shuffle(&elements, using: &self)
    }

    /// A Poisson(`mean`) deviate by Knuth's multiplication method (expected O(mean) draws, so for
    /// small means).
    /// - Parameter mean: the mean, non-negative.
    /// - Returns: the draw.
    /// - Complexity: O(mean) expected.
    public mutating func nextPoisson(mean: Double) -> Int {
        let limit = _exp(-mean)
        var k = 0
        var product = nextUnitDouble()
        while product > limit {
            k += 1
            product *= nextUnitDouble()
        }
        return k
    }

    /// A standard normal deviate by the Box-Muller transform (one of the pair is used).
    /// - Returns: the draw.
    /// - Complexity: O(1) expected.
    public mutating func nextGaussian() -> Double {
        var u1 = nextUnitDouble()
        while u1 == 0 { u1 = nextUnitDouble() }
        let u2 = nextUnitDouble()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }

    /// A Gamma(`shape`, scale 1) deviate by Marsaglia and Tsang's squeeze method (on average
    /// about 1.03 normal and uniform pairs per draw); a shape below 1 draws Gamma(shape + 1) and
    /// multiplies it by U^(1/shape). Multiply by a scale, or divide by a rate, for other gammas.
    /// - Parameter shape: positive and finite; any other value returns NaN.
    /// - Returns: the draw.
    /// - Complexity: O(1) expected.
    public mutating func nextGamma(shape: Double) -> Double {
        guard shape > 0, shape.isFinite else { return .nan }
        if shape < 1 {
            var u = nextUnitDouble()
            while u == 0 { u = nextUnitDouble() }
            return nextGamma(shape: shape + 1) * _exp(_log(u) / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            let x = nextGaussian()
            let w = 1 + c * x
            guard w > 0 else { continue }
            let v = w * w * w
            let u = nextUnitDouble()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if u > 0, _log(u) < 0.5 * x * x + d * (1 - v + _log(v)) { return d * v }
        }
    }

    /// A Beta(`a`, `b`) deviate as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b); NaN unless both
    /// shapes are positive and finite.
    /// - Parameters:
    ///   - a: the first shape.
    ///   - b: the second shape.
    /// - Returns: the draw.
    /// - Complexity: O(1) expected.
    public mutating func nextBeta(_ a: Double, _ b: Double) -> Double {
        let x = nextGamma(shape: a), y = nextGamma(shape: b)
        return x / (x + y)
    }
}
