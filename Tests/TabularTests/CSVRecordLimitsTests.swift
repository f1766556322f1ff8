import Testing
@testable import Tabular

@Test func aRecordLongerThanTheLimitNamesTheLimitNotAnUnclosedQuote() {
    // A valid 5 KiB quoted field with a limit of 1 KiB (blocks of 1 KiB): the message says the limit.
    let text = "a,b\n1,2\n3,\"" + String(repeating: "x", count: 5 << 10) + "\"\n4,5\n"
    let options = CSVReadOptions(blockSize: 1024, maxRecordBytes: 1024)
    let error = csvError { _ = try readCSV(text, options: options) }
    #expect(error == .recordTooLong(CSVPosition(file: "t.csv", line: 3, column: 1), limit: 1024))
    #expect(error?.description == "t.csv: line 3: no record ends within 1024 bytes, the maximum record size: a quoted field is not closed, "
        + "or the record is longer; if it is valid, raise the maximum record size (CSVReadOptions.maxRecordBytes)")
    // With room for it, the same file reads, the field intact.
    let table = try? readCSV(text, options: CSVReadOptions(blockSize: 1024, maxRecordBytes: 64 << 10))
    #expect(table?.rowCount == 3)
    #expect(CSVError.recordTooLong(CSVPosition(file: "f", line: 1, column: 1), limit: 64 << 20).description.contains("within 64 MiB"))
    // A long record inside one block is refused too: the limit does not depend on the block size.
    #expect(csvError { _ = try readCSV(text, options: CSVReadOptions(maxRecordBytes: 1024)) }
        == .recordTooLong(CSVPosition(file: "t.csv", line: 3, column: 1), limit: 1024))
    #expect(csvError { try CSVReadOptions(maxRecordBytes: 10).validate() } == .invalidOptions("maxRecordBytes must be at least 1024 bytes, not 10"))
}

@Test func loneCarriageReturnLineEndsAreNamedAsSuch() {
    // Classic Mac OS line ends: the file is one record, whose header fields hold CRs; before, two
    // equal pieces of such fields were reported as a duplicate header name.
    let error = csvError { _ = try readCSV("id,x\r1,2\r2,2\r") }
    #expect(error == .loneCarriageReturn(CSVPosition(file: "t.csv", line: 1, column: 2)))
    #expect(error?.description.contains("lines that end with a lone CR (classic Mac OS) end no record") == true)
    // CRLF files are not affected.
    #expect((try? readCSV("id,x\r\n1,2\r\n"))?.rowCount == 1)
}
