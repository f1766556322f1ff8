import Testing
@testable import Tabular

/// `../shared/datasets` next to the package root (found from this file's path).
let sharedDatasets: String = {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/TabularTests/CSVReaderTests.swift
    return parts.joined(separator: "/") + "/../shared/datasets"
}()

/// Whether the shared data sets are present (tests that need them are skipped otherwise).
let sharedDatasetsAvailable: Bool = {
    var info = stat()
    return stat(sharedDatasets + "/telco-customer-churn.csv", &info) == 0
        && stat(sharedDatasets + "/hillstrom-email.csv", &info) == 0
}()

/// Reads CSV text from a string.
func readCSV(_ text: String, options: CSVReadOptions = CSVReadOptions()) throws(CSVError) -> Table {
    try Table(csvBytes: Array(text.utf8), name: "t.csv", options: options)
}

/// The error thrown by `body`, if any.
func csvError(_ body: () throws -> Void) -> CSVError? {
    do {
        try body()
        return nil
    } catch {
        return error as? CSVError
    }
}

#if canImport(Glibc)
import Glibc
#endif

@Test func infersNumericBooleanAndCategoricalColumns() throws {
    let table = try readCSV("id,x,flag,answer,city\nA1, 1.5 ,1,Yes,Paris\nA2,NA,0,no,\"Lyon\"\nA3,-2e3,,YES,Paris\n")
    #expect(table.rowCount == 3)
    #expect(table.columnNames == ["id", "x", "flag", "answer", "city"])
    #expect(try table.column(named: "id").values == .categorical(codes: [0, 1, 2], levels: ["A1", "A2", "A3"]))
    let x = try table.column(named: "x")
    guard case .numeric(let values) = x.values else { Issue.record("x is \(x.kind)"); return }
    #expect(values[0] == 1.5 && values[1].isNaN && values[2] == -2000)
    #expect(try table.column(named: "flag").values == .boolean([true, false, nil], trueLabel: "1", falseLabel: "0"))
    // Three spellings of yes/no are three labels: not a boolean pair.
    #expect(try table.column(named: "answer").kind == .categorical)
    #expect(try table.column(named: "city").values == .categorical(codes: [0, 1, 0], levels: ["Paris", "Lyon"]))
}

@Test func booleanPairsKeepTheFileSpelling() throws {
    let table = try readCSV("a,b,c\nNo,true,N\nYes,FALSE,Y\n")
    #expect(try table.column(named: "a").values == .boolean([false, true], trueLabel: "Yes", falseLabel: "No"))
    #expect(try table.column(named: "b").values == .boolean([true, false], trueLabel: "true", falseLabel: "FALSE"))
    #expect(try table.column(named: "c").values == .boolean([false, true], trueLabel: "Y", falseLabel: "N"))
}

@Test func numbersThenTextBecomeCategoricalWithExactLabels() throws {
    // Small blocks and 2 threads: the text appears blocks after the numbers, and the second pass
    // must give back the original spellings ("1.50", "007"). One text in 3,001 cells makes the
    // column almost numeric: read as labels only when asked (NonNumericCellsTests).
    var text = "n,v\n"
    for i in 0..<3000 { text += "\(i),\(i % 3 == 0 ? "1.50" : "007")\n" }
    text += "3000,abc\n"
    let options = CSVReadOptions(nonNumericCells: .category, blockSize: 1024, threadCount: 2)
    let table = try readCSV(text, options: options)
    let v = try table.column(named: "v")
    guard case .categorical(let codes, let levels) = v.values else { Issue.record("v is \(v.kind)"); return }
    #expect(levels == ["1.50", "007", "abc"])
    #expect(codes.count == 3001 && codes[0] == 0 && codes[1] == 1 && codes[3000] == 2)
    #expect(try table.column(named: "n").kind == .numeric)
}

@Test func leadingMissingThenTextNeedsNoSecondPass() throws {
    let table = try readCSV("a,b\n1,\n2,NA\n3,x\n4,y\n")
    #expect(try table.column(named: "b").values == .categorical(codes: [-1, -1, 0, 1], levels: ["x", "y"]))
}

@Test func columnKindsOverrideInference() throws {
    let options = CSVReadOptions(columnKinds: ["zip": .categorical, "flag": .boolean, "x": .numeric])
    let table = try readCSV("zip,flag,x\n01234,No,1\n98765,Yes,2\n", options: options)
    #expect(try table.column(named: "zip").values == .categorical(codes: [0, 1], levels: ["01234", "98765"]))
    #expect(try table.column(named: "flag").values == .boolean([false, true], trueLabel: "Yes", falseLabel: "No"))
    let bad = csvError { _ = try readCSV("zip,flag,x\n1,No,1\n2,Yes,oops\n", options: options) }
    #expect(bad == .notANumber(CSVPosition(file: "t.csv", line: 3, column: 3, columnName: "x"), value: "oops"))
    let notPair = csvError { _ = try readCSV("g,flag,x\n1,M,1\n2,F,2\n", options: CSVReadOptions(columnKinds: ["flag": .boolean])) }
    #expect(notPair == .notABooleanColumn(file: "t.csv", column: "flag", levels: ["M", "F"]))
}

@Test func strictBlanksGiveTheDocumentedMessage() {
    let options = CSVReadOptions(blankIsMissing: false, columnKinds: ["TotalCharges": .numeric])
    let error = csvError { _ = try readCSV("id,TotalCharges\n1,29.85\n2, \n", options: options) }
    #expect(error?.description == "t.csv: column \"TotalCharges\", line 3: \" \" is not a number")
}

@Test func emptyAndHeaderOnlyFilesAreErrors() {
    #expect(csvError { _ = try readCSV("") } == .emptyFile(file: "t.csv"))
    #expect(csvError { _ = try readCSV("\u{FEFF}\r\n\n") } == .emptyFile(file: "t.csv"))
    #expect(csvError { _ = try readCSV("a,b\r\n") } == .noDataRows(file: "t.csv"))
    #expect(csvError { _ = try readCSV("a,b") } == .noDataRows(file: "t.csv"))
}

@Test func headerProblemsAreReported() {
    #expect(csvError { _ = try readCSV("a,,c\n1,2,3\n") } == .emptyHeaderName(CSVPosition(file: "t.csv", line: 1, column: 2)))
    let duplicate = csvError { _ = try readCSV("\na,b,a\n1,2,3\n") }
    #expect(duplicate == .duplicateHeaderName(CSVPosition(file: "t.csv", line: 2, column: 3, columnName: "a"), firstColumn: 1))
}

@Test func readsWithoutHeaderAndWithOtherDelimiters() throws {
    let table = try readCSV("1;x\n2;y\n", options: CSVReadOptions(delimiter: UInt8(ascii: ";"), hasHeader: false))
    #expect(table.columnNames == ["column1", "column2"])
    #expect(table.rowCount == 2)
    #expect(try table.column(named: "column1").values == .numeric([1, 2]))
}

@Test func missingFileIsACannotOpenError() {
    let error = csvError { _ = try Table(csvAt: "/nonexistent/dir/x.csv") }
    #expect(error == .cannotOpen(file: "/nonexistent/dir/x.csv", reason: "No such file or directory"))
    #expect(csvError { _ = try Table(csvAt: "/tmp") } == .cannotOpen(file: "/tmp", reason: "it is a directory"))
}

@Test(.enabled(if: sharedDatasetsAvailable, "needs ../shared/datasets (the shared data sets) next to the package"))
func telcoFactsHold() throws {
    let table = try Table(csvAt: sharedDatasets + "/telco-customer-churn.csv")
    #expect(table.rowCount == 7043)
    #expect(table.columns.count == 21)
    let total = try table.column(named: "TotalCharges")
    #expect(total.kind == .numeric)
    #expect(total.missingCount == 11)
    #expect(try table.column(named: "SeniorCitizen").values.booleanLabels == ["1", "0"])
    let churn = try table.column(named: "Churn")
    guard case .boolean(let values, let t, let f) = churn.values else { Issue.record("Churn is \(churn.kind)"); return }
    #expect(t == "Yes" && f == "No")
    #expect(values.filter { $0 == true }.count == 1869)
    #expect(try table.column(named: "customerID").kind == .categorical)
    if case .categorical(_, let levels) = try table.column(named: "PaymentMethod").values {
        #expect(levels.sorted() == ["Bank transfer (automatic)", "Credit card (automatic)", "Electronic check", "Mailed check"])
    }
    if case .numeric(let monthly) = try table.column(named: "MonthlyCharges").values {
        #expect(monthly.min() == 18.25 && monthly.max() == 118.75)
    }
}

@Test(.enabled(if: sharedDatasetsAvailable, "needs ../shared/datasets (the shared data sets) next to the package"))
func hillstromFactsHold() throws {
    let table = try Table(csvAt: sharedDatasets + "/hillstrom-email.csv", options: CSVReadOptions(blockSize: 64 << 10))
    #expect(table.rowCount == 64000)
    #expect(table.columns.count == 12)
    let segment = try table.column(named: "history_segment")
    guard case .categorical(let codes, let levels) = segment.values else { Issue.record("history_segment is \(segment.kind)"); return }
    #expect(levels.count == 7)
    let k = try #require(levels.firstIndex(of: "6) $750 - $1,000"))
    #expect(codes.filter { $0 == Int32(k) }.count == 1859)
    #expect(levels.contains("7) $1,000 +"))
    if case .numeric(let spend) = try table.column(named: "spend").values {
        let total: Double = spend.reduce(0, +)
        let expected: Double = 13908.33 + 30311.69 + 23038.11  // SOURCES.md per-arm sums
        #expect(abs(total - expected) < 1e-6)
    }
    #expect(try table.column(named: "visit").kind == .boolean)
}

extension ColumnValues {
    /// (true, false) labels of a boolean column, else nil.
    var booleanLabels: [String]? {
        if case .boolean(_, let t, let f) = self { return [t, f] }
        return nil
    }
}

/// Issue 13: a file with 100,000 columns and 20 rows took 3.4 GB because the first guess of rows per
/// block assumed 64 bytes per record and every column reserved that many values. A record has at
/// least one byte per field, so the guess (which sizes every column) is at most size / columns.
@Test func manyColumnsDoNotReserveRowsFromA64ByteGuess() throws {
    let columns = 10_000
    var text = (0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n"
    for row in 0..<20 { text += (0..<columns).map { String(($0 + row) % 10) }.joined(separator: ",") + "\n" }
    let reader = try _CSVBlockReader(input: _CSVInput(bytes: Array(text.utf8), name: "wide.csv"), options: CSVReadOptions())
    #expect(reader.names.count == columns)
    #expect(reader.estimatedRemainingRows <= text.utf8.count / columns)
    let table = try Table(csvBytes: Array(text.utf8), name: "wide.csv")
    #expect(table.rowCount == 20 && table.columns.count == columns)
}
