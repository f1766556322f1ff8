// Reading a column at transform time in the form its encoder was fitted on.
//
// A score file may be read with a different schema than the training file: a Yes/No column in
// which only "Yes" occurs is read as categorical, a "1"/"0" flag as numeric, a numeric column
// with a stray text value as categorical. Encoders therefore match values by label text where
// that is meaningful, and report a clear error where it is not.

/// Category index of a missing value in the arrays built by `_categoryIndices`.
let _missingCategory: Int32 = -1
/// Category index of a label the encoder did not see at fit time.
let _unknownCategory: Int32 = -2

/// The values of `column` as numbers (NaN = missing), for an encoder fitted on a numeric column.
///
/// A categorical column's levels and a boolean column's labels are parsed as numbers (surrounding
/// spaces ignored); a label that is not a number is an error when a row uses it.
/// - Throws: `TabularError.invalidColumn` naming the offending label and row.
/// - Complexity: O(n).
func _numericValues(of column: Column) throws(TabularError) -> [Double] {
    switch column.values {
    case .numeric(let values):
        return values
    case .categorical(let codes, let levels):
        let parsed = levels.map { _parseNumber($0) }
        var values = [Double](repeating: .nan, count: codes.count)
        for (row, code) in codes.enumerated() where code >= 0 {
            guard let x = parsed[Int(code)] else {
                throw .invalidColumn(
                    name: column.name,
                    reason: "the encoder was fitted on numbers, but row \(row) (0-based) holds \"\(levels[Int(code)])\", "
                        + "which is not a number")
            }
            values[row] = x
        }
        return values
    case .boolean(let flags, let trueLabel, let falseLabel):
        guard let one = _parseNumber(trueLabel), let zero = _parseNumber(falseLabel) else {
            throw .invalidColumn(
                name: column.name,
                reason: "the encoder was fitted on numbers, but this column holds the labels "
                    + "\"\(trueLabel)\"/\"\(falseLabel)\", which are not numbers")
        }
        return flags.map { flag in flag.map { $0 ? one : zero } ?? .nan }
    }
}

/// Maps each row of `column` to an index into the fitted categories (`lookup` sends a label to
/// its index); missing rows get `_missingCategory`, labels absent from `lookup` `_unknownCategory`.
///
/// When `fittedAsBoolean` is true, the fitted categories are `[falseLabel, trueLabel]` and a
/// boolean column maps by value (false = 0, true = 1) whatever its labels; otherwise, and for
/// other kinds, values are matched by their text (`Column.text(at:)`).
/// - Complexity: O(n) expected, plus O(levels) for categorical columns.
func _categoryIndices(of column: Column, lookup: [String: Int32], fittedAsBoolean: Bool) -> [Int32] {
    switch column.values {
    case .categorical(let codes, let levels):
        let map = levels.map { lookup[$0] ?? _unknownCategory }
        return codes.map { $0 < 0 ? _missingCategory : map[Int($0)] }
    case .boolean(let flags, let trueLabel, let falseLabel):
        let whenTrue = fittedAsBoolean ? 1 : (lookup[trueLabel] ?? _unknownCategory)
        let whenFalse = fittedAsBoolean ? 0 : (lookup[falseLabel] ?? _unknownCategory)
        return flags.map { flag in flag.map { $0 ? whenTrue : whenFalse } ?? _missingCategory }
    case .numeric(let values):
        var indices = [Int32](repeating: _missingCategory, count: values.count)
        for row in values.indices {
            if let text = column.text(at: row) { indices[row] = lookup[text] ?? _unknownCategory }
        }
        return indices
    }
}

/// Parses `text` as a finite number after trimming spaces and tabs; `nil` otherwise.
func _parseNumber(_ text: String) -> Double? {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
    else { return nil }
    guard let x = Double(String(scalars[first...last])), x.isFinite else { return nil }
    return x
}

