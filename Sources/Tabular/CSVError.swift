/// Where in a CSV file a problem was found.
public struct CSVPosition: Sendable, Equatable, CustomStringConvertible {
    /// The file's name as shown in messages (its path, or the name given for in-memory bytes).
    public var file: String
    /// 1-based physical line (lines inside quoted fields count).
    public var line: Int
    /// 1-based field index within the record.
    public var column: Int
    /// The header name of that field, when known.
    public var columnName: String?

    /// Creates a position.
    public init(file: String, line: Int, column: Int, columnName: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
    }

    /// `file, column "name", line L` (or `file, line L, column C` when the name is unknown).
    public var description: String {
        if let columnName { return "\(file): column \"\(columnName)\", line \(line)" }
        return "\(file): line \(line), column \(column)"
    }
}

/// Errors of the CSV reader and writer: what went wrong and where (file, line, column).
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened; `reason` is the operating system's message.
    case cannotOpen(file: String, reason: String)
    /// Reading the file failed after it was opened.
    case cannotRead(file: String, reason: String)
    /// Writing or committing an output file failed.
    case cannotWrite(file: String, reason: String)
    /// The file holds no header (no bytes, only a byte order mark, or only blank lines).
    case emptyFile(file: String)
    /// The file holds a header but no data rows.
    case noDataRows(file: String)
    /// A header name is empty (or only spaces).
    case emptyHeaderName(CSVPosition)
    /// Two header fields have the same name; `firstColumn` is the 1-based index of the first.
    case duplicateHeaderName(CSVPosition, firstColumn: Int)
    /// A record has `found` fields where the header has `expected`.
    case raggedRow(CSVPosition, expected: Int, found: Int)
    /// A quoted field is not closed before the end of the file; the position is where it opened.
    case unterminatedQuote(CSVPosition)
    /// A quote appears inside a field that does not start with a quote.
    case quoteInUnquotedField(CSVPosition)
    /// A closing quote is followed by something other than a delimiter or a line end.
    case textAfterClosingQuote(CSVPosition)
    /// A field holds bytes that are not UTF-8; `byteOffset` is the 0-based offset in the file.
    case invalidUTF8(CSVPosition, byteOffset: Int)
    /// No record ends within `limit` bytes from the record at the position (`CSVReadOptions.maxRecordBytes`):
    /// a quoted field is not closed, or the record is longer than the limit.
    case recordTooLong(CSVPosition, limit: Int)
    /// The header holds a carriage return that is not followed by a line feed: the file's lines
    /// end with lone CRs (classic Mac OS), which end no record.
    case loneCarriageReturn(CSVPosition)
    /// A field of a numeric column is neither a number nor a missing marker.
    case notANumber(CSVPosition, value: String)
    /// A field of a boolean column is neither of its two labels nor a missing marker.
    case notABoolean(CSVPosition, value: String, trueLabel: String, falseLabel: String)
    /// A column declared boolean does not hold a known pair of labels.
    case notABooleanColumn(file: String, column: String, levels: [String])
    /// An inferred column holds finite numbers but for a few cells and `CSVReadOptions.nonNumericCells`
    /// is `.fail`.
    case nonNumericCells(NonNumericCells)
    /// The reading or writing options are inconsistent (for example a delimiter that is a quote).
    case invalidOptions(String)

    /// A one-line human-readable explanation that names the file.
    public var description: String {
        switch self {
        case .cannotOpen(let file, let reason):
            return "\(file): cannot open: \(reason)"
        case .cannotRead(let file, let reason):
            return "\(file): cannot read: \(reason)"
        case .cannotWrite(let file, let reason):
            return "\(file): cannot write: \(reason)"
        case .emptyFile(let file):
            return "\(file): the file is empty (no header row)"
        case .noDataRows(let file):
            return "\(file): the file has a header but no data rows"
        case .emptyHeaderName(let at):
            return "\(at.file): line \(at.line), column \(at.column): the header name is empty"
        case .duplicateHeaderName(let at, let first):
            return "\(at.file): line \(at.line), column \(at.column): the header name \"\(at.columnName ?? "")\" "
                + "already names column \(first)"
        case .raggedRow(let at, let expected, let found):
            return "\(at.file): line \(at.line): expected \(expected) fields, found \(found)"
        case .unterminatedQuote(let at):
            return "\(at): the quoted field opened here is never closed"
        case .quoteInUnquotedField(let at):
            return "\(at): a quote inside an unquoted field (quote the whole field and double the quote)"
        case .textAfterClosingQuote(let at):
            return "\(at): text follows the closing quote of a quoted field"
        case .invalidUTF8(let at, let offset):
            return "\(at): invalid UTF-8 at byte offset \(offset)"
        case .recordTooLong(let at, let limit):
            return "\(at.file): line \(at.line): no record ends within \(_mebibytes(limit)), the maximum record size: a quoted field "
                + "is not closed, or the record is longer; if it is valid, raise the maximum record size (CSVReadOptions.maxRecordBytes)"
        case .loneCarriageReturn(let at):
            return "\(at.file): line \(at.line), column \(at.column): the header holds a carriage return (CR) without a line feed; "
                + "lines that end with a lone CR (classic Mac OS) end no record: convert the line ends to LF or CRLF"
        case .notANumber(let at, let value):
            return "\(at): \(_quoted(value)) is not a number"
        case .notABoolean(let at, let value, let t, let f):
            return "\(at): \(_quoted(value)) is neither \(_quoted(t)) nor \(_quoted(f))"
        case .notABooleanColumn(let file, let column, let levels):
            let shown = levels.prefix(5).map(_quoted).joined(separator: ", ")
            return "\(file): column \"\(column)\" is declared boolean but holds \(shown)\(levels.count > 5 ? ", ..." : ""); "
                + "expected two labels such as Yes/No, True/False, Y/N or 1/0"
        case .nonNumericCells(let cells):
            return "\(cells.finding); read them as missing or the column as labels with the non-numeric cells option"
        case .invalidOptions(let message):
            return "invalid CSV options: \(message)"
        }
    }
}

/// A byte count in MiB (`64 MiB`), or in bytes when it is not a whole number of MiB.
func _mebibytes(_ bytes: Int) -> String {
    bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
}

/// A value in double quotes, shortened to 60 characters, control characters escaped (`\\n`, `\\u{0}`).
func _quoted(_ value: String) -> String {
    var shown = ""
    for scalar in value.unicodeScalars.prefix(60) {
        switch scalar {
        case "\n": shown += "\\n"
        case "\r": shown += "\\r"
        case "\t": shown += "\\t"
        case "\"": shown += "\\\""
        case _ where scalar.value < 0x20 || scalar.value == 0x7F: shown += "\\u{\(String(scalar.value, radix: 16))}"
        default: shown.unicodeScalars.append(scalar)
        }
    }
    if value.unicodeScalars.count > 60 { shown += "..." }
    return "\"\(shown)\""
}
