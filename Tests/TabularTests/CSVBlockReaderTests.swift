import Testing
@testable import Tabular

/// A random CSV text with quoted fields, embedded line ends, numbers and blanks.
private func randomCSV(rows: Int, seed: UInt64) -> String {
    var rng = SeededRandom(seed: seed)
    let words = ["plain", "with,comma", "with \"quote\"", "two\nlines", "crlf\r\ninside", "é ü 日本", ""]
    var text = "id,x,label,flag\r\n"
    for i in 0..<rows {
        let word = words[rng.nextIndex(below: words.count)]
        let label = word.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) ? "\"" + word.replacingOccurrences("\"", "\"\"") + "\"" : word
        let x = rng.nextIndex(below: 10) == 0 ? "" : "\(rng.nextGaussian() * 1000)"
        text += "\(i),\(x),\(label),\(rng.nextIndex(below: 2) == 0 ? "Yes" : "No")\r\n"
    }
    return text
}

/// Where two tables differ (names, kinds, or the text of a cell; NaN equals NaN), or nil.
func firstDifference(_ a: Table, _ b: Table) -> String? {
    if a.columnNames != b.columnNames { return "names \(a.columnNames) vs \(b.columnNames)" }
    if a.rowCount != b.rowCount { return "rows \(a.rowCount) vs \(b.rowCount)" }
    for (x, y) in zip(a.columns, b.columns) {
        if x.kind != y.kind { return "column \(x.name): \(x.kind) vs \(y.kind)" }
        for row in 0..<a.rowCount where x.text(at: row) != y.text(at: row) {
            return "column \(x.name), row \(row): \(String(describing: x.text(at: row))) vs \(String(describing: y.text(at: row)))"
        }
    }
    return nil
}

extension String {
    /// `self` with every `target` replaced (no Foundation in these tests).
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

@Test func smallBlocksAndThreadsGiveTheSameTable() throws {
    let bytes = Array(randomCSV(rows: 3000, seed: 1).utf8)
    let whole = try Table(csvBytes: bytes, options: CSVReadOptions(blockSize: 1 << 24, threadCount: 1))
    #expect(whole.rowCount == 3000)
    for (blockSize, threads) in [(1024, 1), (1024, 2), (4096, 3), (65536, 2)] {
        let table = try Table(csvBytes: bytes, options: CSVReadOptions(blockSize: blockSize, threadCount: threads))
        #expect(firstDifference(table, whole) == nil, "blockSize \(blockSize), threads \(threads)")
    }
}

@Test func errorPositionsAreFilePositionsAcrossBlocks() {
    var text = "a,b\n"
    for i in 0..<5000 { text += "\(i),\"q\nq\"\n" }  // every record spans two lines
    text += "x\n"
    let error = csvError { _ = try Table(csvBytes: Array(text.utf8), name: "t.csv", options: CSVReadOptions(blockSize: 1024, threadCount: 2)) }
    #expect(error == .raggedRow(CSVPosition(file: "t.csv", line: 10_002, column: 2, columnName: "b"), expected: 2, found: 1))
}

@Test func anUnclosedQuoteEarlyInABigInputIsFound() {
    var text = "a,b\n1,\"never closed\n"
    for i in 0..<2000 { text += "\(i),x\n" }
    let error = csvError { _ = try Table(csvBytes: Array(text.utf8), name: "t.csv", options: CSVReadOptions(blockSize: 1024)) }
    #expect(error == .unterminatedQuote(CSVPosition(file: "t.csv", line: 2, column: 2, columnName: "b")))
}

/// A text column of distinct labels (customer ids) read in many blocks and parts, each part with
/// its own dictionary merged into the column's, keeps every label and its first-appearance code.
@Test func distinctTextLabelsSurviveTheMergeOfManyBlocks() throws {
    var text = "customer,plan\n"
    for i in 0..<20_000 { text += "C\(i * 7919 % 20_000)-\(String(repeating: "x", count: i % 13)),\(i % 3 == 0 ? "basic" : "plus")\n" }
    let bytes = Array(text.utf8)
    let whole = try Table(csvBytes: bytes, options: CSVReadOptions(blockSize: 1 << 24, threadCount: 1))
    guard case .categorical(let codes, let levels) = try whole.column(named: "customer").values else {
        Issue.record("customer is not categorical")
        return
    }
    #expect(levels.count == 20_000 && codes == (0..<20_000).map { Int32($0) })
    for (blockSize, threads) in [(1024, 1), (1024, 2), (65536, 2)] {
        let table = try Table(csvBytes: bytes, options: CSVReadOptions(blockSize: blockSize, threadCount: threads))
        #expect(firstDifference(table, whole) == nil, "blockSize \(blockSize), threads \(threads)")
    }
}
