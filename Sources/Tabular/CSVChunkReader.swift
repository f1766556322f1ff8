/// Reads a CSV file in chunks of at most `rowsPerChunk` rows with a fixed schema, so a file of any
/// length is processed in bounded memory (one block of bytes plus about one chunk of values).
///
/// The schema is given, or inferred from the first `sampleRows` records (as `Table(csvAt:)` infers,
/// except that a column with numbers then text in the sample is categorical). Every chunk has the
/// same column names and kinds; a later field that does not fit (text in a numeric column, a third
/// label in a boolean column) is a `CSVError` naming its line. Categorical chunks list the schema's
/// levels first, then the labels new in that chunk in order of first appearance, so codes of
/// schema levels are the same in every chunk; compare labels, not codes, across chunks.
///
/// ```swift
/// let reader = try CSVChunkReader(fileAt: "customers.csv", rowsPerChunk: 100_000)
/// while let chunk = try reader.next() { score(chunk) }
/// ```
public final class CSVChunkReader {
    /// The name used in messages (the path, or the name given for bytes).
    public let file: String
    /// One spec per file column, in file order.
    public let schema: CSVSchema
    /// The largest number of rows in a chunk.
    public let rowsPerChunk: Int
    /// Rows returned so far.
    public private(set) var rowsRead = 0

    private let reader: _CSVBlockReader
    private let plans: [_ColumnPlan]
    private var pending: [_ColumnPiece]
    private var pendingRows = 0
    /// Rows at the start of `pending` already returned in a chunk.
    private var consumedRows = 0
    private var exhausted = false

    /// Opens a CSV file for reading in chunks.
    /// - Parameters:
    ///   - path: the file's path.
    ///   - rowsPerChunk: the largest chunk (at least 1).
    ///   - schema: kinds by column name; file columns it does not name are inferred from the sample.
    ///   - sampleRows: records used to infer kinds (default 10,000).
    ///   - options: delimiter, missing markers, kind overrides, block size, threads.
    /// - Throws: `CSVError`: I/O failures, an empty file, no data rows, a bad header, malformed
    ///   records in the sample, a column declared boolean whose sample is not a boolean pair.
    /// - Complexity: O(sample bytes).
    public convenience init(
        fileAt path: String, rowsPerChunk: Int = 65_536, schema: CSVSchema? = nil, sampleRows: Int = 10_000,
        options: CSVReadOptions = CSVReadOptions()
    ) throws(CSVError) {
        try self.init(input: try _CSVInput(path: path), rowsPerChunk: rowsPerChunk, schema: schema,
                      sampleRows: sampleRows, options: options)
    }

    /// Reads CSV bytes in memory in chunks (see `init(fileAt:rowsPerChunk:schema:sampleRows:options:)`).
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - name: the name used in messages.
    ///   - rowsPerChunk: the largest chunk (at least 1).
    ///   - schema: kinds by column name.
    ///   - sampleRows: records used to infer kinds.
    ///   - options: the reading options.
    /// - Throws: `CSVError`, as the file initializer.
    public convenience init(
        bytes: [UInt8], name: String = "<memory>", rowsPerChunk: Int = 65_536, schema: CSVSchema? = nil,
        sampleRows: Int = 10_000, options: CSVReadOptions = CSVReadOptions()
    ) throws(CSVError) {
        try self.init(input: _CSVInput(bytes: bytes, name: name), rowsPerChunk: rowsPerChunk, schema: schema,
                      sampleRows: sampleRows, options: options)
    }

    private init(input: _CSVInput, rowsPerChunk: Int, schema given: CSVSchema?, sampleRows: Int, options: CSVReadOptions)
        throws(CSVError)
    {
        guard rowsPerChunk >= 1 else { throw .invalidOptions("rowsPerChunk must be at least 1, not \(rowsPerChunk)") }
        guard sampleRows >= 1 else { throw .invalidOptions("sampleRows must be at least 1, not \(sampleRows)") }
        reader = try _CSVBlockReader(input: input, options: options)
        file = reader.file
        self.rowsPerChunk = rowsPerChunk
        let names = reader.names
        let initial: [_ColumnPiece] = names.map { name in
            switch options.columnKinds[name] {
            case .numeric: return _ColumnPiece(mode: .strictNumeric)
            case .categorical, .boolean: return _ColumnPiece(mode: .text)
            case nil: return _ColumnPiece(mode: .inferNumeric)
            }
        }
        guard let sample = try reader.nextBlock(plans: initial.map { _ColumnPlan(mode: $0.mode) }, maxRows: sampleRows, peek: true),
            let first = sample.first, first.rows > 0
        else { throw .noDataRows(file: reader.file) }
        var specs: [CSVColumnSpec] = []
        for c in names.indices {
            if let spec = given?.column(named: names[c]) {
                specs.append(spec)
                continue
            }
            var piece = first.pieces[c]
            if piece.demoted { piece = _ColumnPiece(mode: .text) }
            let column = try _CSVTableReader.column(names[c], piece, declared: options.columnKinds[names[c]], file: reader.file)
            switch column.values {
            case .numeric: specs.append(CSVColumnSpec(name: names[c], kind: .numeric))
            case .categorical: specs.append(CSVColumnSpec(name: names[c], kind: .categorical))
            case .boolean(_, let t, let f): specs.append(CSVColumnSpec(name: names[c], kind: .boolean, trueLabel: t, falseLabel: f))
            }
        }
        schema = CSVSchema(columns: specs)
        plans = specs.map { spec in
            switch spec.kind {
            case .numeric: return _ColumnPlan(mode: .strictNumeric)
            case .categorical: return _ColumnPlan(mode: .text)
            case .boolean: return _ColumnPlan(mode: .text, allowedLabels: [spec.trueLabel, spec.falseLabel])
            }
        }
        pending = plans.map { _ColumnPiece(mode: $0.mode) }
    }

    /// The next chunk of at most `rowsPerChunk` rows, or nil after the last row.
    /// - Throws: `CSVError` for malformed records or values that do not fit the schema, with file
    ///   positions; after an error the reader should not be used further.
    /// - Complexity: O(bytes of the chunk + rowsPerChunk * columns).
    public func next() throws(CSVError) -> Table? {
        while pendingRows - consumedRows < rowsPerChunk, !exhausted {
            guard let parts = try reader.nextBlock(plans: plans) else {
                exhausted = true
                break
            }
            if consumedRows > 0 {
                // Drop the rows already handed out once per block, not once per chunk.
                for c in pending.indices {
                    pending[c] = pending[c].rows(consumedRows..<pendingRows, seedLevels: [])
                }
                pendingRows -= consumedRows
                consumedRows = 0
            }
            for part in parts {
                pendingRows += part.rows
                for c in pending.indices { pending[c].append(part.pieces[c]) }
            }
        }
        if pendingRows == consumedRows { return nil }
        let rows = consumedRows..<min(consumedRows + rowsPerChunk, pendingRows)
        var columns: [Column] = []
        for (c, spec) in schema.columns.enumerated() {
            let head = pending[c].rows(rows, seedLevels: spec.kind == .categorical ? spec.levels : [])
            columns.append(Self.column(spec, head))
        }
        consumedRows = rows.upperBound
        rowsRead += rows.count
        return Table(unchecked: columns, rowCount: rows.count)
    }

    private static func column(_ spec: CSVColumnSpec, _ piece: _ColumnPiece) -> Column {
        switch spec.kind {
        case .numeric:
            return Column(unchecked: spec.name, .numeric(piece.doubles))
        case .categorical:
            return Column(unchecked: spec.name, .categorical(codes: piece.codes, levels: piece.dictionary.labels))
        case .boolean:
            let trueBytes = Array(spec.trueLabel.utf8)
            let isTrue = (0..<piece.dictionary.count).map { k in
                Array(piece.dictionary.bytes(of: k)).withUnsafeBufferPointer { b in
                    b.baseAddress.map { _CSVRecordParser.equalIgnoringASCIICase(trueBytes, $0, b.count) } ?? trueBytes.isEmpty
                }
            }
            return Column(unchecked: spec.name, .boolean(piece.codes.map { $0 < 0 ? nil : isTrue[Int($0)] },
                                                         trueLabel: spec.trueLabel, falseLabel: spec.falseLabel))
        }
    }
}
