// The CSV reader's inner loop: RFC 4180 records from bytes, straight into column pieces.
//
// Grammar (RFC 4180, with LF or CRLF line ends): a record is fields separated by the delimiter and
// ended by LF, CRLF or the end of the file. A field is either raw bytes without quote, delimiter or
// line end, or a quoted field: '"', any bytes with quotes doubled, '"'. A quote inside a raw field,
// or text between a closing quote and the next delimiter, is an error (so that the parity of quote
// counts finds record ends, which lets blocks be split between threads). Empty lines are skipped.
// A lone CR (not followed by LF) inside a field is data.

/// Parses the complete records of `base[start..<end]` into one `_ColumnPiece` per column.
///
/// Positions in `error` are relative: line 1 is the line holding `start`, byte offsets count from
/// `base`; `_CSVBlockReader` shifts them to file positions.
struct _CSVRecordParser {
    let base: UnsafePointer<UInt8>
    let start: Int
    let end: Int
    /// Whether `end` is the end of the file (the last record may then lack a line end).
    let isFinal: Bool
    /// Stop after this many records.
    let maxRows: Int
    let delimiter: UInt8
    /// `CSVReadOptions.maxRecordBytes`: a longer record is an error.
    let maxRecordBytes: Int
    let missing: _MissingMatcher
    let plans: [_ColumnPlan]
    let names: [String]
    let file: String

    var pieces: [_ColumnPiece]
    /// Records parsed.
    var rows = 0
    /// LF bytes consumed.
    var newlines = 0
    /// Offset just after the last record parsed.
    var position = 0
    /// The first problem met; parsing stops there.
    var error: CSVError? {
        didSet { failed = error != nil }
    }
    /// Whether `error` is set (a plain flag for the inner loop).
    private var failed = false
    /// Unescaped bytes of a quoted field with doubled quotes.
    private var scratch: [UInt8] = []
    /// With no plans, the parser collects the fields of the records instead (for the header).
    private var collecting: Bool { plans.isEmpty }
    /// The collected fields (unescaped bytes), when `collecting`.
    var collected: [[UInt8]] = []

    init(
        base: UnsafePointer<UInt8>, start: Int, end: Int, isFinal: Bool, maxRows: Int = .max,
        options: CSVReadOptions, missing: _MissingMatcher, plans: [_ColumnPlan], names: [String], file: String,
        expectedRows: Int = 0
    ) {
        self.base = base
        self.start = start
        self.end = end
        self.isFinal = isFinal
        self.maxRows = maxRows
        self.delimiter = options.delimiter
        self.maxRecordBytes = options.maxRecordBytes
        self.missing = missing
        self.plans = plans
        self.names = names
        self.file = file
        self.pieces = plans.map { plan in
            var piece = _ColumnPiece(mode: plan.mode)
            switch plan.mode {
            case .inferNumeric, .strictNumeric: piece.doubles.reserveCapacity(expectedRows)
            case .text: piece.codes.reserveCapacity(expectedRows)
            case .mixed:
                piece.doubles.reserveCapacity(expectedRows)
                piece.codes.reserveCapacity(expectedRows)
            case .skip: break
            }
            return piece
        }
    }

    private static let quote: UInt8 = 0x22
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    /// Parses records until `end`, `maxRows` or the first error.
    /// - Complexity: O(end - start).
    mutating func run() {
        var special = [Bool](repeating: false, count: 256)
        for byte in [delimiter, Self.quote, Self.lf, Self.cr] { special[Int(byte)] = true }
        // The pieces move out of `self` while parsing, so the loop reaches them through a pointer
        // (no exclusivity or uniqueness checks of the outer array per field).
        var local = pieces
        pieces = []
        local.withUnsafeMutableBufferPointer { pieces in
            special.withUnsafeBufferPointer { special in parse(special, pieces) }
        }
        pieces = local
    }

    private mutating func parse(_ special: UnsafeBufferPointer<Bool>, _ pieces: UnsafeMutableBufferPointer<_ColumnPiece>) {
        let base = self.base, end = self.end, delimiter = self.delimiter
        let quote = Self.quote, lf = Self.lf, cr = Self.cr
        let columnCount = plans.count
        var p = start
        var line = 0
        defer {
            newlines = line
            position = p
        }
        while p < end, rows < maxRows {
            let first = base[p]
            if first == lf {
                p += 1
                line += 1
                continue
            }
            if first == cr {
                if p + 1 < end, base[p + 1] == lf {
                    p += 2
                    line += 1
                    continue
                }
                if p + 1 == end {
                    p += 1
                    continue
                }
            }
            let recordLine = line
            let recordStart = p
            var column = 0
            while true {
                let fieldLine = line
                var fieldStart = p
                let fieldEnd: Int
                var escaped = false
                var stored = false
                if p < end, base[p] == quote {
                    p += 1
                    fieldStart = p
                    while true {
                        while p < end, base[p] != quote {
                            if base[p] == lf { line += 1 }
                            p += 1
                        }
                        if p >= end {
                            error = .unterminatedQuote(position(fieldLine, column))
                            return
                        }
                        if p + 1 < end, base[p + 1] == quote {
                            escaped = true
                            p += 2
                            continue
                        }
                        break
                    }
                    fieldEnd = p
                    p += 1
                    if p < end {
                        let b = base[p]
                        if b != delimiter, b != lf, !(b == cr && (p + 1 == end || base[p + 1] == lf)) {
                            error = .textAfterClosingQuote(position(line, column))
                            return
                        }
                    }
                } else {
                    // Numeric columns: parse the number in place; fall back to the general path
                    // unless a delimiter or line end follows it.
                    if column < columnCount, pieces[column].isNumeric,
                        let (value, stop) = _DecimalParser.prefix(base, from: p, to: end)
                    {
                        let b = stop < end ? base[stop] : delimiter
                        if b == delimiter || b == lf || (b == cr && (stop + 1 == end || base[stop + 1] == lf)) {
                            pieces[column].doubles.append(value)
                            pieces[column].sawNumber = true
                            if pieces[column].zeroOne, !(stop - p == 1 && base[p] | 1 == 0x31) { pieces[column].zeroOne = false }
                            p = stop
                            stored = true
                        }
                    }
                    while !stored {
                        while p < end, !special[Int(base[p])] { p += 1 }
                        if p < end {
                            let b = base[p]
                            if b == quote {
                                error = .quoteInUnquotedField(position(line, column))
                                return
                            }
                            if b == cr, p + 1 < end, base[p + 1] != lf {
                                p += 1
                                continue
                            }
                        }
                        break
                    }
                    fieldEnd = p
                }
                if collecting {
                    var field: [UInt8] = []
                    var i = fieldStart
                    while i < fieldEnd {
                        field.append(base[i])
                        i += escaped && base[i] == quote ? 2 : 1
                    }
                    collected.append(field)
                } else if column < columnCount, !stored {
                    if escaped {
                        store(unescaping: fieldStart, fieldEnd, column: column, line: fieldLine, pieces)
                    } else {
                        store(base + fieldStart, fieldEnd - fieldStart, column: column, line: fieldLine, offset: fieldStart, pieces)
                    }
                    if failed { return }
                }
                column += 1
                if p >= end { break }
                let b = base[p]
                if b == delimiter {
                    p += 1
                    continue
                }
                p += 1
                if b == lf {
                    line += 1
                } else if p < end, base[p] == lf {
                    p += 1
                    line += 1
                }
                break
            }
            if p - recordStart > maxRecordBytes {
                error = .recordTooLong(CSVPosition(file: file, line: recordLine + 1, column: 1), limit: maxRecordBytes)
                return
            }
            if !collecting, column != columnCount {
                let at = CSVPosition(file: file, line: recordLine + 1, column: min(column, columnCount) + 1,
                                     columnName: column < columnCount ? names[column] : nil)
                error = .raggedRow(at, expected: columnCount, found: column)
                return
            }
            rows += 1
        }
    }

    private func position(_ line: Int, _ column: Int) -> CSVPosition {
        CSVPosition(file: file, line: line + 1, column: column + 1, columnName: column < names.count ? names[column] : nil)
    }

    /// Stores a quoted field whose doubled quotes must be collapsed first.
    private mutating func store(
        unescaping fieldStart: Int, _ fieldEnd: Int, column: Int, line: Int, _ pieces: UnsafeMutableBufferPointer<_ColumnPiece>
    ) {
        scratch.removeAll(keepingCapacity: true)
        var i = fieldStart
        while i < fieldEnd {
            scratch.append(base[i])
            i += base[i] == Self.quote ? 2 : 1
        }
        scratch.append(0)
        let length = scratch.count - 1
        let copy = scratch
        copy.withUnsafeBufferPointer { buffer in
            guard let bytes = buffer.baseAddress else { return }
            store(bytes, length, column: column, line: line, offset: fieldStart, pieces)
        }
    }

    /// Stores one field's bytes in column `column`'s piece.
    @inline(__always)
    private mutating func store(
        _ bytes: UnsafePointer<UInt8>, _ length: Int, column c: Int, line: Int, offset: Int,
        _ pieces: UnsafeMutableBufferPointer<_ColumnPiece>
    ) {
        switch pieces[c].mode {
        case .skip:
            return
        case .inferNumeric, .strictNumeric:
            if let value = _DecimalParser.parse(bytes, count: length) {
                pieces[c].doubles.append(value)
                pieces[c].sawNumber = true
                if pieces[c].zeroOne, !(length == 1 && bytes[0] | 1 == 0x31) { pieces[c].zeroOne = false }
                return
            }
            if missing.isMissing(bytes, length: length) {
                pieces[c].doubles.append(.nan)
                return
            }
            if pieces[c].mode == .strictNumeric {
                let value = String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
                error = .notANumber(position(line, c), value: value)
                return
            }
            if pieces[c].sawNumber {
                pieces[c].demote()
                return
            }
            pieces[c].switchToText()
            storeText(bytes, length, column: c, line: line, offset: offset, pieces)
        case .text:
            storeText(bytes, length, column: c, line: line, offset: offset, pieces)
        case .mixed:
            if let value = _DecimalParser.parse(bytes, count: length), value.isFinite {
                pieces[c].doubles.append(value)
                pieces[c].sawNumber = true
                if pieces[c].zeroOne, !(length == 1 && bytes[0] | 1 == 0x31) { pieces[c].zeroOne = false }
            } else {
                pieces[c].doubles.append(.nan)
                if !missing.isMissing(bytes, length: length) {
                    pieces[c].strayCount += 1
                    if pieces[c].strays.count < _ColumnPiece.straySampleLimit {
                        let value = String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
                        pieces[c].strays.append(CSVCellSample(line: line + 1, value: value))
                    }
                }
            }
            storeText(bytes, length, column: c, line: line, offset: offset, pieces)
        }
    }

    @inline(__always)
    private mutating func storeText(
        _ bytes: UnsafePointer<UInt8>, _ length: Int, column c: Int, line: Int, offset: Int,
        _ pieces: UnsafeMutableBufferPointer<_ColumnPiece>
    ) {
        if missing.isMissing(bytes, length: length) {
            pieces[c].codes.append(-1)
            return
        }
        let (code, inserted) = pieces[c].dictionary.code(of: bytes, length: length)
        if inserted {
            if let bad = _UTF8Validation.firstInvalidOffset(bytes, length: length) {
                error = .invalidUTF8(position(line, c), byteOffset: offset + bad)
                return
            }
            if let allowed = plans[c].allowedLabels, allowed.count == 2,
                !allowed.contains(where: { Self.equalIgnoringASCIICase($0, bytes, length) })
            {
                let value = String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
                error = .notABoolean(position(line, c), value: value,
                                     trueLabel: String(decoding: allowed[0], as: UTF8.self),
                                     falseLabel: String(decoding: allowed[1], as: UTF8.self))
                return
            }
        }
        pieces[c].codes.append(code)
    }

    /// Whether `label` equals `bytes[0..<length]` ignoring ASCII case.
    static func equalIgnoringASCIICase(_ label: [UInt8], _ bytes: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        guard label.count == length else { return false }
        for k in 0..<length {
            let a = label[k], b = bytes[k]
            if a == b { continue }
            let la = a >= 0x41 && a <= 0x5A ? a | 0x20 : a
            let lb = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            if la != lb { return false }
        }
        return true
    }
}

extension CSVError {
    /// The same error with its line moved down by `lines` and its byte offset by `bytes`.
    func _shifted(lines: Int, bytes: Int) -> CSVError {
        func move(_ at: CSVPosition) -> CSVPosition {
            var moved = at
            moved.line += lines
            return moved
        }
        switch self {
        case .emptyHeaderName(let at): return .emptyHeaderName(move(at))
        case .duplicateHeaderName(let at, let first): return .duplicateHeaderName(move(at), firstColumn: first)
        case .raggedRow(let at, let e, let f): return .raggedRow(move(at), expected: e, found: f)
        case .unterminatedQuote(let at): return .unterminatedQuote(move(at))
        case .recordTooLong(let at, let limit): return .recordTooLong(move(at), limit: limit)
        case .quoteInUnquotedField(let at): return .quoteInUnquotedField(move(at))
        case .textAfterClosingQuote(let at): return .textAfterClosingQuote(move(at))
        case .invalidUTF8(let at, let offset): return .invalidUTF8(move(at), byteOffset: offset + bytes)
        case .notANumber(let at, let value): return .notANumber(move(at), value: value)
        case .notABoolean(let at, let value, let t, let f): return .notABoolean(move(at), value: value, trueLabel: t, falseLabel: f)
        default: return self
        }
    }
}
