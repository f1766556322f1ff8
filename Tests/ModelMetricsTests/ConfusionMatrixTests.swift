import _TestSupport
import Testing
@testable import ModelMetrics

@Test(arguments: MetricsCase.all)
func confusionMatrixMatchesScikitLearn(_ c: MetricsCase) throws {
    for reference in c.expected.confusion {
        let m = try ConfusionMatrix(labels: c.labels, scores: c.scores, threshold: reference.threshold,
                                    sampleWeights: c.weights)
        #expect(isClose(m.truePositives, reference.tp), "tp at \(reference.threshold)")
        #expect(isClose(m.falsePositives, reference.fp), "fp at \(reference.threshold)")
        #expect(isClose(m.trueNegatives, reference.tn), "tn at \(reference.threshold)")
        #expect(isClose(m.falseNegatives, reference.fn), "fn at \(reference.threshold)")
        #expect(isClose(m.precision, reference.precision), "precision at \(reference.threshold)")
        #expect(isClose(m.recall, reference.recall), "recall at \(reference.threshold)")
        #expect(isClose(m.f1, reference.f1), "f1 at \(reference.threshold)")
        #expect(isClose(m.accuracy, reference.accuracy), "accuracy at \(reference.threshold)")
    }
}

/// Hand-worked: a score equal to the threshold is predicted positive.
@Test func scoreAtTheThresholdIsPositive() throws {
    let m = try ConfusionMatrix(labels: [true, false, true, false], scores: [0.5, 0.5, 0.2, 0.1], threshold: 0.5)
    #expect((m.truePositives, m.falsePositives, m.trueNegatives, m.falseNegatives) == (1, 1, 1, 1))
    #expect((m.precision, m.recall, m.f1, m.accuracy) == (0.5, 0.5, 0.5, 0.5))
}

/// scikit-learn's zero_division default: a rate with a zero denominator is 0.
@Test func zeroDenominatorsGiveZero() throws {
    let m = try ConfusionMatrix(labels: [false, false], scores: [0.1, 0.2], threshold: 0.9)
    #expect((m.precision, m.recall, m.f1) == (0, 0, 0))
    #expect(m.accuracy == 1)
}

@Test func nanThresholdIsRejected() {
    #expect(throws: MetricsError.invalidArgument("the threshold is nan; it must be a number")) {
        try ConfusionMatrix(labels: [true], scores: [0.1], threshold: .nan)
    }
}
