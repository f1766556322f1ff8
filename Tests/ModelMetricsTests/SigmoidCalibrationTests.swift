import Foundation
import ModelMetrics
import Testing

/// Platt's regularized targets: (N+ + 1) / (N+ + 2) for positives, 1 / (N- + 2) for negatives.
private func plattGradient(_ model: SigmoidCalibrationModel, _ scores: [Double], _ labels: [Bool]) -> (Double, Double) {
    let positives = Double(labels.filter { $0 }.count), negatives = Double(labels.count) - positives
    var g0 = 0.0, g1 = 0.0
    for (s, y) in zip(scores, labels) {
        let r = model(s) - (y ? (positives + 1) / (positives + 2) : 1 / (negatives + 2))
        g0 += r * s
        g1 += r
    }
    return (g0, g1)
}

@Test func sigmoidFitIsTheStationaryPointOfPlattsLikelihood() throws {
    let scores = [-2.0, -1.5, -0.3, 0.1, 0.4, 0.9, 1.2, 2.5, -0.8, 0.0]
    let labels = [false, false, true, false, true, true, false, true, false, true]
    let model = try SigmoidCalibration().fit(scores: scores, labels: labels)
    let (g0, g1) = plattGradient(model, scores, labels)
    #expect(abs(g0) < 1e-12 && abs(g1) < 1e-12, "gradient (\(g0), \(g1))")
    #expect(model.slope > 0)
}

@Test func constantScoresGiveThePlattPriorRate() throws {
    // With one score value the slope is unidentified: the fit stays at slope 0 and the
    // intercept is the log-odds of the mean Platt target.
    let labels = [true, false, false, true, false]
    let model = try SigmoidCalibration().fit(scores: [Double](repeating: 0, count: 5), labels: labels)
    let meanTarget = (2 * (3.0 / 4) + 3 * (1.0 / 5)) / 5
    #expect(abs(model(0) - meanTarget) < 1e-12)
}

@Test func largeScoresAreRescaledWithoutChangingTheOptimum() throws {
    let scores = [-2.0, -1.5, -0.3, 0.1, 0.4, 0.9, 1.2, 2.5, -0.8, 0.0]
    let labels = [false, false, true, false, true, true, false, true, false, true]
    let small = try SigmoidCalibration().fit(scores: scores, labels: labels)
    let large = try SigmoidCalibration().fit(scores: scores.map { $0 * 100 }, labels: labels)
    #expect(abs(small.slope - 100 * large.slope) < 1e-9)
    #expect(abs(small.intercept - large.intercept) < 1e-9)
}

@Test func sigmoidRejectsBadInput() throws {
    #expect(throws: MetricsError.self) { try SigmoidCalibration(maxIterations: 0).fit(scores: [0], labels: [true]) }
    #expect(throws: MetricsError.self) { try SigmoidCalibration().fit(scores: [.nan], labels: [true]) }
    #expect(throws: MetricsError.self) { try SigmoidCalibrationModel(slope: .nan, intercept: 0) }
}
