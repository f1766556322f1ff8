import _TestSupport
import Testing
@testable import ModelMetrics

@Test(arguments: MetricsCase.all)
func liftTableMatchesPandas(_ c: MetricsCase) throws {
    for reference in c.expected.lift {
        let table = try LiftTable(labels: c.labels, scores: c.scores, groups: reference.groups, sampleWeights: c.weights)
        #expect(isClose(table.overallRate, reference.overallRate))
        try #require(table.rows.count == reference.rows.count)
        for (row, ref) in zip(table.rows, reference.rows) {
            #expect(row.group == ref.group && row.rows == ref.rows && row.cumulativeRows == ref.cumulativeRows)
            #expect(isClose(row.weight, ref.weight) && isClose(row.positives, ref.positives), "group \(ref.group)")
            #expect(isClose(row.rate, ref.rate) && isClose(row.lift, ref.lift), "group \(ref.group)")
            #expect(isClose(row.cumulativePositives, ref.cumulativePositives), "group \(ref.group)")
            #expect(isClose(row.cumulativeGain, ref.cumulativeGain), "group \(ref.group)")
            #expect(isClose(row.cumulativeLift, ref.cumulativeLift), "group \(ref.group)")
            #expect(row.minScore == ref.minScore && row.maxScore == ref.maxScore, "group \(ref.group)")
        }
    }
}

/// Hand-worked: 10 rows in 4 groups take ranks 0..<2, 2..<5, 5..<7, 7..<10 (sizes 2, 3, 2, 3).
/// By descending score the labels are + + | + - - | + - | - - -; overall rate 4/10.
@Test func liftTableHandWorked() throws {
    let scores = [0.5, 0.9, 0.1, 0.7, 0.8, 0.4, 0.6, 0.3, 0.2, 0.05]
    let labels = [false, true, false, true, true, true, false, false, false, false]
    let table = try LiftTable(labels: labels, scores: scores, groups: 4)
    #expect(table.overallRate == 0.4)
    #expect(table.rows.map(\.rows) == [2, 3, 2, 3])
    #expect(table.rows.map(\.positives) == [2, 1, 1, 0])
    #expect(isClose(table.rows.map(\.rate), [1, 1.0 / 3, 0.5, 0]))
    #expect(isClose(table.rows.map(\.lift), [2.5, 5.0 / 6, 1.25, 0]))
    #expect(isClose(table.rows.map(\.cumulativeGain), [0.5, 0.75, 1, 1]))
    #expect(isClose(table.rows.map(\.cumulativeLift), [2.5, 1.5, (4.0 / 7) / 0.4, 1]))
    #expect(table.rows.map(\.maxScore) == [0.9, 0.7, 0.4, 0.2])
}

/// Tied scores across a group boundary are split in input order (stable sort).
@Test func tiesAreSplitInInputOrder() throws {
    let table = try LiftTable(labels: [false, true, false, false], scores: [0.5, 0.5, 0.5, 0.5], groups: 2)
    #expect(table.rows.map(\.positives) == [1, 0])
    let reversed = try LiftTable(labels: [false, false, false, true], scores: [0.5, 0.5, 0.5, 0.5], groups: 2)
    #expect(reversed.rows.map(\.positives) == [0, 1])
}

@Test func liftTableRejectsBadGroupCountsAndNoPositives() {
    #expect(throws: MetricsError.invalidArgument("the lift table needs between 1 and 3 groups (one per row at most), got 4")) {
        try LiftTable(labels: [true, false, true], scores: [0.1, 0.2, 0.3], groups: 4)
    }
    #expect(throws: MetricsError.invalidArgument("the lift table needs between 1 and 3 groups (one per row at most), got 0")) {
        try LiftTable(labels: [true, false, true], scores: [0.1, 0.2, 0.3], groups: 0)
    }
    #expect(throws: MetricsError.singleClass(metric: "the lift table", presentClass: false)) {
        try LiftTable(labels: [false, false], scores: [0.1, 0.2], groups: 2)
    }
}
