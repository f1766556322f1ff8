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

/// SplitMix64: a 64-bit generator used to expand one seed into a xoshiro state.
///
/// Each call adds the golden-ratio increment 0x9E3779B97F4A7C15 to the state and mixes it.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates the generator with `seed` as its state.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256**: ChurnKit's generator for every seeded operation.
///
/// Period 2^256 - 1; its state is filled from the seed by four SplitMix64 outputs.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// Creates the generator from a 64-bit seed.
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// The next 64 random bits.
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
    public mutating func split() -> SeededRandom {
        SeededRandom(seed: next())
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

extension RandomNumberGenerator {
    /// A uniform double in [0, 1) with 53 random bits: `(next() >> 11) * 2^-53`.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` by Lemire's multiply-and-reject method (unbiased).
    /// `bound` must be positive; a non-positive bound returns 0.
    public mutating func nextIndex(below bound: Int) -> Int {
        SeededDraws.index(below: bound, using: &self)
    }

    /// An index drawn with probabilities proportional to `weights`, by inverting the cumulative
    /// weights with one uniform draw; the last index when rounding leaves the draw past the end.
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

    /// A Poisson(`mean`) deviate by Knuth's multiplication method (expected O(mean) draws, so for
    /// small means).
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
    public mutating func nextBeta(_ a: Double, _ b: Double) -> Double {
        let x = nextGamma(shape: a), y = nextGamma(shape: b)
        return x / (x + y)
    }
}

extension MutableCollection where Self: RandomAccessCollection {
    /// Shuffles in place by the Fisher-Yates algorithm, drawing from the last position down with
    /// `nextIndex(below:)`, so a seed gives the same order on every platform.
    /// - Complexity: O(n).
    public mutating func seededShuffle(using generator: inout some RandomNumberGenerator) {
        SeededDraws.shuffle(&self, using: &generator)
    }
}
