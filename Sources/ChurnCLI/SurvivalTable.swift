import ArgumentParser
import ChurnKit

/// Reads a survival table and makes its event column one the Survival module accepts.
///
/// The event column may be 0/1, a boolean pair (Yes/No, True/False), or any two labels: then the
/// event label is resolved by the rule of `churn train`'s target (`TargetSpecification`: a label
/// reading as positive, Yes, True, 1, Churned, Left, Cancelled..., or `--event-label`), and the
/// column becomes 0/1. A third label is an error naming its line.
/// - Parameters:
///   - path: The CSV file.
///   - event: The event column.
///   - eventLabel: The label meaning "the event happened", or nil to infer it.
///   - options: The reading flags' options (`ReadOptions.csvOptions`).
/// - Returns: The table with a numeric or boolean event column.
/// - Throws: `CSVError` for the file, `SurvivalError` naming line and column, `CommandError`
///   when the event label cannot be inferred or is not a label of the column.
func readSurvivalTable(_ path: String, event: String, eventLabel: String?, options: CSVReadOptions) throws -> Table {
    let table = try readTable(path, options: options)
    guard let column = table.columns.first(where: { $0.name == event }) else {
        throw SurvivalError.missingColumn(file: path, column: event, available: table.columnNames)
    }
    guard case .categorical(let codes, let levels) = column.values else {
        if let eventLabel, case .boolean(_, let yes, let no) = column.values, eventLabel != yes {
            throw CommandError("--event-label \(eventLabel): the event column \"\(event)\" reads \(yes) as the event (labels \(yes), \(no))")
        }
        return table
    }
    var seen: [Int32] = []
    for (row, code) in codes.enumerated() where code >= 0 && !seen.contains(code) {
        seen.append(code)
        if seen.count > 2 {
            throw SurvivalError.invalidEvent(file: path, line: row + 2, column: event, value: levels[Int(code)])
        }
    }
    let labels = seen.map { "\"\(levels[Int($0)])\"" }.joined(separator: ", ")
    let target: TargetSpecification
    do { target = try TargetSpecification(table: table, column: event, positiveLabel: eventLabel) } catch {
        throw CommandError(eventLabel.map { "--event-label \"\($0)\" is not a label of the event column \"\(event)\" (labels \(labels))" }
            ?? "the event column \"\(event)\" has labels \(labels), none reading as the event (Yes, True, 1, Churned, ...): name it with --event-label")
    }
    printError("event column \"\(event)\": \"\(target.positiveLabel)\" is the event")
    let indicator = Column(name: event, numeric: (0..<table.rowCount).map { row in
        column.text(at: row).map { $0 == target.positiveLabel ? 1 : 0 } ?? .nan
    })
    return try Table(columns: table.columns.map { $0.name == event ? indicator : $0 })
}
