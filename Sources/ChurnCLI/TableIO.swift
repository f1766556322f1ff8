import ArgumentParser
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

/// Refuses an output path that names one of the command's inputs (after resolving links and `..`).
/// - Parameters:
///   - out: The output path.
///   - inputs: The input paths.
/// - Throws: `ValidationError` naming the option and the file.
func refuseOutputOverInput(_ out: String, inputs: [String]) throws {
    let resolved = URL(fileURLWithPath: out).resolvingSymlinksInPath().standardizedFileURL.path
    for input in inputs where URL(fileURLWithPath: input).resolvingSymlinksInPath().standardizedFileURL.path == resolved {
        throw ValidationError("--out \(out) is the input file \(input); choose another output path")
    }
}

/// The column names of a CSV file, from its header (reads one sample record).
/// - Parameter path: The CSV file.
/// - Throws: `CSVError` for an unreadable file or a bad header.
func csvHeader(_ path: String) throws -> [String] {
    try CSVChunkReader(fileAt: path, rowsPerChunk: 1, sampleRows: 1).schema.columns.map(\.name)
}
