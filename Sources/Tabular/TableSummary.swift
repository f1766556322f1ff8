/// A description of a table's columns: what `churn inspect` prints.
public struct TableSummary: Sendable, Codable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// One summary per column, in table order.
    public let columns: [ColumnSummary]
    /// The class balance of the target column, when one was named.
    public let target: ClassBalance?

    /// Summarizes every column of `table`, and the class balance of `target` when given.
    /// - Parameters:
    ///   - table: the table to describe.
    ///   - target: the name of the label column, or `nil`.
    ///   - topLevelCount: how many of the most frequent levels to list for categorical columns.
    /// - Throws: `TabularError.missingColumn` when `target` is not a column.
    /// - Complexity: O(n * columns) expected.
    public init(_ table: Table, target: String? = nil, topLevelCount: Int = 5) throws(TabularError) {
        rows = table.rowCount
        columns = table.columns.map { ColumnSummary($0, topLevelCount: topLevelCount) }
        if let target {
            self.target = ClassBalance(try table.column(named: target))
        } else {
            self.target = nil
        }
    }
}

/// A label and how many rows hold it.
public struct LevelCount: Sendable, Codable, Equatable {
    /// The label as written in the data.
    public let label: String
    /// Number of rows with this label.
    public let count: Int
}

/// The summary of one column: kind, missing and distinct counts, and a numeric or level summary.
public struct ColumnSummary: Sendable, Codable, Equatable {
    /// Column name.
    public let name: String
    /// Inferred or declared kind.
    public let kind: ColumnKind
    /// Number of missing values.
    public let missing: Int
    /// Number of distinct non-missing values.
    public let distinct: Int
    /// Smallest non-missing value (numeric columns with at least one value).
    public let min: Double?
    /// Mean of the non-missing values (numeric columns with at least one value).
    public let mean: Double?
    /// Largest non-missing value (numeric columns with at least one value).
    public let max: Double?
    /// The most frequent levels, most frequent first, ties in label order (categorical and boolean).
    public let top: [LevelCount]?

    /// Summarizes `column`.
    /// - Complexity: O(n) expected (O(n log n) for the distinct count of numeric columns).
    public init(_ column: Column, topLevelCount: Int = 5) {
        name = column.name
        kind = column.kind
        missing = column.missingCount
        switch column.values {
        case .numeric(let values):
            let present = values.filter { !$0.isNaN }
            distinct = Set(present).count
            if present.isEmpty {
                (min, mean, max) = (nil, nil, nil)
            } else {
                min = present.min()
                max = present.max()
                // Summed on values scaled by a power of two, so that values near the largest
                // double (three of 1.7e308) get their mean, not inf; the same result otherwise.
                mean = _Standardization(present)?.mean ?? present.reduce(0, +) / Double(present.count)
            }
            top = nil
        case .categorical, .boolean:
            let counts = levelCounts(column)
            distinct = counts.count
            (min, mean, max) = (nil, nil, nil)
            top = Array(counts.prefix(Swift.max(0, topLevelCount)))
        }
    }
}

/// The class balance of a label column.
public struct ClassBalance: Sendable, Codable, Equatable {
    /// The label column's name.
    public let column: String
    /// Counts per class, most frequent first.
    public let classes: [LevelCount]
    /// Rows whose label is missing.
    public let missing: Int
    /// For a boolean column, the share of non-missing rows that are true (for example the churn
    /// rate of a Yes/No column), a fraction in [0, 1]; `nil` otherwise.
    public let positiveRate: Double?

    /// Counts the classes of `column`.
    /// - Complexity: O(n) expected.
    public init(_ column: Column) {
        self.column = column.name
        missing = column.missingCount
        switch column.values {
        case .numeric(let values):
            var counts: [Double: Int] = [:]
            for v in values where !v.isNaN { counts[v, default: 0] += 1 }
            classes = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                .map { LevelCount(label: numberText($0.key), count: $0.value) }
            positiveRate = nil
        case .categorical:
            classes = levelCounts(column)
            positiveRate = nil
        case .boolean(let values, _, _):
            classes = levelCounts(column)
            let present = values.count - missing
            let trues = values.reduce(0) { $0 + ($1 == true ? 1 : 0) }
            positiveRate = present == 0 ? nil : Double(trues) / Double(present)
        }
    }
}

/// Counts of each non-missing level of a categorical or boolean column, most frequent first,
/// ties in label order.
private func levelCounts(_ column: Column) -> [LevelCount] {
    var pairs: [(String, Int)] = []
    switch column.values {
    case .numeric:
        return []
    case .categorical(let codes, let levels):
        var counts = [Int](repeating: 0, count: levels.count)
        for code in codes where code >= 0 { counts[Int(code)] += 1 }
        pairs = zip(levels, counts).filter { $0.1 > 0 }
    case .boolean(let values, let trueLabel, let falseLabel):
        let trues = values.reduce(0) { $0 + ($1 == true ? 1 : 0) }
        let falses = values.reduce(0) { $0 + ($1 == false ? 1 : 0) }
        pairs = [(trueLabel, trues), (falseLabel, falses)].filter { $0.1 > 0 }
    }
    return pairs.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map { LevelCount(label: $0.0, count: $0.1) }
}
