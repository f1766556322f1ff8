#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import _ChurnKitCore

/// `read(2)`.
private func _systemRead(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// Where the bytes of a CSV file come from: an open file or an array in memory.
final class _CSVInput {
    private enum Source {
        case file(Int32)
        case memory([UInt8], position: Int)
    }

    private var source: Source
    /// The name shown in messages.
    let name: String
    /// The total size in bytes, when known.
    private(set) var size = 0

    /// Opens the file at `path` for reading.
    /// - Throws: `CSVError.cannotOpen` with the operating system's reason.
    init(path: String) throws(CSVError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotOpen(file: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        if fstat(fd, &info) == 0, let reason = nonRegularReason(info.st_mode & S_IFMT) {
            // A device (/dev/zero) or a pipe would be read without end; a directory cannot be.
            close(fd)
            throw .cannotOpen(file: path, reason: reason)
        }
        source = .file(fd)
        name = path
        size = Int(info.st_size)
    }

    /// Reads from `bytes`.
    init(bytes: [UInt8], name: String) {
        source = .memory(bytes, position: 0)
        self.name = name
        size = bytes.count
    }

    deinit {
        if case .file(let fd) = source { close(fd) }
    }

    /// Reads up to `count` bytes into `buffer`; fewer only at the end of the input.
    /// - Returns: the number of bytes read (0 at the end).
    /// - Throws: `CSVError.cannotRead` with the operating system's reason.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(CSVError) -> Int {
        switch source {
        case .file(let fd):
            var total = 0
            while total < count {
                let got = _systemRead(fd, buffer + total, count - total)
                if got < 0 {
                    if errno == EINTR { continue }
                    throw .cannotRead(file: name, reason: String(cString: strerror(errno)))
                }
                if got == 0 { break }
                total += got
            }
            return total
        case .memory(let bytes, let position):
            let n = min(count, bytes.count - position)
            if n > 0 {
                bytes.withUnsafeBufferPointer { source in
                    if let from = source.baseAddress { buffer.update(from: from + position, count: n) }
                }
            }
            self.source = .memory(bytes, position: position + n)
            return n
        }
    }
}

/// Reads a CSV input block by block: the header first, then the complete records of each block,
/// parsed by several threads at once (the block is split at record ends found by quote parity).
final class _CSVBlockReader {
    let file: String
    let options: CSVReadOptions
    let missing: _MissingMatcher
    /// Column names, from the header or `column1`, `column2`, ...
    private(set) var names: [String] = []

    private let input: _CSVInput
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Unparsed bytes `buffer[begin..<count]`.
    private var begin = 0
    private var count = 0
    private var atEOF = false
    /// LF bytes before `buffer[begin]` in the file.
    private var lineBase = 0
    /// File offset of `buffer[0]`.
    private var offsetBase = 0
    /// Estimated bytes per record, for reserving column capacity.
    private var bytesPerRow = 64.0

    /// Opens the input and reads the header (or, without a header, counts the first record's fields).
    /// - Throws: `CSVError` for bad options, I/O failures, an empty file or a bad header.
    init(input: _CSVInput, options: CSVReadOptions) throws(CSVError) {
        try options.validate()
        self.input = input
        self.file = input.name
        self.options = options
        self.missing = _MissingMatcher(options)
        capacity = options.blockSize + 1
        buffer = .allocate(capacity: capacity)
        try fill()
        if count - begin >= 3, buffer[begin] == 0xEF, buffer[begin + 1] == 0xBB, buffer[begin + 2] == 0xBF {
            begin += 3
        }
        try readHeader()
    }

    deinit { buffer.deallocate() }

    /// Moves the unparsed bytes to the front and reads one more block (growing the buffer if needed).
    private func fill() throws(CSVError) {
        if atEOF { return }
        let leftover = count - begin
        if begin > 0 {
            if leftover > 0 { buffer.update(from: buffer + begin, count: leftover) }
            offsetBase += begin
            begin = 0
            count = leftover
        }
        if capacity - count < options.blockSize {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: count + options.blockSize + 1)
            bigger.update(from: buffer, count: count)
            buffer.deallocate()
            buffer = bigger
            capacity = count + options.blockSize + 1
        }
        let got = try input.read(into: buffer + count, count: options.blockSize)
        count += got
        if got < options.blockSize { atEOF = true }
    }

    /// Number of quotes in `buffer[from..<to]`, eight bytes per step: in `x = word ^ 0x2222...`
    /// a byte is zero exactly where the word held a quote, and
    /// `~(((x & 0x7F..) + 0x7F..) | x) & 0x80..` has one bit set per zero byte.
    private func quotes(_ from: Int, _ to: Int) -> Int {
        var total = 0
        var i = from
        let raw = UnsafeRawPointer(buffer)
        while i + 8 <= to {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x2222_2222_2222_2222
            let high = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
            total += high.nonzeroBitCount
            i += 8
        }
        while i < to {
            total += buffer[i] == 0x22 ? 1 : 0
            i += 1
        }
        return total
    }

    /// The offset just after the first LF at or after `from` that is outside quotes, given the
    /// quote parity at `from`, or nil if there is none before `to`.
    private func recordEnd(after from: Int, before to: Int, inQuotes: Bool) -> Int? {
        var quoted = inQuotes
        var i = from
        while i < to {
            let b = buffer[i]
            if b == 0x22 {
                quoted.toggle()
            } else if b == 0x0A, !quoted {
                return i + 1
            }
            i += 1
        }
        return nil
    }

    /// The offset just after the last LF outside quotes in `buffer[begin..<count]`, or nil, given
    /// the number of quotes in it.
    private func lastRecordEnd(quoteCount: Int) -> Int? {
        var quoted = quoteCount & 1 == 1
        var i = count - 1
        while i >= begin {
            let b = buffer[i]
            if b == 0x22 {
                quoted.toggle()
            } else if b == 0x0A, !quoted {
                return i + 1
            }
            i -= 1
        }
        return nil
    }

    /// The end of the first complete record from `begin` (reading more blocks as needed), or
    /// `count` at the end of the input.
    private func firstRecordEnd() throws(CSVError) -> Int {
        while true {
            if let end = recordEnd(after: begin, before: count, inQuotes: false) { return end }
            if atEOF { return count }
            if count - begin > options.maxRecordBytes {
                throw .recordTooLong(CSVPosition(file: file, line: lineBase + 1, column: 1), limit: options.maxRecordBytes)
            }
            try fill()
        }
    }

    private func readHeader() throws(CSVError) {
        // Skip blank lines before the header.
        while true {
            if begin == count {
                if atEOF { throw .emptyFile(file: file) }
                try fill()
                continue
            }
            if buffer[begin] == 0x0A {
                begin += 1
                lineBase += 1
            } else if buffer[begin] == 0x0D, begin + 1 < count, buffer[begin + 1] == 0x0A {
                begin += 2
                lineBase += 1
            } else {
                break
            }
        }
        let end = try firstRecordEnd()
        var parser = _CSVRecordParser(
            base: buffer, start: begin, end: end, isFinal: true, maxRows: 1, options: options, missing: missing,
            plans: [], names: [], file: file)
        parser.run()
        let fields = parser.collected
        if let error = parser.error { throw error._shifted(lines: lineBase, bytes: offsetBase) }
        let line = lineBase + 1
        if let k = fields.firstIndex(where: { $0.contains(0x0D) }) {
            // CR without LF ends no record: a file with classic Mac OS line ends is one long record.
            throw .loneCarriageReturn(CSVPosition(file: file, line: line, column: k + 1))
        }
        // A record has at least one byte per field (its delimiter or line end): with many columns
        // the first estimate of rows per block, which sizes every column, must not assume 64 bytes.
        bytesPerRow = max(bytesPerRow, Double(fields.count))
        if !options.hasHeader {
            names = (1...max(1, fields.count)).map { "column\($0)" }
            return
        }
        var seen: [String: Int] = [:]
        for (k, field) in fields.enumerated() {
            if let bad = _UTF8Validation.firstInvalidOffset(field) {
                throw .invalidUTF8(CSVPosition(file: file, line: line, column: k + 1), byteOffset: offsetBase + begin + bad)
            }
            let name = String(decoding: field, as: UTF8.self)
            if name.allSatisfy({ $0 == " " || $0 == "\t" }) {
                throw .emptyHeaderName(CSVPosition(file: file, line: line, column: k + 1))
            }
            if let first = seen[name] {
                throw .duplicateHeaderName(CSVPosition(file: file, line: line, column: k + 1, columnName: name), firstColumn: first)
            }
            seen[name] = k + 1
            names.append(name)
        }
        if options.hasHeader {
            lineBase += parser.newlines
            begin = parser.position
        }
    }

    /// One worker's share of a block.
    struct Part {
        var rows: Int
        var pieces: [_ColumnPiece]
    }

    /// An estimate of the records not yet parsed, from the input size and the bytes per record so far.
    var estimatedRemainingRows: Int {
        max(0, Int(Double(input.size - offsetBase - begin) / bytesPerRow))
    }

    /// Parses the next block of complete records with one plan per column.
    /// - Parameters:
    ///   - plans: how to treat each column.
    ///   - maxRows: stop after this many records (then parsing is single-threaded).
    ///   - peek: parse without consuming (the next call sees the same records again).
    /// - Returns: the parts of the block in file order, or nil at the end of the input.
    /// - Throws: the first `CSVError` in file order, with file positions.
    /// - Complexity: O(block bytes), spread over `options.threadCount` threads.
    func nextBlock(plans: [_ColumnPlan], maxRows: Int = .max, peek: Bool = false) throws(CSVError) -> [Part]? {
        if begin == count, atEOF { return nil }
        if !peek || begin == count { try fill() }
        // Four parts per thread: `concurrentForEach` hands them out as threads free up, which keeps both cores
        // busy when the machine is shared (a part is at least 256 KiB).
        let workers = maxRows == .max && options.threadCount > 1 ? 4 * options.threadCount : 1
        var limit: Int
        var isFinal = false
        // Quote counts before each worker's nominal start (one pass over the buffer), for the parity
        // that tells whether a byte lies inside quotes.
        var targets: [Int] = []
        var prefixQuotes: [Int] = []
        while true {
            targets = (0..<workers).map { begin + (count - begin) * $0 / workers }
            prefixQuotes = []
            var quoteCount = 0
            for k in targets.indices {
                quoteCount += k == 0 ? 0 : quotes(targets[k - 1], targets[k])
                prefixQuotes.append(quoteCount)
            }
            if let last = targets.last { quoteCount += quotes(last, count) }
            let end = lastRecordEnd(quoteCount: quoteCount)
            if end == nil, count - begin > options.maxRecordBytes {
                // No record end in a huge buffer: a quote is never closed, or a record is that long.
                throw .recordTooLong(CSVPosition(file: file, line: lineBase + 1, column: 1), limit: options.maxRecordBytes)
            }
            if atEOF {
                limit = count
                isFinal = true
                break
            }
            if let end {
                limit = end
                break
            }
            try fill()
        }
        if begin == limit { return nil }
        // Split points: the first record end after each nominal start (parts of at least 256 KiB).
        var bounds = [begin]
        for k in 1..<max(1, workers) {
            guard let last = bounds.last, targets[k] > last + (256 << 10), targets[k] < limit else { continue }
            if let end = recordEnd(after: targets[k], before: limit, inQuotes: prefixQuotes[k] & 1 == 1), end < limit {
                bounds.append(end)
            }
        }
        let span = limit - begin
        bounds.append(limit)
        let expected = Int(Double(span) / bytesPerRow / Double(bounds.count - 1) * 1.1) + 16
        var parsers: [_CSVRecordParser] = (0..<bounds.count - 1).map { k in
            _CSVRecordParser(
                base: buffer, start: bounds[k], end: bounds[k + 1], isFinal: isFinal && k == bounds.count - 2,
                maxRows: maxRows, options: options, missing: missing, plans: plans, names: names, file: file,
                expectedRows: expected)
        }
        if parsers.count == 1 {
            parsers[0].run()
        } else {
            parsers.withUnsafeMutableBufferPointer { parsers in
                concurrentForEach(parsers.count) { k in parsers[k].run() }
            }
        }
        var linesBefore = lineBase
        var rows = 0
        for k in parsers.indices {
            if let error = parsers[k].error { throw error._shifted(lines: linesBefore, bytes: offsetBase) }
            for c in parsers[k].pieces.indices where !parsers[k].pieces[c].strays.isEmpty {
                for s in parsers[k].pieces[c].strays.indices { parsers[k].pieces[c].strays[s].line += linesBefore }
            }
            linesBefore += parsers[k].newlines
            rows += parsers[k].rows
        }
        if peek { return parsers.map { Part(rows: $0.rows, pieces: $0.pieces) } }
        lineBase = linesBefore
        let consumed = parsers[parsers.count - 1].position
        if rows > 0 { bytesPerRow = Double(consumed - begin) / Double(rows) }
        begin = consumed
        return parsers.map { Part(rows: $0.rows, pieces: $0.pieces) }
    }
}
