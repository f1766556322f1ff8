import Testing
@testable import Tabular

@Test func schemaOfATableKeepsKindsLevelsAndLabels() throws {
    let table = try Table(columns: [
        Column(name: "x", numeric: [1, 2]),
        Column(name: "c", labels: ["b", "a"]),
        Column(name: "f", values: .boolean([true, nil], trueLabel: "Yes", falseLabel: "No")),
    ])
    let schema = CSVSchema(of: table)
    #expect(schema.columns == [
        CSVColumnSpec(name: "x", kind: .numeric),
        CSVColumnSpec(name: "c", kind: .categorical, levels: ["b", "a"]),
        CSVColumnSpec(name: "f", kind: .boolean, trueLabel: "Yes", falseLabel: "No"),
    ])
    #expect(schema.column(named: "c")?.levels == ["b", "a"])
    #expect(schema.column(named: "zzz") == nil)
}

@Test func booleanPairsAreRecognisedInAnyCase() {
    #expect(_BooleanPairs.labels(for: ["No", "Yes"])! == ("Yes", "No"))
    #expect(_BooleanPairs.labels(for: ["TRUE", "false"])! == ("TRUE", "false"))
    #expect(_BooleanPairs.labels(for: ["y", "n"])! == ("y", "n"))
    #expect(_BooleanPairs.labels(for: ["0", "1"])! == ("1", "0"))
    #expect(_BooleanPairs.labels(for: ["Yes", "yes"]) == nil)
    #expect(_BooleanPairs.labels(for: ["Yes", "False"]) == nil)
    #expect(_BooleanPairs.labels(for: ["Male", "Female"]) == nil)
    #expect(_BooleanPairs.labels(for: ["a", "b", "c"]) == nil)
    // One label: the partner is spelled in the same style.
    #expect(_BooleanPairs.labels(for: ["No"])! == ("Yes", "No"))
    #expect(_BooleanPairs.labels(for: ["TRUE"])! == ("TRUE", "FALSE"))
    #expect(_BooleanPairs.labels(for: ["n"])! == ("y", "n"))
}
