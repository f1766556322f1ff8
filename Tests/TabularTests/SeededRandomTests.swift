import Testing
import _ChurnKitCore
@testable import Tabular

/// Reference outputs from an independent Python transcription of the published algorithms
/// (Vigna's splitmix64.c and xoshiro256starstar.c); see Fixtures/make_random_fixtures.py.
/// A named stream is the generator seeded with the first SplitMix64 output of (seed XOR tag); tag 0
/// is not the plain seed's stream (that one is seeded with four outputs of SplitMix64(seed)).
@Test func streamsAreSeededByTheFirstSplitMixOutputOfTheSeedXorTheTag() {
    for (seed, tag) in [(0, 0), (42, 0x68_69_73_74_6F_72_79), (UInt64.max, 0x74_65_6E_75_72_65)] as [(UInt64, UInt64)] {
        var mixer = SplitMix64(seed: seed ^ tag)
        var expected = SeededRandom(seed: mixer.next())
        var stream = SeededRandom(seed: seed, stream: tag)
        #expect((0..<8).map { _ in stream.next() } == (0..<8).map { _ in expected.next() })
    }
    var plain = SeededRandom(seed: 42), tagged = SeededRandom(seed: 42, stream: 0)
    #expect(plain.next() != tagged.next())
}

@Test func xoshiroMatchesReference() {
    var g = SeededRandom(seed: 42)
    let got = (0..<4).map { _ in g.next() }
    #expect(got == RandomFixtures.xoshiroSeed42)
}

@Test func boundedIntegersAreInRangeAndUniform() {
    var g = SeededRandom(seed: 7)
    var counts = [Int](repeating: 0, count: 6)
    for _ in 0..<60_000 { counts[g.nextIndex(below: 6)] += 1 }
    // Each count is Binomial(60000, 1/6): mean 10000, sd 91; 5 sd bounds.
    #expect(counts.allSatisfy { abs($0 - 10_000) < 460 })
}

@Test func unitDoublesAndGaussiansHaveTheRightMoments() {
    var g = SeededRandom(seed: 11)
    let n = 100_000
    var sum = 0.0, sumSq = 0.0, gaussianSum = 0.0, gaussianSq = 0.0
    for _ in 0..<n {
        let u = g.nextUnitDouble()
        #expect(u >= 0 && u < 1)
        sum += u; sumSq += u * u
        let z = g.nextGaussian()
        gaussianSum += z; gaussianSq += z * z
    }
    // Uniform: mean 1/2 (sd 0.0009), E[u^2] = 1/3; normal: mean 0 (sd 0.0032), variance 1.
    #expect(abs(sum / Double(n) - 0.5) < 0.005)
    #expect(abs(sumSq / Double(n) - 1.0 / 3) < 0.005)
    #expect(abs(gaussianSum / Double(n)) < 0.016)
    #expect(abs(gaussianSq / Double(n) - 1) < 0.02)
}

@Test func shuffleIsAReproduciblePermutation() {
    var a = Array(0..<100), b = Array(0..<100)
    var g1 = SeededRandom(seed: 3), g2 = SeededRandom(seed: 3)
    g1.shuffle(&a)
    g2.shuffle(&b)
    #expect(a == b)
    #expect(a != Array(0..<100))
    #expect(a.sorted() == Array(0..<100))
}

/// Printed by Fixtures/make_random_fixtures.py.
enum RandomFixtures {
    static let xoshiroSeed42: [UInt64] = [
        0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1,
    ]
}

@Test func weightedIndicesAndPoissonDrawsHaveTheRightMeans() {
    var g = SeededRandom(seed: 21)
    let n = 60_000
    var counts = [0, 0, 0]
    var poissonSum = 0
    for _ in 0..<n {
        counts[g.nextIndex(weights: [0.5, 0.3, 0.2])] += 1
        poissonSum += g.nextPoisson(mean: 1.5)
    }
    // Binomial counts: sd ≈ sqrt(n p (1-p)) ≤ 123; 5 sd bounds. Poisson mean: sd of the mean 0.005.
    #expect(abs(counts[0] - 30_000) < 620 && abs(counts[1] - 18_000) < 570 && abs(counts[2] - 12_000) < 500)
    #expect(abs(Double(poissonSum) / Double(n) - 1.5) < 0.025)
    #expect(g.nextIndex(weights: []) == 0)
}

@Test func gammaAndBetaDeviatesHaveTheirMoments() {
    var g = SeededRandom(seed: 13)
    let n = 200_000
    // Gamma(k): mean k, variance k; shapes below 1 take the U^(1/k) boost.
    for shape in [0.243, 0.793, 2.5, 9.0] {
        var sum = 0.0, sumSq = 0.0
        for _ in 0..<n {
            let x = g.nextGamma(shape: shape)
            sum += x; sumSq += x * x
        }
        let mean = sum / Double(n), variance = sumSq / Double(n) - mean * mean
        // The sample mean's sd is sqrt(k / n); 5 sd bounds. The variance within 3%.
        #expect(abs(mean - shape) < 5 * (shape / Double(n)).squareRoot(), "shape \(shape): mean \(mean)")
        #expect(abs(variance / shape - 1) < 0.03, "shape \(shape): variance \(variance)")
    }
    // Beta(0.793, 2.426): mean a / (a + b) = 0.24635, variance ab / ((a+b)^2 (a+b+1)) = 0.04416.
    var sum = 0.0, sumSq = 0.0
    for _ in 0..<n {
        let x = g.nextBeta(0.793, 2.426)
        #expect(x >= 0 && x <= 1)
        sum += x; sumSq += x * x
    }
    let mean = sum / Double(n)
    #expect(abs(mean - 0.246350) < 5 * (0.04416 / Double(n)).squareRoot())
    #expect(abs((sumSq / Double(n) - mean * mean) / 0.04416 - 1) < 0.03)
    #expect(g.nextGamma(shape: 0).isNaN && g.nextGamma(shape: .infinity).isNaN && g.nextBeta(-1, 2).isNaN)
}
