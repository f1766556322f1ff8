import Testing
@testable import Tabular

@Suite struct ColumnDistinctTests {
    @Test func distinctCountIgnoresUnusedLevelsAndMissingValues() throws {
        let column = try Column(name: "c", values: .categorical(codes: [0, 2, -1, 2], levels: ["a", "b", "c"]))
        #expect(column.distinctCount == 2)
        #expect(Column(name: "x", numeric: [1, 1, .nan, 2.5]).distinctCount == 2)
        let flags = try Column(name: "b", values: .boolean([true, nil, true], trueLabel: "Y", falseLabel: "N"))
        #expect(flags.distinctCount == 1)
    }

    @Test func wholeNumbersNeedAValueInEveryRow() {
        #expect(Column(name: "id", numeric: [15_634_602, 15_647_311, 3]).holdsWholeNumbers)
        #expect(!Column(name: "x", numeric: [1, 2.5]).holdsWholeNumbers)
        #expect(!Column(name: "x", numeric: [1, .nan]).holdsWholeNumbers)
        #expect(!Column(name: "x", numeric: [1e300]).holdsWholeNumbers)
        #expect(!Column(name: "x", labels: ["1"]).holdsWholeNumbers)
    }

    @Test func rowNumberRunsStartAtZeroOrOneAndHoldEachValueOnce() {
        #expect(Column(name: "RowNumber", numeric: [3, 1, 2, 4]).isRowNumberRun)
        #expect(Column(name: "index", numeric: [0, 1, 2]).isRowNumberRun)
        #expect(!Column(name: "x", numeric: [1, 2, 2]).isRowNumberRun)
        #expect(!Column(name: "x", numeric: [2, 3, 4]).isRowNumberRun)
        #expect(!Column(name: "x", numeric: [1, 2, 9]).isRowNumberRun)
        #expect(!Column(name: "x", numeric: [-1, 0, 1]).isRowNumberRun)
    }
}
