import ArgumentParser
import ChurnKit

/// Column access for the experiment commands, with errors that name the file and column.
enum ExperimentColumns {
    /// The texts of column `name` (missing values as "").
    static func texts(_ table: Table, _ name: String, file: String) throws -> [String] {
        let column = try table.column(named: name)
        return (0..<table.rowCount).map { column.text(at: $0) ?? "" }
    }

    /// A numeric column; missing or non-numeric values are errors naming the row.
    static func numbers(_ table: Table, _ name: String, file: String) throws -> [Double] {
        let column = try table.column(named: name)
        guard case .numeric(let values) = column.values else {
            throw ValidationError("\(file): column \"\(name)\" is \(column.kind.rawValue), not numeric")
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw ValidationError("\(file), data row \(bad + 1): column \"\(name)\" is missing or not finite")
        }
        return values
    }

    /// A yes/no column: boolean, or numeric 0/1; anything else is an error naming the row and value.
    static func flags(_ table: Table, _ name: String, file: String) throws -> [Bool] {
        let column = try table.column(named: name)
        switch column.values {
        case .boolean(let values, _, _):
            if let bad = values.firstIndex(where: { $0 == nil }) {
                throw ValidationError("\(file), data row \(bad + 1): column \"\(name)\" is missing")
            }
            return values.map { $0 ?? false }
        case .numeric(let values):
            if let bad = values.firstIndex(where: { $0 != 0 && $0 != 1 }) {
                throw ValidationError("\(file), data row \(bad + 1): column \"\(name)\" is \(values[bad]), expected 0 or 1")
            }
            return values.map { $0 == 1 }
        case .categorical(_, let levels):
            throw ValidationError("\(file): column \"\(name)\" holds labels \(levels.prefix(3)), expected 0/1 or yes/no")
        }
    }
}

extension ExperimentColumns {
    /// Treated flags: a 0/1 or yes/no column, or with `control` a column of labels where every
    /// label other than `control` is treated.
    static func treatment(_ table: Table, _ name: String, control: String?, file: String) throws -> [Bool] {
        guard let control else { return try flags(table, name, file: file) }
        let labels = try texts(table, name, file: file)
        guard labels.contains(control) else { throw ValidationError("\(file): no row has \(name) = \"\(control)\"") }
        return labels.map { $0 != control }
    }

    /// The desired response: the outcome column, negated for a churn outcome (retention wanted).
    static func response(_ table: Table, _ name: String, churnOutcome: Bool, file: String) throws -> [Bool] {
        let outcome = try flags(table, name, file: file)
        return churnOutcome ? outcome.map { !$0 } : outcome
    }
}

/// Parses "name=value" pairs (for example `--cost call=15`), each value finite and, when `range` is
/// given, inside it (open interval with `open`).
func parseNamedNumbers(
    _ pairs: [String], option: String, in range: ClosedRange<Double>? = nil, open: Bool = false
) throws -> [String: Double] {
    var result: [String: Double] = [:]
    for pair in pairs {
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let value = Double(parts[1]) else {
            throw ValidationError("\(option) expects NAME=NUMBER, not \"\(pair)\"")
        }
        try InputLimits.real(value, name: "\(option) \(parts[0])", in: range, open: open)
        result[parts[0]] = value
    }
    return result
}

/// A number with an interval: "0.0123 [0.0100, 0.0146]".
func withInterval(_ value: Double, _ interval: ConfidenceInterval?, digits: Int = 4) -> String {
    guard let interval else { return formatted(value, digits: digits) + " [undefined]" }
    return "\(formatted(value, digits: digits)) [\(formatted(interval.lower, digits: digits)), \(formatted(interval.upper, digits: digits))]"
}

/// A fraction as a percentage with its interval ("8.5% [7.3%, 9.6%]").
func percentWithInterval(_ value: Double, _ interval: ConfidenceInterval?) -> String {
    guard let interval else { return percent(value) + " [undefined]" }
    return "\(percent(value)) [\(percent(interval.lower)), \(percent(interval.upper))]"
}

/// A p-value: 4 significant digits, in scientific notation below 0.0001 ("3.182e-44"); below
/// 1e-300 (where a double loses digits and the tail underflows to 0) "< 1e-300", never "0".
func formattedPValue(_ p: Double) -> String {
    guard p.isFinite else { return "-" }
    if p < 1e-300 { return "< 1e-300" }
    return p < 1e-4 ? String(format: "%.3e", p) : formatted(p)
}
