#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the CSV reader splits, types and marks missing fields.
public struct CSVReadOptions: Sendable, Equatable {
    /// The field separator, one ASCII byte other than a quote, CR or LF (default `,`).
    public var delimiter: UInt8
    /// Whether the first record holds the column names (default true). Without a header the
    /// columns are called `column1`, `column2`, ...
    public var hasHeader: Bool
    /// Whether empty and whitespace-only fields are missing (default true).
    public var blankIsMissing: Bool
    /// Field texts that mean "missing", compared after trimming spaces and tabs, case-sensitively
    /// (default `NA`, `N/A`, `NaN`, `null`, `NULL`, `None`).
    public var missingMarkers: [String]
    /// Kinds that override inference, by column name (e.g. `["customerID": .categorical]`).
    /// `.numeric` makes any non-number an error; `.categorical` keeps numbers as labels;
    /// `.boolean` requires two labels forming a known pair (Yes/No, True/False, Y/N, 1/0).
    public var columnKinds: [String: ColumnKind]
    /// What to do with an inferred column that holds finite numbers but for a few cells (at most 1% of
    /// its non-missing cells and at most 100; see `NonNumericCells`): fail (default), read those
    /// cells as missing, or read the column as labels.
    public var nonNumericCells: NonNumericCellPolicy
    /// Bytes read from the file per block (default 8 MiB).
    public var blockSize: Int
    /// The longest record the reader accepts, in bytes (default 64 MiB): a record, or a quoted
    /// field that is never closed, running past it is `CSVError.recordTooLong` instead of
    /// memory that grows with the file.
    public var maxRecordBytes: Int
    /// Threads that parse a block (default: the number of online processors, at most 8).
    public var threadCount: Int

    /// The default missing markers.
    public static let defaultMissingMarkers = ["NA", "N/A", "NaN", "null", "NULL", "None"]

    /// Creates options; every parameter has the default described on its property.
    public init(
        delimiter: UInt8 = UInt8(ascii: ","), hasHeader: Bool = true, blankIsMissing: Bool = true,
        missingMarkers: [String] = CSVReadOptions.defaultMissingMarkers, columnKinds: [String: ColumnKind] = [:],
        nonNumericCells: NonNumericCellPolicy = .fail, blockSize: Int = 8 << 20, maxRecordBytes: Int = 64 << 20,
        threadCount: Int = CSVReadOptions.defaultThreadCount
    ) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.blankIsMissing = blankIsMissing
        self.missingMarkers = missingMarkers
        self.columnKinds = columnKinds
        self.nonNumericCells = nonNumericCells
        self.blockSize = blockSize
        self.maxRecordBytes = maxRecordBytes
        self.threadCount = threadCount
    }

    /// The number of online processors, between 1 and 8.
    public static var defaultThreadCount: Int {
        max(1, min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    }

    /// Checks the options.
    /// - Throws: `CSVError.invalidOptions` for a delimiter that is a quote, CR, LF, space, tab or
    ///   not ASCII, a block size or maximum record size below 1 KiB or a thread count below 1.
    func validate() throws(CSVError) {
        if delimiter >= 0x80 || [0x22, 0x0A, 0x0D].contains(delimiter) {
            throw .invalidOptions("the delimiter must be an ASCII character other than a quote, CR or LF")
        }
        if blankIsMissing, delimiter == 0x20 || delimiter == 0x09 {
            throw .invalidOptions("a space or tab delimiter needs blankIsMissing = false")
        }
        if blockSize < 1024 { throw .invalidOptions("blockSize must be at least 1024 bytes, not \(blockSize)") }
        if maxRecordBytes < 1024 { throw .invalidOptions("maxRecordBytes must be at least 1024 bytes, not \(maxRecordBytes)") }
        if threadCount < 1 { throw .invalidOptions("threadCount must be at least 1, not \(threadCount)") }
    }
}

/// Decides whether a field is missing: blank (if enabled) or equal to a marker after trimming.
struct _MissingMatcher: Sendable {
    private let blankIsMissing: Bool
    private let markers: [[UInt8]]

    init(_ options: CSVReadOptions) {
        blankIsMissing = options.blankIsMissing
        markers = options.missingMarkers.map { Array($0.utf8) }
    }

    /// Whether `bytes[0..<length]` is a missing value.
    @inline(__always)
    func isMissing(_ bytes: UnsafePointer<UInt8>, length: Int) -> Bool {
        var start = 0
        var end = length
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        if start == end { return blankIsMissing }
        let size = end - start
        for marker in markers where marker.count == size {
            var equal = true
            for k in 0..<size where marker[k] != bytes[start + k] {
                equal = false
                break
            }
            if equal { return true }
        }
        return false
    }
}
