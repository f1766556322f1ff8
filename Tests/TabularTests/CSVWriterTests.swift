import Testing
@testable import Tabular

@Test func fieldsAreQuotedOnlyWhenNeeded() throws {
    let table = try Table(columns: [
        Column(name: "text", labels: ["plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", nil, "é"]),
        Column(name: "x", numeric: [1, 2.5, -0.1, .nan, 1e300, 3, 0]),
    ])
    let text = String(decoding: CSVWriter.encode(table), as: UTF8.self)
    #expect(text == "text,x\nplain,1\n\"a,b\",2.5\n\"say \"\"hi\"\"\",-0.1\n\"two\nlines\",\n\"cr\r\",1e+300\n,3\né,0\n")
    let semicolons = String(decoding: CSVWriter.encode(table, options: CSVWriteOptions(delimiter: UInt8(ascii: ";"), missing: "NA")), as: UTF8.self)
    #expect(semicolons.hasPrefix("text;x\nplain;1\na,b;2.5\n"))
    #expect(semicolons.contains("\"two\nlines\";NA\n"))
}

/// A random table with labels full of delimiters, quotes, line ends and non-ASCII text.
private func randomTable(rows: Int, using rng: inout SeededRandom) throws -> Table {
    let pieces = ["a", "b", ",", "\"", "\n", "\r\n", " ", "é", "日本", "🙂", "x y", "\"\""]
    func label() -> String? {
        if rng.nextIndex(below: 10) == 0 { return nil }
        var text = "L"  // a letter first, so no label reads as a number or a missing marker
        for _ in 0..<rng.nextIndex(below: 5) { text += pieces[rng.nextIndex(below: pieces.count)] }
        return text
    }
    let numbers = (0..<rows).map { _ in rng.nextIndex(below: 8) == 0 ? Double.nan : rng.nextGaussian() * 1e4 }
    let integers = (0..<rows).map { _ in Double(rng.nextIndex(below: 1000)) - 500 }
    let flags: [Bool?] = (0..<rows).map { _ in rng.nextIndex(below: 6) == 0 ? nil : rng.nextIndex(below: 2) == 0 }
    return try Table(columns: [
        Column(name: "label, \"quoted\"", labels: (0..<rows).map { _ in label() }),
        Column(name: "x", numeric: numbers),
        Column(name: "n", numeric: integers),
        Column(name: "flag", values: .boolean(flags, trueLabel: "Yes", falseLabel: "No")),
        Column(name: "ünïcode", labels: (0..<rows).map { _ in label() }),
    ])
}

@Test func randomTablesRoundTripThroughAFile() throws {
    var rng = SeededRandom(seed: 2024)
    let dir = temporaryDirectory("csvwriter")
    for round in 0..<5 {
        let table = try randomTable(rows: 200 + 100 * round, using: &rng)
        let path = dir + "/round\(round).csv"
        try CSVWriter.write(table, toFileAt: path)
        let back = try Table(csvAt: path, options: CSVReadOptions(blockSize: 1024, threadCount: 2))
        #expect(firstDifference(back, table) == nil)
        // Numbers come back bit for bit.
        if case .numeric(let a) = try back.column(named: "x").values, case .numeric(let b) = try table.column(named: "x").values {
            #expect(zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) })
        }
    }
}

@Test func streamingWriterCommitsChunksAtomically() throws {
    let dir = temporaryDirectory("csvwriter")
    let path = dir + "/scores.csv"
    let writer = try CSVStreamWriter(fileAt: path, header: ["id", "score"])
    for chunk in 0..<3 {
        let ids = (0..<1000).map { "c\(chunk * 1000 + $0)" }
        let scores = (0..<1000).map { Double(chunk * 1000 + $0) / 4096 }
        try writer.append(Table(columns: [Column(name: "id", labels: ids), Column(name: "score", numeric: scores)]))
    }
    try writer.append(row: ["last", nil])
    #expect(contents(path) == nil)
    try writer.commit()
    let back = try Table(csvAt: path)
    #expect(back.rowCount == 3001)
    if case .numeric(let scores) = try back.column(named: "score").values {
        #expect(scores[2999] == 2999.0 / 4096 && scores[3000].isNaN)
    }
}

@Test func streamingWriterRejectsMismatchedInput() throws {
    let dir = temporaryDirectory("csvwriter")
    let writer = try CSVStreamWriter(fileAt: dir + "/x.csv", header: ["a", "b"])
    #expect(csvError { try writer.append(row: ["1"]) } == .cannotWrite(file: dir + "/x.csv", reason: "a row has 1 fields, but the header has 2"))
    #expect(listing(dir).isEmpty)
    #expect(csvError { _ = try CSVStreamWriter(fileAt: "/nonexistent/x.csv", header: ["a"]) } != nil)
    #expect(csvError { _ = try CSVStreamWriter(fileAt: dir + "/y.csv", header: ["a"], options: CSVWriteOptions(delimiter: 0x22)) } != nil)
}

@Test func rowsOfStringsAreWritten() throws {
    let dir = temporaryDirectory("csvwriter")
    try CSVWriter.write(header: ["k", "v"], rows: [["a", "1"], ["b,c", nil]], toFileAt: dir + "/rows.csv")
    #expect(contents(dir + "/rows.csv") == Array("k,v\na,1\n\"b,c\",\n".utf8))
}
