import _TestSupport
import Foundation
import Testing
@testable import ModelMetrics

@Test(arguments: MetricsCase.all)
func rocCurveMatchesScikitLearn(_ c: MetricsCase) throws {
    for (drop, reference) in [(true, c.expected.roc), (false, c.expected.rocAll)] {
        let curve = try ROCCurve(labels: c.labels, scores: c.scores, sampleWeights: c.weights, dropIntermediate: drop)
        #expect(isClose(curve.falsePositiveRates, try #require(reference.fpr)), "fpr, drop \(drop)")
        #expect(isClose(curve.truePositiveRates, try #require(reference.tpr)), "tpr, drop \(drop)")
        #expect(curve.thresholds == reference.finiteOrInfiniteThresholds, "thresholds, drop \(drop)")
    }
    #expect(isClose(try rocAUC(labels: c.labels, scores: c.scores, sampleWeights: c.weights), c.expected.auc))
}

/// scikit-learn's documented example: AUC 0.75; hand-worked: 3 of 4 positive/negative pairs are ordered.
@Test func rocAUCOfTheDocumentedExample() throws {
    let auc = try rocAUC(labels: [false, false, true, true], scores: [0.1, 0.4, 0.35, 0.8])
    #expect(auc == 0.75)
}

/// A tied positive/negative pair counts one half (Mann-Whitney).
@Test func tiedPairsCountOneHalf() throws {
    #expect(try rocAUC(labels: [true, false], scores: [0.5, 0.5]) == 0.5)
    // Positives {0.9, 0.5} against negatives {0.5, 0.2}: 1 + 1 + 1/2 + 1 = 3.5 of 4 pairs.
    #expect(try rocAUC(labels: [true, true, false, false], scores: [0.9, 0.5, 0.5, 0.2]) == 0.875)
}

@Test func rocNeedsBothClasses() {
    #expect(throws: MetricsError.singleClass(metric: "the ROC curve", presentClass: true)) {
        try rocAUC(labels: [true, true], scores: [0.1, 0.2])
    }
    // The only negative has zero weight, so the negatives are absent.
    #expect(throws: MetricsError.singleClass(metric: "the ROC curve", presentClass: true)) {
        try ROCCurve(labels: [true, false], scores: [0.1, 0.2], sampleWeights: [1, 0])
    }
}

/// The +infinity threshold survives a JSON round trip with a non-conforming-float strategy.
@Test func rocCurveRoundTripsThroughJSON() throws {
    let curve = try ROCCurve(labels: [false, false, true, true], scores: [0.1, 0.4, 0.35, 0.8])
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let decoded = try decoder.decode(ROCCurve.self, from: encoder.encode(curve))
    #expect(decoded == curve)
    #expect(decoded.thresholds == [.infinity, 0.8, 0.4, 0.35, 0.1])
}
