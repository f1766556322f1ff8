import Testing
@testable import Tabular

/// The messages are one line, name the file and say what and where (hand-written expectations).
@Test func messagesNameFileLineAndColumn() {
    let at = CSVPosition(file: "telco.csv", line: 489, column: 20, columnName: "TotalCharges")
    #expect(CSVError.notANumber(at, value: " ").description == "telco.csv: column \"TotalCharges\", line 489: \" \" is not a number")
    let ragged = CSVError.raggedRow(CSVPosition(file: "a.csv", line: 7, column: 4), expected: 3, found: 4)
    #expect(ragged.description == "a.csv: line 7: expected 3 fields, found 4")
    let quote = CSVError.unterminatedQuote(CSVPosition(file: "a.csv", line: 2, column: 1))
    #expect(quote.description == "a.csv: line 2, column 1: the quoted field opened here is never closed")
    let utf8 = CSVError.invalidUTF8(CSVPosition(file: "a.csv", line: 3, column: 2, columnName: "name"), byteOffset: 17)
    #expect(utf8.description == "a.csv: column \"name\", line 3: invalid UTF-8 at byte offset 17")
    #expect(CSVError.emptyFile(file: "e.csv").description == "e.csv: the file is empty (no header row)")
    #expect(CSVError.noDataRows(file: "h.csv").description == "h.csv: the file has a header but no data rows")
    #expect(CSVError.cannotOpen(file: "x.csv", reason: "No such file or directory").description
        == "x.csv: cannot open: No such file or directory")
    let duplicate = CSVError.duplicateHeaderName(CSVPosition(file: "d.csv", line: 1, column: 3, columnName: "a"), firstColumn: 1)
    #expect(duplicate.description == "d.csv: line 1, column 3: the header name \"a\" already names column 1")
    let boolean = CSVError.notABoolean(CSVPosition(file: "b.csv", line: 5, column: 2, columnName: "Churn"),
                                       value: "Maybe", trueLabel: "Yes", falseLabel: "No")
    #expect(boolean.description == "b.csv: column \"Churn\", line 5: \"Maybe\" is neither \"Yes\" nor \"No\"")
}

@Test func everyMessageIsOneLine() {
    let at = CSVPosition(file: "f.csv", line: 1, column: 1)
    let errors: [CSVError] = [
        .cannotOpen(file: "f.csv", reason: "r"), .cannotRead(file: "f.csv", reason: "r"), .cannotWrite(file: "f.csv", reason: "r"),
        .emptyFile(file: "f.csv"), .noDataRows(file: "f.csv"), .emptyHeaderName(at), .duplicateHeaderName(at, firstColumn: 1),
        .raggedRow(at, expected: 2, found: 1), .unterminatedQuote(at), .quoteInUnquotedField(at), .textAfterClosingQuote(at),
        .invalidUTF8(at, byteOffset: 0), .notANumber(at, value: "a\nb"), .notABoolean(at, value: "x", trueLabel: "1", falseLabel: "0"),
        .notABooleanColumn(file: "f.csv", column: "c", levels: ["a", "b", "c"]), .recordTooLong(at, limit: 1 << 20),
        .loneCarriageReturn(at),
        .nonNumericCells(NonNumericCells(file: "f.csv", column: "c", count: 1, nonMissing: 100,
                                         first: [CSVCellSample(line: 2, value: "a\rb")], policy: .fail)),
    ]
    for error in errors {
        #expect(!error.description.contains("\n"))
        #expect(error.description.hasPrefix("f.csv"))
    }
    #expect(CSVError.invalidOptions("bad").description == "invalid CSV options: bad")
}

@Test func quotedValuesAreEscapedAndShortened() {
    #expect(_quoted("a\"b\n") == "\"a\\\"b\\n\"")
    #expect(_quoted(String(repeating: "x", count: 70)) == "\"" + String(repeating: "x", count: 60) + "...\"")
}
