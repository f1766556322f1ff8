import Testing
@testable import Tabular

/// Reference: hand-worked conversions.
@Test func numbersAreParsedFromLabels() throws {
    #expect(_parseNumber(" 29.85\t") == 29.85)
    #expect(_parseNumber("-1e3") == -1000)
    #expect(_parseNumber(" ") == nil)
    #expect(_parseNumber("inf") == nil)
    #expect(_parseNumber("12a") == nil)

    let text = Column(name: "c", labels: ["1.5", nil, "2"])
    let values = try _numericValues(of: text)
    #expect(values[0] == 1.5 && values[1].isNaN && values[2] == 2)

    let flag = try Column(name: "f", values: .boolean([true, nil, false], trueLabel: "1", falseLabel: "0"))
    let flags = try _numericValues(of: flag)
    #expect(flags[0] == 1 && flags[1].isNaN && flags[2] == 0)

    #expect(throws: TabularError.self) { try _numericValues(of: Column(name: "c", labels: ["1", "x"])) }
    #expect(throws: TabularError.self) {
        try _numericValues(of: Column(name: "f", values: .boolean([true], trueLabel: "Yes", falseLabel: "No")))
    }
}

@Test func categoriesAreMatchedByValueOrText() throws {
    let lookup: [String: Int32] = ["No": 0, "Yes": 1]
    let other = try Column(name: "b", values: .boolean([true, false, nil], trueLabel: "T", falseLabel: "F"))
    // A boolean fitted column maps booleans by value whatever their labels ...
    #expect(_categoryIndices(of: other, lookup: lookup, fittedAsBoolean: true) == [1, 0, -1])
    // ... a categorical one by label text.
    #expect(_categoryIndices(of: other, lookup: lookup, fittedAsBoolean: false) == [-2, -2, -1])
    let text = Column(name: "b", labels: ["Yes", "Maybe", nil])
    #expect(_categoryIndices(of: text, lookup: lookup, fittedAsBoolean: true) == [1, -2, -1])
    let numbers = Column(name: "n", numeric: [2, .nan, 2.5])
    #expect(_categoryIndices(of: numbers, lookup: ["2": 0, "2.5": 1], fittedAsBoolean: false) == [0, -1, 1])
}
