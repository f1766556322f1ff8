import Testing
@testable import Tabular

/// A file with a header `id,x` and `rows` records: `x` is `row % 50` except at the rows of
/// `strays`, which hold the given texts (written as they are: quote them in the text if needed).
private func almostNumeric(rows: Int, strays: [Int: String]) -> String {
    var text = "id,x\n"
    for row in 0..<rows { text += "c\(row),\(strays[row] ?? String(row % 50))\n" }
    return text
}

/// Five strays of issue 13 (a decimal comma, a thousands separator, `nan`, text, a NUL) at rows
/// 7, 300, 301, 650 and 999: file lines 9, 302, 303, 652 and 1001.
private let issueStrays: [Int: String] = [7: "\"25,5\"", 300: "\"8,336.50\"", 301: "nan", 650: "abc", 999: "\u{0}"]
private let issueSamples = [
    CSVCellSample(line: 9, value: "25,5"), CSVCellSample(line: 302, value: "8,336.50"), CSVCellSample(line: 303, value: "nan"),
    CSVCellSample(line: 652, value: "abc"), CSVCellSample(line: 1001, value: "\u{0}"),
]

@Test func anAlmostNumericColumnFailsByDefaultNamingTheCells() {
    let text = almostNumeric(rows: 1000, strays: issueStrays)
    let expected = NonNumericCells(file: "t.csv", column: "x", count: 5, nonMissing: 1000, first: issueSamples, policy: .fail)
    #expect(csvError { _ = try readCSV(text) } == .nonNumericCells(expected))
    #expect(expected.finding == "t.csv: column \"x\" holds finite numbers but for 5 of 1000 cells (line 9: \"25,5\", line 302: \"8,336.50\", "
        + "line 303: \"nan\", line 652: \"abc\", line 1001: \"\\u{0}\")")
}

@Test func theMissingPolicyReadsTheStraysAsMissingAndReportsThem() throws {
    let text = almostNumeric(rows: 1000, strays: issueStrays)
    let result = try Table.readCSV(bytes: Array(text.utf8), name: "t.csv", options: CSVReadOptions(nonNumericCells: .missing))
    guard case .numeric(let values) = try result.table.column(named: "x").values else {
        Issue.record("x is not numeric")
        return
    }
    for row in 0..<1000 {
        if issueStrays[row] != nil { #expect(values[row].isNaN) } else { #expect(values[row] == Double(row % 50)) }
    }
    #expect(result.nonNumericCells == [NonNumericCells(file: "t.csv", column: "x", count: 5, nonMissing: 1000, first: issueSamples, policy: .missing)])
}

@Test func theCategoryPolicyKeepsEveryTextAsALevel() throws {
    let text = almostNumeric(rows: 1000, strays: issueStrays)
    let result = try Table.readCSV(bytes: Array(text.utf8), name: "t.csv", options: CSVReadOptions(nonNumericCells: .category))
    guard case .categorical(let codes, let levels) = try result.table.column(named: "x").values else {
        Issue.record("x is not categorical")
        return
    }
    #expect(levels.count == 55)
    #expect(levels[Int(codes[7])] == "25,5" && levels[Int(codes[999])] == "\u{0}" && levels[Int(codes[8])] == "8")
    #expect(result.nonNumericCells.map(\.policy) == [.category])
}

@Test func aStrayBeforeAnyNumberAndStraysAcrossBlocksAndThreadsKeepTheirLines() throws {
    // The first cell is text (the first pass reads the column as labels from the start), the others
    // lie in later blocks of 1 KiB parsed by two threads.
    let strays = [0: "abc", 2500: "x y", 4999: "1.2.3"]
    let text = almostNumeric(rows: 5000, strays: strays)
    for threads in [1, 2] {
        let options = CSVReadOptions(nonNumericCells: .missing, blockSize: 1024, threadCount: threads)
        let result = try Table.readCSV(bytes: Array(text.utf8), name: "t.csv", options: options)
        #expect(result.nonNumericCells.first?.first == [
            CSVCellSample(line: 2, value: "abc"), CSVCellSample(line: 2502, value: "x y"), CSVCellSample(line: 5001, value: "1.2.3"),
        ])
        #expect(try result.table.column(named: "x").kind == .numeric)
    }
}

@Test func moreThanOnePercentOfTextIsACategoricalColumnAsBefore() throws {
    // 11 texts in 1000 cells is over 1%; 1 in 99 cells is under the 100 cells one stray needs.
    var strays: [Int: String] = [:]
    for k in 0..<11 { strays[k * 90] = "t\(k)" }
    let result = try Table.readCSV(bytes: Array(almostNumeric(rows: 1000, strays: strays).utf8), name: "t.csv")
    #expect(try result.table.column(named: "x").kind == .categorical)
    #expect(result.nonNumericCells.isEmpty)
    #expect(try readCSV(almostNumeric(rows: 99, strays: [5: "abc"])).column(named: "x").kind == .categorical)
    #expect(NonNumericCells.limit(nonMissing: 99) == 0 && NonNumericCells.limit(nonMissing: 100) == 1
        && NonNumericCells.limit(nonMissing: 1_000_000) == 100)
}

@Test func missingMarkersAreNotStraysAndDeclaredKindsAreNotChecked() throws {
    let text = almostNumeric(rows: 1000, strays: [3: "NA", 4: "", 5: "abc"])
    let result = try Table.readCSV(bytes: Array(text.utf8), name: "t.csv", options: CSVReadOptions(nonNumericCells: .missing))
    #expect(result.nonNumericCells.map(\.count) == [1])
    #expect(result.nonNumericCells.map(\.nonMissing) == [998])
    let declared = try readCSV(text, options: CSVReadOptions(columnKinds: ["x": .categorical]))
    #expect(try declared.column(named: "x").kind == .categorical)
}

@Test func aZeroOneColumnWithAStrayReadAsMissingIsBoolean() throws {
    var text = "flag\n"
    for row in 0..<200 { text += row == 150 ? "yes\n" : "\(row % 2)\n" }
    let table = try readCSV(text, options: CSVReadOptions(nonNumericCells: .missing))
    guard case .boolean(let flags, "1", "0") = try table.column(named: "flag").values else {
        Issue.record("flag is not a 1/0 boolean")
        return
    }
    #expect(flags[150] == nil && flags[151] == true && flags[0] == false)
}

@Test func aFewInfiniteNumbersAreStraysAndManyStayNumbers() throws {
    // "1e400" overflows to infinity and "inf" is infinity: unusable by any model, so a few of them
    // are reported like text; a column of many infinities stays numeric as before.
    let text = almostNumeric(rows: 1000, strays: [10: "1e400", 20: "-inf"])
    #expect(csvError { _ = try readCSV(text) } == .nonNumericCells(NonNumericCells(
        file: "t.csv", column: "x", count: 2, nonMissing: 1000,
        first: [CSVCellSample(line: 12, value: "1e400"), CSVCellSample(line: 22, value: "-inf")], policy: .fail)))
    let missing = try readCSV(text, options: CSVReadOptions(nonNumericCells: .missing))
    guard case .numeric(let values) = try missing.column(named: "x").values else {
        Issue.record("x is not numeric")
        return
    }
    #expect(values[10].isNaN && values[20].isNaN && values[11] == 11)
    var many: [Int: String] = [:]
    for row in stride(from: 0, to: 1000, by: 50) { many[row] = "inf" }
    guard case .numeric(let kept) = try readCSV(almostNumeric(rows: 1000, strays: many)).column(named: "x").values else {
        Issue.record("x is not numeric")
        return
    }
    #expect(kept[0] == .infinity && kept[1] == 1)
    // 1e200 is a finite number: no stray.
    #expect(try readCSV(almostNumeric(rows: 1000, strays: [10: "1e200"])).column(named: "x").kind == .numeric)
}
