import _TestSupport
import Foundation
import Testing
@testable import ModelMetrics

@Test(arguments: MetricsCase.all.filter { $0.expected.logLoss != nil })
func lossesMatchScikitLearn(_ c: MetricsCase) throws {
    let loss = try logLoss(labels: c.labels, scores: c.scores, sampleWeights: c.weights)
    #expect(isClose(loss, try #require(c.expected.logLoss)))
    let brier = try brierScore(labels: c.labels, scores: c.scores, sampleWeights: c.weights)
    #expect(isClose(brier, try #require(c.expected.brier)))
}

/// Closed forms: a constant 0.5 costs log 2 and a Brier score of 1/4 whatever the labels.
@Test func constantHalfHasClosedFormLosses() throws {
    let labels = [true, false, false, true, false]
    let scores = [Double](repeating: 0.5, count: 5)
    #expect(isClose(try logLoss(labels: labels, scores: scores), log(2)))
    #expect(try brierScore(labels: labels, scores: scores) == 0.25)
}

/// A certain wrong prediction is clipped to eps: it costs -log(2^-52) = 52 log 2, not infinity;
/// a certain right one costs -log(1 - eps).
@Test func logLossClipsToMachineEpsilon() throws {
    #expect(isClose(try logLoss(labels: [true], scores: [0]), 52 * log(2)))
    #expect(isClose(try logLoss(labels: [false], scores: [1]), 52 * log(2)))
    #expect(try logLoss(labels: [true], scores: [1]) == -log(1 - Double.ulpOfOne))
}

@Test func lossesRejectNonProbabilities() {
    #expect(throws: MetricsError.probabilityOutOfRange(metric: "log loss", index: 1, value: 1.5)) {
        try logLoss(labels: [true, false], scores: [0.2, 1.5])
    }
    #expect(throws: MetricsError.probabilityOutOfRange(metric: "the Brier score", index: 0, value: -0.1)) {
        try brierScore(labels: [true, false], scores: [-0.1, 0.5])
    }
}
