// Reading a whole CSV file into a `Table`, with schema inference.
//
// Inference, per column (unless `CSVReadOptions.columnKinds` names its kind):
// - numeric when every non-missing field is a decimal number (spaces around it allowed);
//   missing fields (blank or a missing marker) become NaN. Telco's `TotalCharges`, numbers plus 11
//   fields " ", is numeric with 11 missing values.
// - boolean when every non-missing field is exactly "0" or "1" (labels "1"/"0"), or when the
//   column holds exactly two labels forming a known pair (Yes/No, True/False, Y/N in any ASCII
//   case; labels kept as the file spells them).
// - categorical otherwise: labels dictionary-encoded in order of first appearance.
//
// A column that looks numeric in early rows and holds text later ends as categorical with the
// exact texts: the first pass stops storing it when the text appears, and a second pass over the
// file reads just those columns as labels and numbers. The caveat is cost, not correctness: such
// a file is read twice (only the mixed columns are stored the second time). A column that is
// numbers but for a few cells (NonNumericCells.swift) is handled as
// `CSVReadOptions.nonNumericCells` says: an error by default, never a silent switch to labels.

extension Table {
    /// Reads a CSV file, inferring each column's kind.
    /// - Parameters:
    ///   - path: the file's path (also used as its name in messages).
    ///   - options: delimiter, header, missing markers, kind overrides, block size, threads.
    /// - Throws: `CSVError`: I/O failures, an empty file, a header without data, malformed
    ///   records (ragged rows, unterminated quotes, invalid UTF-8), non-numbers in a column declared
    ///   numeric, a column declared boolean without a boolean pair.
    /// - Complexity: O(file bytes), parsed by `options.threadCount` threads; O(n * d) memory for
    ///   the table plus one block.
    public init(csvAt path: String, options: CSVReadOptions = CSVReadOptions()) throws(CSVError) {
        self = try Self.readCSV(at: path, options: options).table
    }

    /// Reads a CSV file as `init(csvAt:options:)` does, and reports the almost-numeric columns the
    /// reader met and what `options.nonNumericCells` made of them.
    /// - Throws: `CSVError`, as `init(csvAt:options:)`.
    /// - Complexity: as `init(csvAt:options:)`.
    public static func readCSV(at path: String, options: CSVReadOptions = CSVReadOptions()) throws(CSVError) -> CSVReadResult {
        try _CSVTableReader.read(options: options) { () throws(CSVError) in try _CSVInput(path: path) }
    }

    /// Reads CSV text from bytes in memory, inferring each column's kind (see `init(csvAt:options:)`).
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - name: the name used in error messages.
    ///   - options: the reading options.
    /// - Throws: `CSVError`, as `init(csvAt:options:)`.
    /// - Complexity: O(bytes).
    public init(csvBytes bytes: [UInt8], name: String = "<memory>", options: CSVReadOptions = CSVReadOptions())
        throws(CSVError)
    {
        self = try Self.readCSV(bytes: bytes, name: name, options: options).table
    }

    /// Reads CSV text from bytes in memory as `init(csvBytes:name:options:)` does, with the report
    /// of `readCSV(at:options:)`.
    /// - Throws: `CSVError`, as `init(csvAt:options:)`.
    /// - Complexity: O(bytes).
    public static func readCSV(bytes: [UInt8], name: String = "<memory>", options: CSVReadOptions = CSVReadOptions())
        throws(CSVError) -> CSVReadResult
    {
        try _CSVTableReader.read(options: options) { () throws(CSVError) in _CSVInput(bytes: bytes, name: name) }
    }
}

/// The whole-file reader behind `Table(csvAt:)` and `Table(csvBytes:)`.
enum _CSVTableReader {
    static func read(options: CSVReadOptions, open: () throws(CSVError) -> _CSVInput) throws(CSVError) -> CSVReadResult {
        let reader = try _CSVBlockReader(input: try open(), options: options)
        let names = reader.names
        var pieces: [_ColumnPiece] = names.map { name in
            switch options.columnKinds[name] {
            case .numeric: return _ColumnPiece(mode: .strictNumeric)
            case .categorical, .boolean: return _ColumnPiece(mode: .text)
            case nil: return _ColumnPiece(mode: .inferNumeric)
            }
        }
        var rows = 0
        var reserved = false
        while let parts = try reader.nextBlock(plans: pieces.map { _ColumnPlan(mode: $0.mode) }) {
            for part in parts {
                rows += part.rows
                for c in pieces.indices { pieces[c].append(part.pieces[c]) }
            }
            if !reserved {
                // Room for the whole file (estimated from the first block) avoids regrowing columns.
                reserved = true
                let total = rows + reader.estimatedRemainingRows + reader.estimatedRemainingRows / 50 + 16
                for c in pieces.indices { pieces[c].reserveCapacity(total) }
            }
        }
        if rows == 0 { throw .noDataRows(file: reader.file) }
        // Mixed columns: numbers then text (demoted), text among mostly numbers, a few infinite numbers.
        let mixed = pieces.indices.filter { c in
            pieces[c].demoted || (options.columnKinds[names[c]] == nil && pieces[c].mode != .skip && pieces[c].looksAlmostNumeric)
        }
        if !mixed.isEmpty {
            let again = try _CSVBlockReader(input: try open(), options: options)
            let chosen = Set(mixed)
            var texts = names.indices.map { _ColumnPiece(mode: chosen.contains($0) ? .mixed : .skip) }
            while let parts = try again.nextBlock(plans: texts.map { _ColumnPlan(mode: $0.mode) }) {
                for part in parts {
                    for c in mixed { texts[c].append(part.pieces[c]) }
                }
            }
            for c in mixed { pieces[c] = texts[c] }
        }
        var columns: [Column] = []
        var reports: [NonNumericCells] = []
        for c in names.indices {
            if pieces[c].mode == .mixed, let cells = nonNumericCells(names[c], pieces[c], file: reader.file, policy: options.nonNumericCells) {
                if cells.policy == .fail { throw .nonNumericCells(cells) }
                reports.append(cells)
                if cells.policy == .missing { pieces[c].mode = .inferNumeric }
            }
            columns.append(try column(names[c], pieces[c], declared: options.columnKinds[names[c]], file: reader.file))
        }
        return CSVReadResult(table: Table(unchecked: columns, rowCount: rows), nonNumericCells: reports)
    }

    /// The report of a mixed piece that is almost numeric, or nil when it is not.
    static func nonNumericCells(_ name: String, _ piece: _ColumnPiece, file: String, policy: NonNumericCellPolicy) -> NonNumericCells? {
        let nonMissing = piece.codes.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        guard piece.strayCount > 0, piece.strayCount <= NonNumericCells.limit(nonMissing: nonMissing) else { return nil }
        return NonNumericCells(file: file, column: name, count: piece.strayCount, nonMissing: nonMissing, first: piece.strays, policy: policy)
    }

    /// The finished column for an accumulated piece.
    static func column(_ name: String, _ piece: _ColumnPiece, declared: ColumnKind?, file: String) throws(CSVError) -> Column {
        switch piece.mode {
        case .inferNumeric, .strictNumeric:
            if declared == nil, piece.sawNumber, piece.zeroOne {
                return Column(unchecked: name, .boolean(piece.doubles.map { $0.isNaN ? nil : $0 == 1 }, trueLabel: "1", falseLabel: "0"))
            }
            return Column(unchecked: name, .numeric(piece.doubles))
        case .text, .mixed, .skip:
            let levels = piece.dictionary.labels
            if declared != .categorical, let pair = _BooleanPairs.labels(for: levels), declared == .boolean || levels.count == 2 {
                let isTrue = levels.map { $0 == pair.trueLabel }
                return Column(unchecked: name, .boolean(piece.codes.map { $0 < 0 ? nil : isTrue[Int($0)] },
                                                        trueLabel: pair.trueLabel, falseLabel: pair.falseLabel))
            }
            if declared == .boolean {
                if levels.isEmpty {
                    return Column(unchecked: name, .boolean(piece.codes.map { _ in nil }, trueLabel: "true", falseLabel: "false"))
                }
                throw .notABooleanColumn(file: file, column: name, levels: levels)
            }
            return Column(unchecked: name, .categorical(codes: piece.codes, levels: levels))
        }
    }
}
