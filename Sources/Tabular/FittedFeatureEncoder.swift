// Applying a fitted feature encoder to new tables (see FeatureEncoder.swift for the semantics).
//
// Goals: the same matrix for the same rows whatever the column order of the new table or the
// chunk a row arrives in; never a NaN or infinity in the output; unknown labels and missing
// values counted, never a trap. Transforming into a caller-provided matrix lets a large score
// file be encoded chunk by chunk without reallocating.

import LinearAlgebra

/// A fitted table-to-matrix encoder: imputation, standardization and one-hot encoding learned
/// from training data.
public struct FittedFeatureEncoder: Sendable, Codable, Equatable {
    /// The settings it was fitted with.
    public let configuration: FeatureEncoder
    /// The encoded source columns, in output order.
    public let columns: [EncodedColumn]
    /// Problems found at fit time (all-missing and constant columns), in column order.
    public let issues: [FeatureIssue]

    /// Memberwise initializer.
    init(configuration: FeatureEncoder, columns: [EncodedColumn], issues: [FeatureIssue]) {
        self.configuration = configuration
        self.columns = columns
        self.issues = issues
    }

    /// The issues whose column has no value feature in the output.
    public var droppedFeatures: [FeatureIssue] { issues.filter(\.dropped) }

    /// The columns a table must have to be transformed, in output order.
    public var requiredColumns: [String] { columns.map(\.name) }

    /// Number of output features (d).
    public var featureCount: Int { columns.reduce(0) { $0 + $1.width } }

    /// Output feature names, in column order.
    /// - Complexity: O(d).
    public var featureNames: [String] { features.map(\.name) }

    /// Every output feature with its source column, kind and scaling, in column order.
    /// - Complexity: O(d).
    public var features: [FeatureInfo] {
        var result: [FeatureInfo] = []
        for plan in columns {
            if plan.keepsValue {
                if let group = plan.oneHot, plan.ordinal {
                    result.append(
                        FeatureInfo(
                            name: plan.name, sourceColumn: plan.name, kind: .ordinal, level: nil, center: 0, scale: 1,
                            levels: group.categories))
                } else if let group = plan.oneHot {
                    let kind: FeatureInfo.Kind = group.fittedKind == .boolean ? .boolean : .oneHot
                    for (label, name) in zip(group.encodedCategories, group.featureNames) {
                        result.append(
                            FeatureInfo(name: name, sourceColumn: plan.name, kind: kind, level: label, center: 0, scale: 1))
                    }
                } else {
                    result.append(
                        FeatureInfo(
                            name: plan.name, sourceColumn: plan.name, kind: .numeric, level: nil,
                            center: plan.center, scale: plan.scale))
                }
            }
            if plan.imputation.hasIndicator {
                result.append(
                    FeatureInfo(
                        name: plan.imputation.indicatorName, sourceColumn: plan.name, kind: .missingIndicator,
                        level: nil, center: 0, scale: 1))
            }
        }
        return result
    }

    /// Encodes `table` into a new n x d matrix.
    ///
    /// Columns are looked up by name: their order may differ from the training table and extra
    /// columns are ignored. A column whose kind changed is read by label text (a boolean read as
    /// categorical, a "1"/"0" flag read as numeric, numbers read as categorical).
    /// - Parameter table: the data to encode.
    /// - Returns: the n x `featureCount` design matrix, row-major.
    /// - Throws: `TabularError.missingColumn` when a required column is absent,
    ///   `.invalidColumn` when a column cannot be read as its fitted kind,
    ///   `.unknownCategory` for an unseen label under `UnknownCategoryPolicy.error`,
    ///   `.nonFiniteValue` for an infinite number or a standardized value that overflows.
    /// - Complexity: O(n d).
    public func transform(_ table: Table) throws(TabularError) -> Matrix {
        try transformWithReport(table).matrix
    }

    /// Encodes as `transform(_:)` does and reports unseen labels and filled missing values.
    /// - Parameter table: the data to encode.
    /// - Returns: the matrix and the report.
    /// - Throws: as `transform(_:)`.
    /// - Complexity: O(n d).
    public func transformWithReport(_ table: Table) throws(TabularError) -> (matrix: Matrix, report: TransformReport) {
        let d = featureCount
        var values = try _zeroStorage(rows: table.rowCount, columns: d)
        let result = values.withUnsafeMutableBufferPointer { buffer in
            Result { () throws(TabularError) -> TransformReport in try _encode(table, into: buffer) }
        }
        let report = try result.get()
        return (try _matrix(rows: table.rowCount, columns: d, values: values), report)
    }

    /// Encodes `table` into rows `firstRow ..< firstRow + table.rowCount` of `matrix`, in place.
    ///
    /// Reuse one matrix for the chunks of a large file, or fill one big matrix chunk by chunk.
    /// On error, the target rows may be partly written.
    /// - Parameters:
    ///   - table: the data to encode.
    ///   - matrix: the target; it must have `featureCount` columns and room for the rows.
    ///   - firstRow: the matrix row that receives the table's first row (default 0).
    /// - Returns: the report for these rows (combine chunks with `TransformReport.merge`).
    /// - Throws: `TabularError.invalidArgument` when the matrix's shape does not fit, and the
    ///   errors of `transform(_:)`.
    /// - Complexity: O(n d), no allocation proportional to the matrix.
    @discardableResult
    public func transform(_ table: Table, into matrix: inout Matrix, atRow firstRow: Int = 0) throws(TabularError)
        -> TransformReport
    {
        let d = featureCount
        guard matrix.columns == d else {
            throw .invalidArgument("the target matrix has \(matrix.columns) columns, but the encoder makes \(d) features")
        }
        guard firstRow >= 0, firstRow <= matrix.rows, table.rowCount <= matrix.rows - firstRow else {
            throw .invalidArgument(
                "rows \(firstRow)..<\(firstRow + table.rowCount) do not fit in a matrix of \(matrix.rows) rows")
        }
        let result = matrix.withUnsafeMutableBufferPointer { buffer in
            Result { () throws(TabularError) -> TransformReport in
                let start = firstRow * d
                let region = UnsafeMutableBufferPointer(rebasing: buffer[start..<(start + table.rowCount * d)])
                region.update(repeating: 0)
                return try _encode(table, into: region)
            }
        }
        return try result.get()
    }

    /// Writes the features of `table` into `out` (zero-filled, `table.rowCount * featureCount`
    /// values, row-major).
    private func _encode(_ table: Table, into out: UnsafeMutableBufferPointer<Double>) throws(TabularError)
        -> TransformReport
    {
        let n = table.rowCount
        let d = featureCount
        var report = TransformReport(rowCount: n)
        var offset = 0
        for plan in columns {
            let source = try table.column(named: plan.name)
            let indicatorOffset = plan.imputation.hasIndicator ? offset + plan.valueWidth : -1
            var missing = 0
            if let group = plan.oneHot {
                let indices = group._indices(of: source)
                try group._handleUnknowns(
                    in: source, indices: indices, policy: configuration.unknownCategories, report: &report)
                let fillIndex = configuration.imputeMissing ? _fillIndex(plan.imputation.fill, in: group) : _missingCategory
                let slots = plan.keepsValue ? group._slots : []
                for row in 0..<n {
                    var index = indices[row]
                    if index == _missingCategory {
                        missing += 1
                        index = fillIndex
                        if indicatorOffset >= 0 { out[row * d + indicatorOffset] = 1 }
                    }
                    if plan.ordinal {
                        if plan.keepsValue { out[row * d + offset] = index >= 0 ? Double(index) : .nan }
                        continue
                    }
                    if index >= 0, Int(index) < slots.count, slots[Int(index)] >= 0 {
                        out[row * d + offset + slots[Int(index)]] = 1
                    }
                }
            } else {
                let values = try _numericValues(of: source)
                let fill = if configuration.imputeMissing, case .number(let x) = plan.imputation.fill { x } else { Double.nan }
                for row in 0..<n {
                    var x = values[row]
                    if x.isNaN {
                        missing += 1
                        x = fill
                        if indicatorOffset >= 0 { out[row * d + indicatorOffset] = 1 }
                    }
                    guard plan.keepsValue else { continue }
                    if x.isNaN {
                        out[row * d + offset] = .nan
                        continue
                    }
                    let z = (x - plan.center) / plan.scale
                    guard z.isFinite else { throw .nonFiniteValue(column: plan.name, row: row, value: x) }
                    out[row * d + offset] = z
                }
            }
            report.recordMissing(column: plan.name, count: missing)
            offset += plan.width
        }
        return report
    }

    /// The category index of a categorical or boolean fill value (-1 if absent from the group).
    private func _fillIndex(_ fill: ImputedValue, in group: OneHotGroup) -> Int32 {
        switch fill {
        case .flag(let flag): return flag ? 1 : 0
        case .label(let label): return group.categories.firstIndex(of: label).map { Int32($0) } ?? _missingCategory
        case .number: return _missingCategory
        }
    }
}
