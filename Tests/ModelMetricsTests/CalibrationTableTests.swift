import _TestSupport
import Testing
@testable import ModelMetrics

@Test(arguments: MetricsCase.all.filter { $0.expected.calibration != nil })
func calibrationTableMatchesScikitLearn(_ c: MetricsCase) throws {
    for reference in try #require(c.expected.calibration) {
        let strategy = try #require(CalibrationStrategy(rawValue: reference.strategy))
        let table = try CalibrationTable(labels: c.labels, scores: c.scores, binCount: reference.binCount,
                                         strategy: strategy, sampleWeights: c.weights)
        let context = "\(reference.strategy) \(reference.binCount)"
        #expect(table.bins.map(\.bin) == reference.bin, "\(context)")
        #expect(table.bins.map(\.rows) == reference.rows, "\(context)")
        #expect(isClose(table.bins.map(\.observedRate), reference.observedRate), "\(context)")
        #expect(isClose(table.bins.map(\.meanPredicted), reference.meanPredicted), "\(context)")
        #expect(table.bins.map(\.lowerEdge) == table.bins.map { reference.edges[$0.bin - 1] }, "\(context)")
        #expect(table.bins.map(\.upperEdge) == table.bins.map { reference.edges[$0.bin] }, "\(context)")
    }
}

/// Hand-checked against scikit-learn: with 5 uniform bins the edges are i * 0.2, so 0.2 falls in
/// bin 1 (right-closed) and 0.6 in bin 3, because numpy's third edge is 3 * 0.2 = 0.6000000000000001.
@Test func probabilitiesOnEdgesFollowNumpy() throws {
    let table = try CalibrationTable(labels: [true, false, true, false], scores: [0.2, 0.6, 0.61, 0.0], binCount: 5)
    #expect(table.bins.map(\.bin) == [1, 3, 4])
    #expect(table.bins.map(\.observedRate) == [0.5, 0, 1])
    #expect(table.bins.map(\.meanPredicted) == [0.1, 0.6, 0.61])
}

@Test func calibrationRejectsBadInput() {
    #expect(throws: MetricsError.invalidArgument("the calibration table needs at least 1 bin, got 0")) {
        try CalibrationTable(labels: [true], scores: [0.5], binCount: 0)
    }
    #expect(throws: MetricsError.probabilityOutOfRange(metric: "the calibration table", index: 0, value: 2)) {
        try CalibrationTable(labels: [true], scores: [2])
    }
}
