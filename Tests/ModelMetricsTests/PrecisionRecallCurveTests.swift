import _TestSupport
import Testing
@testable import ModelMetrics

@Test(arguments: MetricsCase.all)
func precisionRecallCurveMatchesScikitLearn(_ c: MetricsCase) throws {
    for (drop, reference) in [(false, c.expected.pr), (true, c.expected.prDropped)] {
        let curve = try PrecisionRecallCurve(labels: c.labels, scores: c.scores, sampleWeights: c.weights,
                                             dropIntermediate: drop)
        #expect(isClose(curve.precision, try #require(reference.precision)), "precision, drop \(drop)")
        #expect(isClose(curve.recall, try #require(reference.recall)), "recall, drop \(drop)")
        #expect(curve.thresholds == reference.finiteOrInfiniteThresholds, "thresholds, drop \(drop)")
    }
    let ap = try averagePrecision(labels: c.labels, scores: c.scores, sampleWeights: c.weights)
    #expect(isClose(ap, c.expected.averagePrecision))
}

/// Hand-worked: ranking 0.8(+) 0.4(-) 0.35(+) 0.1(-): AP = 1/2 * 1 + 1/2 * 2/3 = 5/6
/// (scikit-learn's documented 0.83).
@Test func averagePrecisionOfTheDocumentedExample() throws {
    let ap = try averagePrecision(labels: [false, false, true, true], scores: [0.1, 0.4, 0.35, 0.8])
    #expect(isClose(ap, 5.0 / 6.0))
}

@Test func averagePrecisionNeedsBothClasses() {
    #expect(throws: MetricsError.singleClass(metric: "average precision", presentClass: true)) {
        try averagePrecision(labels: [true, true], scores: [0.1, 0.2])
    }
    #expect(throws: MetricsError.singleClass(metric: "the precision-recall curve", presentClass: false)) {
        try PrecisionRecallCurve(labels: [false, false], scores: [0.1, 0.2])
    }
}

/// With positives only, precision is 1 everywhere, as scikit-learn returns.
@Test func precisionRecallCurveWithPositivesOnly() throws {
    let curve = try PrecisionRecallCurve(labels: [true, true], scores: [0.1, 0.2])
    #expect(curve.precision == [1, 1, 1])
    #expect(curve.recall == [1, 0.5, 0])
    #expect(curve.thresholds == [0.1, 0.2])
}
