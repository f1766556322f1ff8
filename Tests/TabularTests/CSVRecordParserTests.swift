import Testing
@testable import Tabular

/// All columns as categorical labels (texts exactly as parsed), rows in order.
private func labels(_ text: String, _ options: CSVReadOptions = CSVReadOptions()) throws -> [[String?]] {
    var options = options
    let table = try Table(csvBytes: Array(text.utf8), name: "t.csv", options: options)
    options.columnKinds = Dictionary(uniqueKeysWithValues: table.columnNames.map { ($0, ColumnKind.categorical) })
    let again = try Table(csvBytes: Array(text.utf8), name: "t.csv", options: options)
    return (0..<again.rowCount).map { row in again.columns.map { $0.text(at: row) } }
}

@Test func quotedFieldsKeepDelimitersQuotesAndLineEnds() throws {
    let rows = try labels("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"line1\nline2\"\n\"\",\"\"\"\",\"cr\r\nlf\"\n")
    #expect(rows == [["x,y", "say \"hi\"", "line1\nline2"], [nil, "\"", "cr\r\nlf"]])
}

@Test func lineEndsByteOrderMarkAndFinalLine() throws {
    let expected: [[String?]] = [["1", "x"], ["2", "y"]]
    #expect(try labels("a,b\n1,x\n2,y\n") == expected)
    #expect(try labels("a,b\r\n1,x\r\n2,y\r\n") == expected)
    #expect(try labels("a,b\r\n1,x\r\n2,y") == expected)
    #expect(try labels("\u{FEFF}a,b\n1,x\n\n2,y") == expected)
    // A lone CR inside a field is data.
    #expect(try labels("a,b\n1,x\ry\n") == [["1", "x\ry"]])
    // A final empty field, and an empty last record field without line end.
    #expect(try labels("a,b\n1,\n2,") == [["1", nil], ["2", nil]])
}

@Test func malformedRecordsReportLineAndColumn() {
    let pos = { (line: Int, column: Int, name: String?) in CSVPosition(file: "t.csv", line: line, column: column, columnName: name) }
    #expect(csvError { _ = try readCSV("a,b,c\n1,2,3\n4,5\n") } == .raggedRow(pos(3, 3, "c"), expected: 3, found: 2))
    #expect(csvError { _ = try readCSV("a,b\n1,2\n3,4,5,6\n") } == .raggedRow(pos(3, 3, nil), expected: 2, found: 4))
    #expect(csvError { _ = try readCSV("a,b\n1,\"x\ny\"\n2,\"open\nmore\n") } == .unterminatedQuote(pos(4, 2, "b")))
    #expect(csvError { _ = try readCSV("a,b\n1,ab\"c\n") } == .quoteInUnquotedField(pos(2, 2, "b")))
    #expect(csvError { _ = try readCSV("a,b\n1,\"ab\"c\n") } == .textAfterClosingQuote(pos(2, 2, "b")))
    // Line numbers count the lines inside earlier quoted fields.
    #expect(csvError { _ = try readCSV("a,b\n\"1\n2\n3\",x\n4\n") } == .raggedRow(pos(5, 2, "b"), expected: 2, found: 1))
}

@Test func invalidUTF8IsReportedWithItsByteOffset() {
    var bytes = Array("name,n\nok,1\n".utf8)
    bytes += [0x61, 0xFF, 0x62] + Array(",2\n".utf8)
    let error = csvError { _ = try Table(csvBytes: bytes, name: "bin.csv") }
    #expect(error == .invalidUTF8(CSVPosition(file: "bin.csv", line: 3, column: 1, columnName: "name"), byteOffset: 13))
    // Binary garbage as the whole file: the header line is not UTF-8.
    let garbage: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]
    #expect(csvError { _ = try Table(csvBytes: garbage, name: "x.png") }
        == .invalidUTF8(CSVPosition(file: "x.png", line: 1, column: 1), byteOffset: 0))
}

@Test func collectingModeReturnsUnescapedFields() {
    let bytes = Array("a,\"b\"\"c\",,\"d,e\"\nrest".utf8)
    bytes.withUnsafeBufferPointer { buffer in
        var parser = _CSVRecordParser(base: buffer.baseAddress!, start: 0, end: buffer.count, isFinal: true, maxRows: 1,
                                      options: CSVReadOptions(), missing: _MissingMatcher(CSVReadOptions()),
                                      plans: [], names: [], file: "t.csv")
        parser.run()
        #expect(parser.collected.map { String(decoding: $0, as: UTF8.self) } == ["a", "b\"c", "", "d,e"])
        #expect(parser.position == 16 && parser.newlines == 1)
    }
}

@Test func asciiCaseInsensitiveComparison() {
    let yes = Array("YeS".utf8)
    yes.withUnsafeBufferPointer { b in
        #expect(_CSVRecordParser.equalIgnoringASCIICase(Array("yes".utf8), b.baseAddress!, 3))
        #expect(!_CSVRecordParser.equalIgnoringASCIICase(Array("yet".utf8), b.baseAddress!, 3))
    }
}
