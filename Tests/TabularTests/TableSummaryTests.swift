import Testing
@testable import Tabular

@Suite struct TableSummaryTests {
    /// Hand-worked: min, mean and max skip missing values; the distinct count is of the values present.
    @Test func aNumericColumnIsSummarizedWithoutItsMissingValues() {
        let summary = ColumnSummary(Column(name: "x", numeric: [4, .nan, 1, 4, 7]))
        #expect(summary.missing == 1 && summary.distinct == 3)
        #expect(summary.min == 1 && summary.mean == 4 && summary.max == 7)
        #expect(summary.top == nil)
        let empty = ColumnSummary(Column(name: "y", numeric: [.nan, .nan]))
        #expect(empty.min == nil && empty.mean == nil && empty.max == nil && empty.distinct == 0)
    }

    /// Issue 13: three values of 1.7e308 have the mean 1.7e308; a plain sum overflowed to inf, which
    /// `churn inspect` printed as the mean. Values of both signs near the largest double average
    /// to their exact mean too.
    @Test func valuesNearTheLargestDoubleHaveAFiniteMean() {
        // Within an ulp or two: 3 x 1.7e308 is rounded once in the scaled sum.
        let large = ColumnSummary(Column(name: "x", numeric: [1.7e308, 1.7e308, 1.7e308])).mean ?? .nan
        #expect(abs(large - 1.7e308) <= 1e-15 * 1.7e308, "\(large)")
        let mixed = ColumnSummary(Column(name: "x", numeric: [1.5e308, 1.5e308, -1.5e308, .nan])).mean ?? .nan
        #expect(abs(mixed - 0.5e308) <= 1e-15 * 0.5e308, "\(mixed)")
    }

    /// The most frequent levels come first, ties in label order, at most `topLevelCount` of them.
    @Test func aCategoricalColumnListsItsTopLevels() {
        let summary = ColumnSummary(Column(name: "plan", labels: ["b", "a", nil, "b", "c", "a", "b"]), topLevelCount: 2)
        #expect(summary.missing == 1 && summary.distinct == 3 && summary.mean == nil)
        #expect(summary.top == [LevelCount(label: "b", count: 3), LevelCount(label: "a", count: 2)])
    }
}
