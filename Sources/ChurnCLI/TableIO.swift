import ChurnKit
import Foundation

/// Reads a CSV file into a table with schema inference, reporting progress on standard error.
/// - Parameters:
///   - path: the CSV file.
///   - schema: column kinds to impose (for example a model's training schema), or nil to infer.
func readTable(_ path: String, schema: CSVSchema? = nil) throws -> Table {
    var kinds: [String: ColumnKind] = [:]
    for column in schema?.columns ?? [] { kinds[column.name] = column.kind }
    let start = Date()
    let table = try Table(csvAt: path, options: CSVReadOptions(columnKinds: kinds))
    printError("read \(path): \(table.rowCount) rows, \(table.columns.count) columns (\(elapsed(since: start)))")
    return table
}

/// Seconds since `start`, formatted for progress lines ("0.42 s").
func elapsed(since start: Date) -> String {
    String(format: "%.2f s", Date().timeIntervalSince(start))
}
