import Testing
@testable import Tabular

/// Reference: hand-worked counts.
@Test func mergeAddsRowsAndCountsByColumnAndLabel() {
    var first = TransformReport(rowCount: 3)
    first.recordUnknown(column: "plan", label: "x", count: 2)
    first.recordMissing(column: "age", count: 1)
    var second = TransformReport(rowCount: 4)
    second.recordUnknown(column: "plan", label: "y", count: 1)
    second.recordUnknown(column: "plan", label: "x", count: 1)
    second.recordMissing(column: "age", count: 2)
    second.recordMissing(column: "plan", count: 0)  // zero counts are not recorded
    first.merge(second)
    #expect(first.rowCount == 7)
    #expect(first.unknownCategories == [
        .init(column: "plan", label: "x", count: 3), .init(column: "plan", label: "y", count: 1),
    ])
    #expect(first.unknownCount == 4)
    #expect(first.missingValues == [.init(column: "age", count: 3)])
    #expect(!first.isClean)
    #expect(TransformReport(rowCount: 5).isClean)
}

@Test func unknownLabelsAreCountedByText() throws {
    let column = Column(name: "plan", labels: ["a", "z", "z", "q"])
    var report = TransformReport()
    report.recordUnknowns(in: column, indices: [0, _unknownCategory, _unknownCategory, _unknownCategory])
    #expect(report.unknownCategories == [
        .init(column: "plan", label: "z", count: 2), .init(column: "plan", label: "q", count: 1),
    ])
}
