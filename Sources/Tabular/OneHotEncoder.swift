// One-hot (dummy) encoding of categorical and boolean columns.
//
// Goals: scikit-learn's OneHotEncoder semantics. Categories are the labels observed at fit time in
// sorted order; `drop: .first` drops the first of them (sklearn `drop="first"`), the reference
// level that keeps a model with an intercept identifiable. A boolean column always becomes one
// 0/1 column, true = 1 (named after its true label). Labels unseen at fit time give an all-zero
// group and are counted (`handle_unknown="ignore"`), or throw with `.error`. Note that with a
// dropped level, an all-zero group is also the code of the reference level, as sklearn warns.
// Unlike sklearn, which treats a missing value as a category of its own, a missing value gives
// an all-zero group and is counted in the report (impute first to avoid it).

import LinearAlgebra

/// Which level of each categorical column gets no output column.
public enum OneHotDrop: String, Sendable, Codable, CaseIterable, Equatable {
    /// Every level gets a column.
    case none
    /// The first level in sorted order is the reference level and gets no column.
    case first
}

/// What an encoder does with a label it did not see at fit time.
public enum UnknownCategoryPolicy: String, Sendable, Codable, CaseIterable, Equatable {
    /// Encode the column's group as all zeros and count the label in the report.
    case ignore
    /// Throw `TabularError.unknownCategory`.
    case error
}

/// The one-hot encoding of one source column.
public struct OneHotGroup: Sendable, Codable, Equatable {
    /// The source column's name.
    public let column: String
    /// The source column's kind at fit time (`.categorical` or `.boolean`).
    public let fittedKind: ColumnKind
    /// The fitted categories, sorted; for a boolean column `[falseLabel, trueLabel]`.
    public let categories: [String]
    /// The categories that get an output column, in output order.
    public let encodedCategories: [String]

    /// Output column names, `"<column>=<label>"`.
    public var featureNames: [String] { encodedCategories.map { "\(column)=\($0)" } }

    /// The reference (dropped) category, if any.
    public var droppedCategory: String? {
        categories.first { !encodedCategories.contains($0) }
    }

    /// Fits a group on `column`, or returns `nil` for a numeric column.
    init?(fitting column: Column, drop: OneHotDrop) {
        switch column.values {
        case .numeric:
            return nil
        case .categorical(let codes, let levels):
            let counts = _levelCounts(codes: codes, levelCount: levels.count)
            let observed = levels.indices.filter { counts[$0] > 0 }.map { levels[$0] }.sorted()
            self.init(
                column: column.name, fittedKind: .categorical, categories: observed,
                encodedCategories: drop == .first ? Array(observed.dropFirst()) : observed)
        case .boolean(_, let trueLabel, let falseLabel):
            self.init(
                column: column.name, fittedKind: .boolean, categories: [falseLabel, trueLabel],
                encodedCategories: [trueLabel])
        }
    }

    /// Memberwise initializer.
    init(column: String, fittedKind: ColumnKind, categories: [String], encodedCategories: [String]) {
        self.column = column
        self.fittedKind = fittedKind
        self.categories = categories
        self.encodedCategories = encodedCategories
    }

    /// Maps each category index to its output slot in the group, -1 for the dropped category.
    var _slots: [Int] {
        var slotOf: [String: Int] = [:]
        for (slot, label) in encodedCategories.enumerated() { slotOf[label] = slot }
        return categories.map { slotOf[$0] ?? -1 }
    }

    /// Maps each row of `source` to a category index (see `_categoryIndices`).
    func _indices(of source: Column) -> [Int32] {
        var lookup: [String: Int32] = [:]
        for (index, label) in categories.enumerated() where lookup[label] == nil { lookup[label] = Int32(index) }
        return _categoryIndices(of: source, lookup: lookup, fittedAsBoolean: fittedKind == .boolean)
    }

    /// Throws for the first unknown label under `.error`, or counts the unknown labels under `.ignore`.
    func _handleUnknowns(
        in source: Column, indices: [Int32], policy: UnknownCategoryPolicy, report: inout TransformReport
    ) throws(TabularError) {
        guard let row = indices.firstIndex(of: _unknownCategory) else { return }
        switch policy {
        case .error:
            throw .unknownCategory(column: column, label: source.text(at: row) ?? "", row: row, known: categories)
        case .ignore:
            report.recordUnknowns(in: source, indices: indices)
        }
    }
}

/// Learns the categories of categorical and boolean columns (a trainer; `fit` returns a
/// `FittedOneHotEncoder`).
public struct OneHotEncoder: Sendable, Codable, Equatable {
    /// Which level gets no column (default `.first`, for models with an intercept).
    public var drop: OneHotDrop
    /// What to do with labels unseen at fit time (default `.ignore`).
    public var unknownCategories: UnknownCategoryPolicy

    /// Creates an encoder.
    /// - Parameters:
    ///   - drop: `.first` (default) drops the first sorted level of each categorical column.
    ///   - unknownCategories: `.ignore` (default) encodes unseen labels as zeros; `.error` throws.
    public init(drop: OneHotDrop = .first, unknownCategories: UnknownCategoryPolicy = .ignore) {
        self.drop = drop
        self.unknownCategories = unknownCategories
    }

    /// Learns the sorted categories of each chosen column.
    /// - Parameters:
    ///   - table: the training data.
    ///   - columns: the columns to encode (default: every categorical and boolean column).
    /// - Returns: the fitted encoder.
    /// - Throws: `TabularError.missingColumn` for an unknown name, `.invalidColumn` for a
    ///   numeric column.
    /// - Complexity: O(n + levels log levels) per column.
    public func fit(_ table: Table, columns: [String]? = nil) throws(TabularError) -> FittedOneHotEncoder {
        let names = columns ?? table.columns.filter { $0.kind != .numeric }.map(\.name)
        var groups: [OneHotGroup] = []
        for name in names {
            let column = try table.column(named: name)
            guard let group = OneHotGroup(fitting: column, drop: drop) else {
                throw .invalidColumn(name: name, reason: "a numeric column cannot be one-hot encoded")
            }
            groups.append(group)
        }
        return FittedOneHotEncoder(groups: groups, unknownCategories: unknownCategories)
    }
}

/// A one-hot encoder's learned categories; `transform` encodes a table into a 0/1 matrix.
public struct FittedOneHotEncoder: Sendable, Codable, Equatable {
    /// One group per encoded column, in output order.
    public let groups: [OneHotGroup]
    /// What `transform` does with unseen labels.
    public let unknownCategories: UnknownCategoryPolicy

    /// All output column names, group after group.
    public var featureNames: [String] { groups.flatMap(\.featureNames) }

    /// Encodes the fitted columns of `table` (looked up by name; other columns are ignored).
    /// - Parameter table: the data to encode.
    /// - Returns: an n x `featureNames.count` matrix of 0 and 1.
    /// - Throws: `TabularError.missingColumn` when a fitted column is absent,
    ///   `.unknownCategory` for an unseen label under `.error`.
    /// - Complexity: O(n d).
    public func transform(_ table: Table) throws(TabularError) -> Matrix {
        try transformWithReport(table).matrix
    }

    /// Encodes as `transform(_:)` does and reports unseen labels and missing values.
    /// - Parameter table: the data to encode.
    /// - Returns: the matrix and the report.
    /// - Throws: as `transform(_:)`.
    /// - Complexity: O(n d).
    public func transformWithReport(_ table: Table) throws(TabularError) -> (matrix: Matrix, report: TransformReport) {
        let n = table.rowCount
        let d = groups.reduce(0) { $0 + $1.encodedCategories.count }
        var values = try _zeroStorage(rows: n, columns: d)
        var report = TransformReport(rowCount: n)
        var offset = 0
        for group in groups {
            let source = try table.column(named: group.column)
            let indices = group._indices(of: source)
            try group._handleUnknowns(in: source, indices: indices, policy: unknownCategories, report: &report)
            report.recordMissing(column: group.column, count: indices.reduce(0) { $0 + ($1 == _missingCategory ? 1 : 0) })
            let slots = group._slots
            for (row, index) in indices.enumerated() where index >= 0 && Int(index) < slots.count {
                let slot = slots[Int(index)]
                if slot >= 0 { values[row * d + offset + slot] = 1 }
            }
            offset += group.encodedCategories.count
        }
        return (try _matrix(rows: n, columns: d, values: values), report)
    }
}

/// A zero-filled array for an n x d matrix.
/// - Throws: `TabularError.invalidArgument` when n d overflows.
func _zeroStorage(rows: Int, columns: Int) throws(TabularError) -> [Double] {
    let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
    guard !overflow else { throw .invalidArgument("\(rows) x \(columns) features overflow the address space") }
    return [Double](repeating: 0, count: count)
}

/// Wraps row-major `values` of the right size in a `Matrix`, converting the (impossible) shape error.
func _matrix(rows: Int, columns: Int, values: [Double]) throws(TabularError) -> Matrix {
    do {
        return try Matrix(rows: rows, columns: columns, values: values)
    } catch {
        throw .invalidArgument(error.description)
    }
}
