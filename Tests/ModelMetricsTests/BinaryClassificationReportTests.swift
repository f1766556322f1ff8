import _TestSupport
import Foundation
import Testing
@testable import ModelMetrics

@Test(arguments: MetricsCase.all)
func reportMatchesTheSeparateReferences(_ c: MetricsCase) throws {
    let report = try BinaryClassificationReport(labels: c.labels, scores: c.scores, sampleWeights: c.weights,
                                                liftGroups: 3)
    #expect(report.rows == c.labels.count)
    #expect(isClose(report.auc, c.expected.auc))
    #expect(isClose(report.averagePrecision, c.expected.averagePrecision))
    #expect(report.logLoss.map { isClose($0, c.expected.logLoss ?? .nan) } ?? (c.expected.logLoss == nil))
    #expect(report.brier.map { isClose($0, c.expected.brier ?? .nan) } ?? (c.expected.brier == nil))
    let lift = try #require(c.expected.lift.first { $0.groups == 3 })
    #expect(isClose(report.positiveRate, lift.overallRate))
    #expect(isClose(report.lift.map(\.cumulativeGain), lift.rows.map(\.cumulativeGain)))
}

/// The JSON that `churn evaluate` prints has the documented keys; logLoss and brier are left out
/// when the scores are not probabilities.
@Test func reportEncodesToJSON() throws {
    let labels = [false, false, true, true, false, true, false, false, true, false]
    let scores = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.3, 0.05, 0.6, 0.45]
    let report = try BinaryClassificationReport(labels: labels, scores: scores)
    let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
    let keys = Set(try #require(object).keys)
    #expect(keys == ["rows", "positives", "positiveRate", "auc", "averagePrecision", "logLoss", "brier", "lift"])
    #expect(report.lift.count == 10)

    let raw = try BinaryClassificationReport(labels: labels, scores: scores.map { $0 * 10 - 3 })
    #expect(raw.logLoss == nil && raw.brier == nil)
    #expect(raw.auc == report.auc)
}
