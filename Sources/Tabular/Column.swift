/// The kind of data a column holds, as inferred from a file or declared by the user.
public enum ColumnKind: String, Sendable, Codable, CaseIterable, Equatable {
    /// Real numbers; missing values are NaN.
    case numeric
    /// Labels from a finite set, dictionary-encoded.
    case categorical
    /// Two labels (Yes/No, True/False, 1/0, ...), stored as `Bool?`.
    case boolean
}

/// The values of one column, stored in the form that suits its kind.
public enum ColumnValues: Sendable, Equatable {
    /// Numbers; a missing value is `Double.nan`.
    case numeric([Double])
    /// Dictionary-encoded labels: `codes[i]` indexes `levels`, and `-1` marks a missing value.
    /// `levels` are in order of first appearance.
    case categorical(codes: [Int32], levels: [String])
    /// Two-valued data; `nil` marks a missing value. `trueLabel` and `falseLabel` are the texts
    /// the file used (for example "Yes" and "No", or "1" and "0").
    case boolean([Bool?], trueLabel: String, falseLabel: String)
}

/// One named, typed column of a `Table`.
public struct Column: Sendable, Equatable {
    /// The column's name, as in the header row.
    public let name: String
    /// The column's values.
    public let values: ColumnValues

    /// Creates a column. Category codes must lie in `-1..<levels.count`.
    /// - Throws: `TabularError.invalidColumn` when a category code is out of range.
    /// - Complexity: O(n) for categorical columns (the codes are checked), O(1) otherwise.
    public init(name: String, values: ColumnValues) throws(TabularError) {
        if case .categorical(let codes, let levels) = values {
            let limit = Int32(clamping: levels.count)
            if let bad = codes.firstIndex(where: { $0 < -1 || $0 >= limit }) {
                throw .invalidColumn(
                    name: name, reason: "row \(bad) has category code \(codes[bad]) but only \(levels.count) levels")
            }
        }
        self.name = name
        self.values = values
    }

    /// Creates a numeric column (NaN = missing).
    public init(name: String, numeric: [Double]) {
        self.name = name
        self.values = .numeric(numeric)
    }

    /// Creates a categorical column from optional labels (`nil` = missing), levels in order of
    /// first appearance.
    /// - Complexity: O(n) expected.
    public init(name: String, labels: [String?]) {
        var index: [String: Int32] = [:]
        var levels: [String] = []
        var codes: [Int32] = []
        codes.reserveCapacity(labels.count)
        for label in labels {
            guard let label else { codes.append(-1); continue }
            if let code = index[label] {
                codes.append(code)
            } else {
                let code = Int32(levels.count)
                index[label] = code
                levels.append(label)
                codes.append(code)
            }
        }
        self.name = name
        self.values = .categorical(codes: codes, levels: levels)
    }

    /// The column's kind.
    public var kind: ColumnKind {
        switch values {
        case .numeric: return .numeric
        case .categorical: return .categorical
        case .boolean: return .boolean
        }
    }

    /// Number of rows.
    public var count: Int {
        switch values {
        case .numeric(let v): return v.count
        case .categorical(let codes, _): return codes.count
        case .boolean(let v, _, _): return v.count
        }
    }

    /// Number of missing values.
    /// - Complexity: O(n).
    public var missingCount: Int {
        switch values {
        case .numeric(let v): return v.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case .categorical(let codes, _): return codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        case .boolean(let v, _, _): return v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        }
    }

    /// The value of row `row` as the text a CSV file would hold; `nil` when missing.
    public func text(at row: Int) -> String? {
        switch values {
        case .numeric(let v):
            return v[row].isNaN ? nil : numberText(v[row])
        case .categorical(let codes, let levels):
            let code = codes[row]
            return code < 0 ? nil : levels[Int(code)]
        case .boolean(let v, let t, let f):
            return v[row].map { $0 ? t : f }
        }
    }

    /// The rows `indices`, in that order, as a new column of the same kind.
    ///
    /// A categorical column keeps only the levels its selected rows use (in their original order,
    /// codes renumbered), so a subset never carries stale levels: its level count is its number of
    /// distinct labels, and a schema or encoder built from it holds no label of the other rows.
    /// - Complexity: O(indices.count + levels).
    public func selecting(rows indices: [Int]) -> Column {
        let picked: ColumnValues
        switch values {
        case .numeric(let v): picked = .numeric(indices.map { v[$0] })
        case .categorical(let codes, let levels):
            var renumbered = [Int32](repeating: -1, count: levels.count)
            for row in indices where codes[row] >= 0 { renumbered[Int(codes[row])] = 0 }
            var kept: [String] = []
            for (level, label) in levels.enumerated() where renumbered[level] == 0 {
                renumbered[level] = Int32(kept.count)
                kept.append(label)
            }
            picked = .categorical(codes: indices.map { codes[$0] < 0 ? -1 : renumbered[Int(codes[$0])] }, levels: kept)
        case .boolean(let v, let t, let f): picked = .boolean(indices.map { v[$0] }, trueLabel: t, falseLabel: f)
        }
        return Column(unchecked: name, picked)
    }

    /// Internal initializer for values already known to be consistent.
    init(unchecked name: String, _ values: ColumnValues) {
        self.name = name
        self.values = values
    }
}

/// The shortest text that reads back as `x`, without a trailing ".0" for whole numbers.
func numberText(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return String(x)
}
