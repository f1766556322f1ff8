import Testing
@testable import Tabular

@Suite struct ColumnTests {
    @Test func selectingRowsKeepsOnlyTheLevelsThoseRowsUse() throws {
        let column = Column(name: "plan", labels: ["gold", "silver", nil, "bronze", "silver", "gold"])
        let picked = column.selecting(rows: [4, 2, 1])
        guard case .categorical(let codes, let levels) = picked.values else {
            Issue.record("not categorical")
            return
        }
        #expect(levels == ["silver"])
        #expect(codes == [0, -1, 0])
        #expect((0..<3).map { picked.text(at: $0) } == ["silver", nil, "silver"])
        // Order of the original levels is kept; the texts of every row are unchanged.
        let two = column.selecting(rows: [3, 0, 3])
        guard case .categorical(_, let twoLevels) = two.values else { return }
        #expect(twoLevels == ["gold", "bronze"])
        #expect((0..<3).map { two.text(at: $0) } == ["bronze", "gold", "bronze"])
    }

    @Test func aSubsetOfDistinctLabelsHasOneLevelPerRow() throws {
        // The shape of observation 1: 5,000 distinct ids, one row left out.
        let column = Column(name: "customer_id", labels: (0..<5000).map { "C\($0)" })
        let subset = column.selecting(rows: Array(1..<5000))
        guard case .categorical(_, let levels) = subset.values else { return }
        #expect(levels.count == 4999)
        #expect(CSVSchema(of: try Table(columns: [subset])).columns[0].levels.count == 4999)
    }

    @Test func selectingNumericAndBooleanRowsCopiesValues() throws {
        let numbers = Column(name: "x", numeric: [1, .nan, 3])
        guard case .numeric(let v) = numbers.selecting(rows: [2, 0]).values else { return }
        #expect(v == [3, 1])
        let flags = try Column(name: "b", values: .boolean([true, nil, false], trueLabel: "Yes", falseLabel: "No"))
        #expect(flags.selecting(rows: [2, 1]).values == .boolean([false, nil], trueLabel: "Yes", falseLabel: "No"))
    }
}
