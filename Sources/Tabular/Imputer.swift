// Filling missing values with statistics learned from training data.
//
// Goals: the semantics of scikit-learn's SimpleImputer, so results can be checked against it:
// numeric columns take the median (numpy's: the mean of the two middle values for an even count)
// or the mean of the observed values; categorical and boolean columns take the most frequent
// label, ties broken by the smallest label in sorted order (scipy/sklearn `most_frequent`).
// With `addIndicator`, a 0/1 indicator is added only for columns that had missing values at fit
// time (`add_indicator=True`, `features="missing-only"`); a column that had none at fit time but
// has some later is filled without an indicator. Columns with no observed value at fit time are
// dropped, as SimpleImputer does with `keep_empty_features=False`.

/// How a numeric column's missing values are filled.
public enum NumericImputation: String, Sendable, Codable, CaseIterable, Equatable {
    /// The median of the observed values.
    case median
    /// The mean of the observed values.
    case mean
}

/// The value an imputer writes in place of a missing one.
public enum ImputedValue: Sendable, Equatable {
    /// A number, for numeric columns.
    case number(Double)
    /// A label, for categorical columns.
    case label(String)
    /// A truth value, for boolean columns.
    case flag(Bool)
}

/// What an imputer learned about one column.
public struct ImputedColumn: Sendable, Codable, Equatable {
    /// The column's name.
    public let column: String
    /// The column's kind at fit time.
    public let fittedKind: ColumnKind
    /// The fill value.
    public let fill: ImputedValue
    /// The fill value as the training file spelled it (a boolean's label, a number's text).
    public let fillText: String
    /// Number of missing values at fit time.
    public let missingCountAtFit: Int
    /// True when the output carries a 0/1 missing-value indicator for this column.
    public let hasIndicator: Bool

    /// The indicator column's name: `"<column> (missing)"`.
    public var indicatorName: String { _indicatorName(column) }
}

/// The name of the missing-value indicator of `column`.
func _indicatorName(_ column: String) -> String { "\(column) (missing)" }

/// Learns fill values for missing data (a trainer; `fit` returns a `FittedImputer`).
public struct Imputer: Sendable, Codable, Equatable {
    /// The statistic used for numeric columns.
    public var numericStrategy: NumericImputation
    /// Adds a 0/1 indicator column for each column that had missing values at fit time.
    public var addIndicator: Bool

    /// Creates an imputer.
    /// - Parameters:
    ///   - numericStrategy: median (default) or mean for numeric columns.
    ///   - addIndicator: add missing-value indicators (default false, as scikit-learn).
    public init(numericStrategy: NumericImputation = .median, addIndicator: Bool = false) {
        self.numericStrategy = numericStrategy
        self.addIndicator = addIndicator
    }

    /// Learns a fill value for each chosen column.
    /// - Parameters:
    ///   - table: the training data.
    ///   - columns: the columns to impute (default: all columns).
    /// - Returns: the fitted imputer; all-missing columns are listed in `emptyColumns`.
    /// - Throws: `TabularError.missingColumn` for an unknown name, `.nonFiniteValue` for an
    ///   infinite number, `.invalidArgument` for an empty table.
    /// - Complexity: O(n log n) per numeric column with the median, O(n) otherwise.
    public func fit(_ table: Table, columns: [String]? = nil) throws(TabularError) -> FittedImputer {
        guard table.rowCount > 0 else {
            throw .invalidArgument("cannot fit an imputer on a table with no rows")
        }
        var fitted: [ImputedColumn] = []
        var empty: [String] = []
        for name in columns ?? table.columnNames {
            let column = try table.column(named: name)
            guard let fill = try _fillValue(of: column, numericStrategy: numericStrategy) else {
                empty.append(name)
                continue
            }
            let missing = column.missingCount
            fitted.append(
                ImputedColumn(
                    column: name, fittedKind: column.kind, fill: fill, fillText: _text(of: fill, in: column),
                    missingCountAtFit: missing, hasIndicator: addIndicator && missing > 0))
        }
        return FittedImputer(columns: fitted, emptyColumns: empty)
    }
}

/// An imputer's learned fill values; `transform` fills a table's missing values.
public struct FittedImputer: Sendable, Codable, Equatable {
    /// One entry per imputed column, in fit order.
    public let columns: [ImputedColumn]
    /// Columns with no observed value at fit time; `transform` drops them.
    public let emptyColumns: [String]

    /// Names of the indicator columns `transform` appends, in order.
    public var indicatorNames: [String] { columns.filter(\.hasIndicator).map(\.indicatorName) }

    /// Fills the missing values of the imputed columns; other columns pass through unchanged.
    ///
    /// Each imputed column keeps its position and takes its fitted kind (a boolean column read
    /// as categorical is matched by label text); `emptyColumns` are removed; indicator columns
    /// (numeric 0/1, named `"<column> (missing)"`) are appended at the end.
    /// - Parameter table: the data to fill.
    /// - Returns: the filled table.
    /// - Throws: `TabularError.missingColumn` when an imputed column is absent,
    ///   `.invalidColumn` when a column cannot be read as its fitted kind, `.nonFiniteValue` for
    ///   an infinite number, `.duplicateColumn` when an indicator name is already taken.
    /// - Complexity: O(n) per imputed column.
    public func transform(_ table: Table) throws(TabularError) -> Table {
        try transformWithReport(table).table
    }

    /// Fills missing values as `transform(_:)` does, and reports how many were filled per column.
    /// - Parameter table: the data to fill.
    /// - Returns: the filled table and a report (`missingValues` per column).
    /// - Throws: as `transform(_:)`.
    /// - Complexity: O(n) per imputed column.
    public func transformWithReport(_ table: Table) throws(TabularError) -> (table: Table, report: TransformReport) {
        var report = TransformReport(rowCount: table.rowCount)
        var replaced: [String: Column] = [:]
        var indicators: [Column] = []
        for entry in columns {
            let column = try table.column(named: entry.column)
            let (filled, missing) = try entry._filled(column)
            replaced[entry.column] = filled
            report.recordMissing(column: entry.column, count: missing.count)
            if entry.hasIndicator {
                var flags = [Double](repeating: 0, count: table.rowCount)
                for row in missing { flags[row] = 1 }
                indicators.append(Column(name: entry.indicatorName, numeric: flags))
            }
        }
        let empty = Set(emptyColumns)
        let kept = table.columns.filter { !empty.contains($0.name) }.map { replaced[$0.name] ?? $0 }
        return (try Table(columns: kept + indicators), report)
    }
}

extension ImputedColumn {
    /// `column` with its missing values filled, in the fitted kind, and the rows that were missing.
    func _filled(_ column: Column) throws(TabularError) -> (Column, missing: [Int]) {
        var missing: [Int] = []
        switch fill {
        case .number(let value):
            var values = try _numericValues(of: column)
            for row in values.indices {
                if values[row].isNaN {
                    values[row] = value
                    missing.append(row)
                } else if !values[row].isFinite {
                    throw .nonFiniteValue(column: column.name, row: row, value: values[row])
                }
            }
            return (Column(name: column.name, numeric: values), missing)
        case .flag(let value):
            if case .boolean(var flags, let t, let f) = column.values {
                for row in flags.indices where flags[row] == nil {
                    flags[row] = value
                    missing.append(row)
                }
                return (Column(unchecked: column.name, .boolean(flags, trueLabel: t, falseLabel: f)), missing)
            }
            return _filledLabels(column, missing: &missing)
        case .label(let label):
            if case .categorical(var codes, var levels) = column.values {
                if codes.contains(where: { $0 < 0 }) {
                    let fillCode: Int32
                    if let existing = levels.firstIndex(of: label) {
                        fillCode = Int32(existing)
                    } else {
                        fillCode = Int32(levels.count)
                        levels.append(label)
                    }
                    for row in codes.indices where codes[row] < 0 {
                        codes[row] = fillCode
                        missing.append(row)
                    }
                }
                return (Column(unchecked: column.name, .categorical(codes: codes, levels: levels)), missing)
            }
            return _filledLabels(column, missing: &missing)
        }
    }

    /// A column of another kind read by label text into a categorical column, missing values
    /// filled with `fillText`.
    private func _filledLabels(_ column: Column, missing: inout [Int]) -> (Column, missing: [Int]) {
        var labels: [String?] = []
        labels.reserveCapacity(column.count)
        for row in 0..<column.count {
            if let text = column.text(at: row) {
                labels.append(text)
            } else {
                labels.append(fillText)
                missing.append(row)
            }
        }
        return (Column(name: column.name, labels: labels), missing)
    }
}

/// The fill value of `column`, or `nil` when it has no observed value.
/// - Throws: `TabularError.nonFiniteValue` for an infinite number.
func _fillValue(of column: Column, numericStrategy: NumericImputation) throws(TabularError) -> ImputedValue? {
    switch column.values {
    case .numeric(let values):
        if let row = values.firstIndex(where: { $0.isInfinite }) {
            throw .nonFiniteValue(column: column.name, row: row, value: values[row])
        }
        let statistic = numericStrategy == .median ? _median(values) : _mean(values)
        return statistic.map(ImputedValue.number)
    case .categorical(let codes, let levels):
        return _mostFrequent(codes: codes, levels: levels).map { ImputedValue.label(levels[$0]) }
    case .boolean(let flags, let trueLabel, let falseLabel):
        var trues = 0, falses = 0
        for flag in flags {
            if flag == true { trues += 1 } else if flag == false { falses += 1 }
        }
        guard trues + falses > 0 else { return nil }
        if trues != falses { return .flag(trues > falses) }
        return .flag(trueLabel < falseLabel)
    }
}

/// The text of `fill` as `column` spells it.
func _text(of fill: ImputedValue, in column: Column) -> String {
    switch fill {
    case .number(let x):
        return Column(name: column.name, numeric: [x]).text(at: 0) ?? ""
    case .label(let label):
        return label
    case .flag(let flag):
        if case .boolean(_, let trueLabel, let falseLabel) = column.values { return flag ? trueLabel : falseLabel }
        return flag ? "true" : "false"
    }
}

/// The median of the non-NaN values (mean of the two middle ones for an even count); `nil` if none.
/// - Complexity: O(n log n).
func _median(_ values: [Double]) -> Double? {
    let observed = values.filter { !$0.isNaN }.sorted()
    guard !observed.isEmpty else { return nil }
    let mid = observed.count / 2
    if observed.count % 2 == 1 { return observed[mid] }
    let (a, b) = (observed[mid - 1], observed[mid])
    let average = (a + b) / 2
    return average.isFinite ? average : a / 2 + b / 2
}

/// The mean of the non-NaN values; `nil` if none.
/// - Complexity: O(n).
func _mean(_ values: [Double]) -> Double? {
    var sum = 0.0, count = 0
    for x in values where !x.isNaN {
        sum += x
        count += 1
    }
    return count > 0 ? sum / Double(count) : nil
}

/// Per-level counts of `codes` (missing codes are skipped).
/// - Complexity: O(n + levels).
func _levelCounts(codes: [Int32], levelCount: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: levelCount)
    for code in codes where code >= 0 { counts[Int(code)] += 1 }
    return counts
}

/// The index of the most frequent level, ties broken by the smallest label; `nil` if all missing.
/// - Complexity: O(n + levels).
func _mostFrequent(codes: [Int32], levels: [String]) -> Int? {
    let counts = _levelCounts(codes: codes, levelCount: levels.count)
    var best: Int?
    for (level, count) in counts.enumerated() where count > 0 {
        guard let current = best else {
            best = level
            continue
        }
        if count > counts[current] || (count == counts[current] && levels[level] < levels[current]) {
            best = level
        }
    }
    return best
}
