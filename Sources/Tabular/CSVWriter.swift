/// How `CSVWriter` formats fields.
public struct CSVWriteOptions: Sendable, Equatable {
    /// The field separator, one ASCII byte other than a quote, CR or LF (default `,`).
    public var delimiter: UInt8
    /// The text of a missing value (default empty).
    public var missing: String

    /// Creates options with the defaults described on the properties.
    public init(delimiter: UInt8 = UInt8(ascii: ","), missing: String = "") {
        self.delimiter = delimiter
        self.missing = missing
    }

    func validate(file: String) throws(CSVError) {
        if delimiter >= 0x80 || [0x22, 0x0A, 0x0D].contains(delimiter) {
            throw .invalidOptions("the delimiter must be an ASCII character other than a quote, CR or LF")
        }
    }
}

/// Writes CSV text (RFC 4180 quoting, LF line ends) to bytes or, atomically, to files.
///
/// A field is quoted when it contains the delimiter, a quote, CR or LF; quotes inside are doubled.
/// Numbers are written as `Column.text(at:)` gives them (integers without a decimal point, others
/// in Swift's shortest round-trip form), so reading the file back gives the same doubles. Missing
/// values are written as `CSVWriteOptions.missing`; a label that reads as missing (empty, "NA", ...)
/// or as a number does not survive a round trip with inference.
public enum CSVWriter {
    /// The CSV text of a table: a header row, then one row per table row.
    /// - Parameters:
    ///   - table: the table.
    ///   - options: delimiter and missing text.
    /// - Returns: the UTF-8 bytes.
    /// - Complexity: O(n * d).
    public static func encode(_ table: Table, options: CSVWriteOptions = CSVWriteOptions()) -> [UInt8] {
        var out: [UInt8] = []
        appendRow(table.columnNames, to: &out, options: options)
        appendRows(of: table, to: &out, options: options)
        return out
    }

    /// Writes a table to a file atomically (temporary file beside it, then rename).
    /// - Parameters:
    ///   - table: the table.
    ///   - path: the destination.
    ///   - options: delimiter and missing text.
    ///   - replacing: whether an existing file may be replaced (default true).
    /// - Throws: `CSVError.cannotWrite` with the reason, or `.invalidOptions`.
    /// - Complexity: O(n * d).
    public static func write(
        _ table: Table, toFileAt path: String, options: CSVWriteOptions = CSVWriteOptions(), replacing: Bool = true
    ) throws(CSVError) {
        let writer = try CSVStreamWriter(fileAt: path, header: table.columnNames, options: options)
        try writer.append(table)
        try writer.commit(replacing: replacing)
    }

    /// Writes a header and rows of texts (`nil` = missing) to a file atomically.
    /// - Parameters:
    ///   - header: the column names.
    ///   - rows: the rows, each with `header.count` fields.
    ///   - path: the destination.
    ///   - options: delimiter and missing text.
    ///   - replacing: whether an existing file may be replaced.
    /// - Throws: `CSVError.cannotWrite` (also for a row of the wrong length), or `.invalidOptions`.
    /// - Complexity: O(total text).
    public static func write(
        header: [String], rows: [[String?]], toFileAt path: String, options: CSVWriteOptions = CSVWriteOptions(),
        replacing: Bool = true
    ) throws(CSVError) {
        let writer = try CSVStreamWriter(fileAt: path, header: header, options: options)
        for row in rows { try writer.append(row: row) }
        try writer.commit(replacing: replacing)
    }

    /// Appends one record (fields quoted as needed, LF at the end).
    static func appendRow(_ fields: [String?], to out: inout [UInt8], options: CSVWriteOptions) {
        for (k, field) in fields.enumerated() {
            if k > 0 { out.append(options.delimiter) }
            appendField(field ?? options.missing, to: &out, delimiter: options.delimiter)
        }
        out.append(0x0A)
    }

    /// Appends every row of `table`.
    static func appendRows(of table: Table, to out: inout [UInt8], options: CSVWriteOptions) {
        var fields = [String?](repeating: nil, count: table.columns.count)
        for row in 0..<table.rowCount {
            for (c, column) in table.columns.enumerated() { fields[c] = column.text(at: row) }
            appendRow(fields, to: &out, options: options)
        }
    }

    /// Appends one field, quoted when it holds the delimiter, a quote, CR or LF.
    static func appendField(_ text: String, to out: inout [UInt8], delimiter: UInt8) {
        let utf8 = text.utf8
        let needsQuotes = utf8.contains { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            out.append(contentsOf: utf8)
            return
        }
        out.append(0x22)
        for byte in utf8 {
            out.append(byte)
            if byte == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
    }
}

/// Writes a CSV file of any size in pieces, committed atomically at the end: the file appears at
/// its path complete on `commit()`, or not at all.
///
/// ```swift
/// let out = try CSVStreamWriter(fileAt: "scores.csv", header: ["customerID", "score"])
/// while let chunk = try reader.next() { try out.append(scored(chunk)) }
/// try out.commit()
/// ```
public final class CSVStreamWriter {
    /// The destination path.
    public let path: String
    /// The column names written in the header.
    public let header: [String]
    private let options: CSVWriteOptions
    private let file: AtomicFile
    private var buffer: [UInt8] = []

    /// Creates the temporary file and writes the header.
    /// - Parameters:
    ///   - path: the destination.
    ///   - header: the column names.
    ///   - options: delimiter and missing text.
    /// - Throws: `CSVError.cannotWrite` (for example a missing directory) or `.invalidOptions`.
    public init(fileAt path: String, header: [String], options: CSVWriteOptions = CSVWriteOptions()) throws(CSVError) {
        try options.validate(file: path)
        self.path = path
        self.header = header
        self.options = options
        do {
            file = try AtomicFile(path: path)
        } catch {
            throw .cannotWrite(file: path, reason: error.reason)
        }
        CSVWriter.appendRow(header, to: &buffer, options: options)
    }

    /// Appends the rows of a table whose column names equal the header.
    /// - Throws: `CSVError.cannotWrite` when the names differ or writing fails (the file is then
    ///   abandoned).
    /// - Complexity: O(rows * columns).
    public func append(_ table: Table) throws(CSVError) {
        guard table.columnNames == header else {
            file.abandon()
            throw .cannotWrite(file: path, reason: "the columns \(table.columnNames) differ from the header \(header)")
        }
        CSVWriter.appendRows(of: table, to: &buffer, options: options)
        try flushIfLarge()
    }

    /// Appends one row of texts (`nil` = missing).
    /// - Throws: `CSVError.cannotWrite` when the row does not have `header.count` fields or writing fails.
    public func append(row: [String?]) throws(CSVError) {
        guard row.count == header.count else {
            file.abandon()
            throw .cannotWrite(file: path, reason: "a row has \(row.count) fields, but the header has \(header.count)")
        }
        CSVWriter.appendRow(row, to: &buffer, options: options)
        try flushIfLarge()
    }

    /// Writes out everything and moves the file into place atomically.
    /// - Parameter replacing: whether an existing file may be replaced (default true).
    /// - Throws: `CSVError.cannotWrite` with the reason (the temporary file is removed).
    public func commit(replacing: Bool = true) throws(CSVError) {
        do {
            try file.write(buffer)
            buffer = []
            try file.commit(replacing: replacing)
        } catch {
            throw .cannotWrite(file: path, reason: error.reason)
        }
    }

    /// Discards the output; the destination is left as it was.
    public func abandon() { file.abandon() }

    private func flushIfLarge() throws(CSVError) {
        guard buffer.count >= 1 << 20 else { return }
        do {
            try file.write(buffer)
        } catch {
            throw .cannotWrite(file: path, reason: error.reason)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
