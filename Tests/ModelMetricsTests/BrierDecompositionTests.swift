import ModelMetrics
import Testing

@Test func murphyIdentityIsExactWhenEveryBinHasOnePrediction() throws {
    // Bins (uniform, 10): 0.1 x 4 rows (1 positive), 0.7 x 6 rows (5 positives).
    let scores = [0.1, 0.1, 0.1, 0.1, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7]
    let labels = [true, false, false, false, true, true, true, true, true, false]
    let d = try BrierDecomposition(labels: labels, scores: scores)
    let rate = 0.6
    let reliability = (4 * (0.1 - 0.25) * (0.1 - 0.25) + 6 * (0.7 - 5.0 / 6) * (0.7 - 5.0 / 6)) / 10
    let resolution = (4 * (0.25 - rate) * (0.25 - rate) + 6 * (5.0 / 6 - rate) * (5.0 / 6 - rate)) / 10
    #expect(abs(d.reliability - reliability) < 1e-15)
    #expect(abs(d.resolution - resolution) < 1e-15)
    #expect(abs(d.uncertainty - rate * (1 - rate)) < 1e-15)
    #expect(d.withinBinVariance < 1e-30 && abs(d.withinBinCovariance) < 1e-16)
    #expect(abs(d.brier - (d.reliability - d.resolution + d.uncertainty)) < 1e-15)
}

@Test func extendedIdentityHoldsForContinuousPredictions() throws {
    var generator = SplitMixForTests(seed: 3)
    var scores: [Double] = [], labels: [Bool] = [], weights: [Double] = []
    for _ in 0..<5_000 {
        let p = generator.unit()
        scores.append(p)
        labels.append(generator.unit() < p * p)
        weights.append(0.5 + generator.unit())
    }
    for strategy in CalibrationStrategy.allCases {
        for w in [nil, weights] {
            let d = try BrierDecomposition(labels: labels, scores: scores, binCount: 7, strategy: strategy, sampleWeights: w)
            let identity = d.reliability - d.resolution + d.uncertainty + d.withinBinVariance - 2 * d.withinBinCovariance
            #expect(abs(d.brier - identity) < 1e-12, "\(strategy): \(d.brier) vs \(identity)")
            let brier = try brierScore(labels: labels, scores: scores, sampleWeights: w)
            #expect(abs(d.brier - brier) < 1e-12)
            #expect(d.table.bins.count == 7)
        }
    }
}

/// A tiny SplitMix64 for test data (the library's generator lives in Tabular).
struct SplitMixForTests {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func unit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) * 0x1.0p-53
    }
}
