// Columns that are numbers but for a few cells.
//
// One stray cell ("25,5", "8,336.50", "nan", "abc", a NUL) in a column of numbers would make the
// whole column categorical: thousands of levels, most of them unseen on new data; one "1e400"
// (infinite) would stop training. The reader instead calls a column *almost numeric* when it was
// inferred (no kind declared), at least one of its non-missing cells is not a finite number, and
// those cells are at most 1% of its non-missing cells
// and at most 100 (so a column needs 100 non-missing cells before one stray cell counts as a
// stray). `CSVReadOptions.nonNumericCells` then decides: fail (the default), read those cells as
// missing, or read the column as labels as before. Either way the reader reports which column,
// how many cells, and the first lines and values (`NonNumericCells`).

/// What the CSV reader does with an almost-numeric column (see `NonNumericCells`).
public enum NonNumericCellPolicy: String, Sendable, Equatable, CaseIterable {
    /// Refuse the file: `CSVError.nonNumericCells` names the column, the count and the first cells.
    case fail
    /// Read the column as numbers, the cells that are not numbers as missing values.
    case missing
    /// Read the column as labels (every distinct text a level), as if it were not numeric.
    case category
}

/// One cell of a CSV file: its 1-based physical line and its text.
public struct CSVCellSample: Sendable, Equatable {
    /// The 1-based line of the cell (lines inside quoted fields count).
    public var line: Int
    /// The cell's text as written (quotes removed).
    public var value: String

    /// Creates a sample.
    public init(line: Int, value: String) {
        self.line = line
        self.value = value
    }
}

/// An almost-numeric column: finite numbers but for `count` of its `nonMissing` cells.
public struct NonNumericCells: Sendable, Equatable, CustomStringConvertible {
    /// The file's name as shown in messages.
    public let file: String
    /// The column's header name.
    public let column: String
    /// The non-missing cells that are not finite numbers.
    public let count: Int
    /// The non-missing cells of the column.
    public let nonMissing: Int
    /// The first (at most five) of the cells that are not numbers, in file order.
    public let first: [CSVCellSample]
    /// What the reader did with them.
    public let policy: NonNumericCellPolicy

    /// Creates a report.
    public init(file: String, column: String, count: Int, nonMissing: Int, first: [CSVCellSample], policy: NonNumericCellPolicy) {
        self.file = file
        self.column = column
        self.count = count
        self.nonMissing = nonMissing
        self.first = first
        self.policy = policy
    }

    /// The most stray cells an almost-numeric column may have among `nonMissing` cells:
    /// 1% of them, at most 100.
    public static func limit(nonMissing: Int) -> Int { min(100, nonMissing / 100) }

    /// `file: column "X" holds finite numbers but for 2 of 7043 cells (line 12: "25,5", line 40: "nan")`.
    public var finding: String {
        let shown = first.map { "line \($0.line): \(_quoted($0.value))" }.joined(separator: ", ")
        let more = count > first.count ? ", ..." : ""
        return "\(file): column \"\(column)\" holds finite numbers but for \(count) of \(nonMissing) cells (\(shown)\(more))"
    }

    /// The finding and what the reader did.
    public var description: String {
        switch policy {
        case .fail: return finding
        case .missing: return "\(finding); \(count == 1 ? "that cell is" : "those cells are") read as missing"
        case .category: return "\(finding); the column is read as labels (\(count == 1 ? "that cell" : "those cells") and every distinct number a level)"
        }
    }
}

/// A table read from CSV, with the almost-numeric columns the reader met.
public struct CSVReadResult: Sendable, Equatable {
    /// The table.
    public let table: Table
    /// The almost-numeric columns, in column order, each with what the policy did (empty under
    /// `.fail`, which throws instead).
    public let nonNumericCells: [NonNumericCells]
}

extension _ColumnPiece {
    /// Whether a piece read in text or numeric mode has finite numbers for all but a few of its
    /// non-missing cells (then a second pass in `.mixed` mode finds the lines of the others).
    /// - Complexity: O(rows + label bytes).
    var looksAlmostNumeric: Bool {
        if isNumeric {
            // Numbers, a few of them infinite ("inf", "1e400"): those cells count as not numbers.
            var nonMissing = 0
            var infinite = 0
            for x in doubles where !x.isNaN {
                nonMissing += 1
                if x.isInfinite { infinite += 1 }
            }
            return infinite > 0 && infinite <= NonNumericCells.limit(nonMissing: nonMissing)
        }
        let numeric = (0..<dictionary.count).map { k in
            dictionary.bytes(of: k).withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { _DecimalParser.parse($0, count: buffer.count)?.isFinite == true } ?? false
            }
        }
        guard numeric.contains(true), numeric.contains(false) else { return false }
        var nonMissing = 0
        var strays = 0
        for code in codes where code >= 0 {
            nonMissing += 1
            if !numeric[Int(code)] { strays += 1 }
        }
        return strays <= NonNumericCells.limit(nonMissing: nonMissing)
    }
}
