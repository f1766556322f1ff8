/// How the parser treats the fields of one column in one pass over a file.
enum _FieldMode: Sendable, Equatable {
    /// Numbers while every non-missing field is a number; the first other text demotes the column.
    case inferNumeric
    /// Numbers; any other non-missing text is a `CSVError.notANumber`.
    case strictNumeric
    /// Dictionary-encoded labels.
    case text
    /// Dictionary-encoded labels, and beside them numbers (NaN for missing cells and for cells
    /// that are not numbers, which are counted with their first lines): the second pass over a
    /// column that mixes numbers and text, which then becomes numeric or categorical.
    case mixed
    /// Not stored.
    case skip
}

/// What the parser does with one column: its mode, and for boolean text columns the two labels
/// every non-missing field must match (ignoring ASCII case).
struct _ColumnPlan: Sendable {
    var mode: _FieldMode
    var allowedLabels: [[UInt8]]?

    init(mode: _FieldMode, allowedLabels: [String]? = nil) {
        self.mode = mode
        self.allowedLabels = allowedLabels.map { $0.map { Array($0.utf8) } }
    }
}

/// The values of one column over a run of consecutive rows: parsed by one worker from part of a
/// block, or accumulated over many blocks.
///
/// Numeric columns hold `doubles`; text columns hold `codes` into `dictionary` (-1 = missing).
/// A column that was inferred numeric and met text after numbers is `demoted`: it keeps nothing,
/// and the whole-file reader reads it again as text.
struct _ColumnPiece: Sendable {
    var mode: _FieldMode
    var doubles: [Double] = []
    var codes: [Int32] = []
    var dictionary = _ByteDictionary()
    /// Every non-missing numeric field so far was exactly "0" or "1".
    var zeroOne = true
    /// Some field so far was a number.
    var sawNumber = false
    /// Inferred numeric, then met text after numbers: the values are lost and must be re-read.
    var demoted = false
    /// In `.mixed` mode: the non-missing cells that are not numbers.
    var strayCount = 0
    /// In `.mixed` mode: the first few of those cells (1-based lines, relative to the parser's
    /// start until `_CSVBlockReader` shifts them), in file order.
    var strays: [CSVCellSample] = []

    /// How many stray cells a piece keeps as samples.
    static let straySampleLimit = 5

    init(mode: _FieldMode) { self.mode = mode }

    /// Whether the piece holds numbers (as opposed to labels or nothing).
    var isNumeric: Bool { mode == .inferNumeric || mode == .strictNumeric }

    /// Reserves room for `rows` rows of values.
    mutating func reserveCapacity(_ rows: Int) {
        switch mode {
        case .inferNumeric, .strictNumeric: doubles.reserveCapacity(rows)
        case .text: codes.reserveCapacity(rows)
        case .mixed:
            doubles.reserveCapacity(rows)
            codes.reserveCapacity(rows)
        case .skip: break
        }
    }

    /// Switches an inferred-numeric piece that has seen no number to text: its rows so far are missing.
    mutating func switchToText() {
        codes = [Int32](repeating: -1, count: doubles.count)
        doubles = []
        mode = .text
    }

    /// Marks the piece as demoted and drops its values.
    mutating func demote() {
        demoted = true
        mode = .skip
        doubles = []
        codes = []
        dictionary = _ByteDictionary()
    }

    /// Appends the rows of `next` (the piece that follows in the file), merging dictionaries so the
    /// labels keep their order of first appearance.
    /// - Complexity: O(rows of next + labels of next).
    mutating func append(_ next: _ColumnPiece) {
        if mode == .skip { return }
        if next.demoted { return demote() }
        if isNumeric, next.mode == .text {
            if sawNumber { return demote() }
            switchToText()
        }
        if mode == .text, next.isNumeric {
            if next.sawNumber { return demote() }
            codes.append(contentsOf: repeatElement(-1, count: next.doubles.count))
            return
        }
        if isNumeric || mode == .mixed {
            doubles.append(contentsOf: next.doubles)
            zeroOne = zeroOne && next.zeroOne
            sawNumber = sawNumber || next.sawNumber
            if isNumeric { return }
            strayCount += next.strayCount
            strays.append(contentsOf: next.strays.prefix(Self.straySampleLimit - strays.count))
        }
        guard next.mode == .text || next.mode == .mixed else { return }
        // Room for every label of both (an id column's parts share none): no growing in the loop.
        dictionary.reserveCapacity(
            labels: dictionary.count + next.dictionary.count, bytes: dictionary.byteCount + next.dictionary.byteCount)
        var remap = [Int32](repeating: -1, count: next.dictionary.count)
        for k in 0..<next.dictionary.count {
            remap[k] = dictionary.code(ofLabel: k, in: next.dictionary)
        }
        if codes.capacity < codes.count + next.codes.count {
            // At least twofold: an exact reservation per appended piece would copy quadratically.
            codes.reserveCapacity(max(codes.count + next.codes.count, 2 * codes.capacity))
        }
        for code in next.codes { codes.append(code < 0 ? -1 : remap[Int(code)]) }
    }

    /// The rows in `range` as a piece of their own, `self` unchanged; categorical codes are
    /// renumbered (`seedLevels` first, then labels in order of first appearance).
    /// - Complexity: O(range.count) when the range is small beside the labels, else O(range.count +
    ///   labels), so a reader can hand out many small chunks of one block.
    func rows(_ range: Range<Int>, seedLevels: [String]) -> _ColumnPiece {
        var piece = _ColumnPiece(mode: mode)
        piece.zeroOne = zeroOne
        piece.sawNumber = sawNumber
        switch mode {
        case .inferNumeric, .strictNumeric:
            piece.doubles = Array(doubles[range.clamped(to: doubles.indices)])
        case .text, .mixed:
            if mode == .mixed { piece.doubles = Array(doubles[range.clamped(to: doubles.indices)]) }
            (piece.codes, piece.dictionary) = recoded(codes[range.clamped(to: codes.indices)], seedLevels: seedLevels)
        case .skip:
            break
        }
        return piece
    }

    private func recoded(_ slice: ArraySlice<Int32>, seedLevels: [String]) -> ([Int32], _ByteDictionary) {
        var fresh = _ByteDictionary()
        for level in seedLevels { _ = fresh.code(of: Array(level.utf8)) }
        var out = [Int32]()
        out.reserveCapacity(slice.count)
        if slice.count < dictionary.count / 8 {
            // A few rows of a block with many labels: no table over every label.
            for code in slice { out.append(code < 0 ? -1 : fresh.code(ofLabel: Int(code), in: dictionary)) }
            return (out, fresh)
        }
        var remap = [Int32](repeating: -2, count: dictionary.count)
        for code in slice {
            if code < 0 {
                out.append(-1)
                continue
            }
            if remap[Int(code)] == -2 { remap[Int(code)] = fresh.code(ofLabel: Int(code), in: dictionary) }
            out.append(remap[Int(code)])
        }
        return (out, fresh)
    }
}
