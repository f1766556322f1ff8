import ModelMetrics
import Testing

@Test func poolAdjacentViolatorsByHand() throws {
    // Outcomes 0 1 0 1 1 0 at scores 1...6: PAV pools (1, 0) -> 0.5 and (1, 1, 0) -> 2/3.
    let model = try IsotonicRegression().fit(
        scores: [1, 2, 3, 4, 5, 6], labels: [false, true, false, true, true, false])
    #expect(model.thresholds == [1, 2, 3, 4, 6])  // 5 sits inside a flat run and is dropped
    #expect(model.values.count == 5)
    for (a, b) in zip(model.values, [0, 0.5, 0.5, 2.0 / 3, 2.0 / 3]) { #expect(abs(a - b) < 1e-15) }
    #expect(abs(model(1.5) - 0.25) < 1e-15)  // linear between (1, 0) and (2, 0.5)
    #expect(abs(model(4.5) - 2.0 / 3) < 1e-15)
    #expect(model(-10) == 0)  // clipped to the fitted range
    #expect(abs(model(10) - 2.0 / 3) < 1e-15)
    #expect(model(.nan).isNaN)
}

@Test func tiedScoresBecomeOnePointWithTheirMeanOutcome() throws {
    // x = 1 holds outcomes 1 and 0 (mean 0.5, weight 2); with x = 2 (0) it pools to 1/3.
    let model = try IsotonicRegression().fit(scores: [1, 3, 1, 2], labels: [true, true, false, false])
    #expect(model.thresholds == [1, 2, 3])
    for (a, b) in zip(model.values, [1.0 / 3, 1.0 / 3, 1]) { #expect(abs(a - b) < 1e-15) }
    #expect(abs(model(2.5) - 2.0 / 3) < 1e-15)
}

@Test func weightsCountAsRepeatedRowsAndZeroWeightsAreDropped() throws {
    let weighted = try IsotonicRegression().fit(
        scores: [1, 2, 3, 4], labels: [false, true, false, true], sampleWeights: [1, 2, 0, 1])
    let repeated = try IsotonicRegression().fit(scores: [1, 2, 2, 4], labels: [false, true, true, true])
    #expect(weighted == repeated)
}

@Test func increasingDataIsKeptAsIs() throws {
    let model = try IsotonicRegression().fit(scores: [0.1, 0.2, 0.3], labels: [false, false, true])
    #expect(model.values == [0, 0, 1])
}

@Test func isotonicRejectsBadInputAndBadFiles() throws {
    #expect(throws: MetricsError.emptyInput) { try IsotonicRegression().fit(scores: [], labels: []) }
    #expect(throws: MetricsError.nonFiniteScore(index: 1, value: .infinity)) {
        try IsotonicRegression().fit(scores: [0, .infinity], labels: [true, false])
    }
    #expect(throws: MetricsError.self) { try IsotonicRegressionModel(thresholds: [1, 1], values: [0, 1]) }
    #expect(throws: MetricsError.self) { try IsotonicRegressionModel(thresholds: [1, 2], values: [1, 0]) }
    #expect(throws: MetricsError.self) { try IsotonicRegressionModel(thresholds: [1], values: [0, 1]) }
}
