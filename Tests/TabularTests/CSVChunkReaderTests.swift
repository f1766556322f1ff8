import Testing
@testable import Tabular

/// Row `row` of `table` as texts.
private func texts(_ table: Table, _ row: Int) -> [String?] { table.columns.map { $0.text(at: row) } }

@Test func chunksConcatenateToTheWholeFileTable() throws {
    var text = "id,x,flag,city\n"
    var rng = SeededRandom(seed: 3)
    let cities = ["Paris", "Lyon", "Nice, France", "Zürich"]
    for i in 0..<2500 {
        let city = cities[rng.nextIndex(below: cities.count)]
        text += "c\(i),\(Double(rng.nextIndex(below: 10_000)) / 100),\(rng.nextIndex(below: 2)),\"\(city)\"\n"
    }
    let bytes = Array(text.utf8)
    let whole = try Table(csvBytes: bytes)
    let reader = try CSVChunkReader(bytes: bytes, rowsPerChunk: 700, sampleRows: 100,
                                    options: CSVReadOptions(blockSize: 2048, threadCount: 2))
    #expect(reader.schema.columns.map(\.kind) == [.categorical, .numeric, .boolean, .categorical])
    var row = 0
    var sizes: [Int] = []
    while let chunk = try reader.next() {
        sizes.append(chunk.rowCount)
        #expect(chunk.columnNames == whole.columnNames)
        #expect(chunk.columns.map(\.kind) == whole.columns.map(\.kind))
        for r in 0..<chunk.rowCount {
            #expect(texts(chunk, r) == texts(whole, row))
            row += 1
        }
    }
    #expect(sizes == [700, 700, 700, 400])
    #expect(row == 2500 && reader.rowsRead == 2500)
    #expect(try reader.next() == nil)
}

@Test func oneRowChunksMatchTheWholeFileTable() throws {
    // Issue 13: --chunk-rows 1 re-coded the rest of the block for every chunk (quadratic); chunks
    // taken from one block must still carry each row's own labels and numbers.
    var text = "id,x,city\n"
    for i in 0..<300 { text += "c\(i),\(i % 7),\(["Paris", "Lyon", "Nice"][i % 3])\n" }
    let bytes = Array(text.utf8)
    let whole = try Table(csvBytes: bytes)
    let reader = try CSVChunkReader(bytes: bytes, rowsPerChunk: 1, sampleRows: 50,
                                    options: CSVReadOptions(blockSize: 1024, threadCount: 1))
    var row = 0
    while let chunk = try reader.next() {
        #expect(chunk.rowCount == 1)
        #expect(texts(chunk, 0) == texts(whole, row))
        row += 1
    }
    #expect(row == 300 && reader.rowsRead == 300)
}

@Test func aGivenSchemaFixesKindsAndLevels() throws {
    let schema = CSVSchema(columns: [
        CSVColumnSpec(name: "id", kind: .categorical, levels: ["z"]),
        CSVColumnSpec(name: "churn", kind: .boolean, trueLabel: "Yes", falseLabel: "No"),
    ])
    let reader = try CSVChunkReader(bytes: Array("id,churn,v\n1,yes,2\n2,No,\n".utf8), schema: schema)
    let chunk = try #require(try reader.next())
    #expect(try chunk.column(named: "id").values == .categorical(codes: [1, 2], levels: ["z", "1", "2"]))
    #expect(try chunk.column(named: "churn").values == .boolean([true, false], trueLabel: "Yes", falseLabel: "No"))
    #expect(try chunk.column(named: "v").values.isNumeric)
}

@Test func valuesThatDoNotFitTheSchemaAreErrors() throws {
    var text = "x,f\n"
    for i in 0..<50 { text += "\(i),\(i % 2)\n" }
    text += "oops,1\n51,2\n"
    let reader = try CSVChunkReader(bytes: Array(text.utf8), name: "s.csv", rowsPerChunk: 10, sampleRows: 20)
    var error: CSVError?
    do {
        while try reader.next() != nil {}
    } catch let e {
        error = e
    }
    #expect(error == .notANumber(CSVPosition(file: "s.csv", line: 52, column: 1, columnName: "x"), value: "oops"))
    let booleans = try CSVChunkReader(bytes: Array("f\n1\n0\n2\n".utf8), name: "b.csv", sampleRows: 2)
    #expect(csvError { _ = try booleans.next() }
        == .notABoolean(CSVPosition(file: "b.csv", line: 4, column: 1, columnName: "f"), value: "2", trueLabel: "1", falseLabel: "0"))
}

@Test func headerOnlyAndBadArgumentsAreErrors() {
    #expect(csvError { _ = try CSVChunkReader(bytes: Array("a,b\n".utf8), name: "h.csv") } == .noDataRows(file: "h.csv"))
    #expect(csvError { _ = try CSVChunkReader(bytes: Array("a\n1\n".utf8), rowsPerChunk: 0) } != nil)
}

@Test(.enabled(if: sharedDatasetsAvailable, "needs ../shared/datasets (the shared data sets) next to the package"))
func telcoInChunksMatchesTheWholeFile() throws {
    let path = sharedDatasets + "/telco-customer-churn.csv"
    let whole = try Table(csvAt: path)
    let reader = try CSVChunkReader(fileAt: path, rowsPerChunk: 1000, schema: CSVSchema(of: whole))
    var churned = 0
    var rows = 0
    while let chunk = try reader.next() {
        if case .boolean(let values, _, _) = try chunk.column(named: "Churn").values { churned += values.filter { $0 == true }.count }
        #expect(try chunk.column(named: "TotalCharges").kind == .numeric)
        rows += chunk.rowCount
    }
    #expect(rows == 7043 && churned == 1869)
}

extension ColumnValues {
    var isNumeric: Bool {
        if case .numeric = self { return true }
        return false
    }
}
