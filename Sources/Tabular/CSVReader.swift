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
// file reads just those columns as labels. The caveat is cost, not correctness: such a file is
// read twice (only the demoted columns are stored the second time).

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
        self = try _CSVTableReader.read(options: options) { () throws(CSVError) in try _CSVInput(path: path) }
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
        self = try _CSVTableReader.read(options: options) { () throws(CSVError) in _CSVInput(bytes: bytes, name: name) }
    }
}

/// The whole-file reader behind `Table(csvAt:)` and `Table(csvBytes:)`.
enum _CSVTableReader {
    static func read(options: CSVReadOptions, open: () throws(CSVError) -> _CSVInput) throws(CSVError) -> Table {
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
        let demoted = pieces.indices.filter { pieces[$0].demoted }
        if !demoted.isEmpty {
            let again = try _CSVBlockReader(input: try open(), options: options)
            var texts = names.indices.map { _ColumnPiece(mode: demoted.contains($0) ? .text : .skip) }
            while let parts = try again.nextBlock(plans: texts.map { _ColumnPlan(mode: $0.mode) }) {
                for part in parts {
                    for c in demoted { texts[c].append(part.pieces[c]) }
                }
            }
            for c in demoted { pieces[c] = texts[c] }
        }
        var columns: [Column] = []
        for c in names.indices {
            columns.append(try column(names[c], pieces[c], declared: options.columnKinds[names[c]], file: reader.file))
        }
        return Table(unchecked: columns, rowCount: rows)
    }

    /// The finished column for an accumulated piece.
    static func column(_ name: String, _ piece: _ColumnPiece, declared: ColumnKind?, file: String) throws(CSVError) -> Column {
        switch piece.mode {
        case .inferNumeric, .strictNumeric:
            if declared == nil, piece.sawNumber, piece.zeroOne {
                return Column(unchecked: name, .boolean(piece.doubles.map { $0.isNaN ? nil : $0 == 1 }, trueLabel: "1", falseLabel: "0"))
            }
            return Column(unchecked: name, .numeric(piece.doubles))
        case .text, .skip:
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
