import ArgumentParser
import ChurnKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a CSV file into a table with schema inference, reporting progress on standard error, and
/// a warning per column that holds finite numbers but for a few cells (read as `options.nonNumericCells` says).
/// - Parameters:
///   - path: the CSV file.
///   - schema: column kinds to impose (for example a model's training schema), or nil to infer.
///   - options: the reading flags' options (`ReadOptions.csvOptions`); their column kinds are replaced by `schema`'s.
///     Commands without those flags read a model's columns by its schema and the others as before
///     (an almost-numeric column as labels, with the warning).
/// - Throws: `CSVError`, or `CommandError` naming the flag to use (`withReadingFlags`).
func readTable(_ path: String, schema: CSVSchema? = nil, options: CSVReadOptions = CSVReadOptions(nonNumericCells: .category)) throws -> Table {
    var options = options
    options.columnKinds = [:]
    for column in schema?.columns ?? [] { options.columnKinds[column.name] = column.kind }
    let start = Date()
    let result: CSVReadResult
    do {
        result = try Table.readCSV(at: path, options: options)
    } catch {
        throw withReadingFlags(error)
    }
    let table = result.table
    printError("read \(path): \(table.rowCount) rows, \(table.columns.count) columns (\(elapsed(since: start)))")
    for cells in result.nonNumericCells { printError("warning: \(cells)") }
    return table
}

/// `error` with the message a reader of the command line needs: the flag that changes it.
func withReadingFlags(_ error: CSVError) -> any Error {
    switch error {
    case .nonNumericCells(let cells):
        return CommandError("\(cells.finding); add --non-numeric-cells missing to read them as missing, "
            + "or --non-numeric-cells category to read the column as labels")
    case .recordTooLong(let at, let limit):
        return CommandError("\(at.file): line \(at.line): no record ends within \(limit >> 20) MiB, the maximum record size: "
            + "a quoted field is not closed, or the record is longer; if it is valid, raise --max-record-mb")
    default:
        return error
    }
}

/// Seconds since `start`, formatted for progress lines ("0.42 s").
func elapsed(since start: Date) -> String {
    String(format: "%.2f s", Date().timeIntervalSince(start))
}

/// The output policy of every command, checked before any work: an output must not be one of the
/// command's inputs (compared by device and inode, so links and `..` do not hide it), must not be a
/// directory, device, pipe or symbolic link, must not be given twice, and must not exist unless
/// `force` is given. The files are then written with `AtomicFile` (temporary file beside the
/// output, `--force` alone lets it replace an existing file).
/// - Parameters:
///   - outputs: the option (`--out`) and path of each output.
///   - inputs: the paths the command reads.
///   - force: whether existing outputs may be replaced.
/// - Throws: `CommandError` naming the option and the file.
func checkOutputs(_ outputs: [(option: String, path: String)], inputs: [String], force: Bool) throws {
    var seen: [String: String] = [:]
    for (option, path) in outputs {
        if let other = seen[path] { throw CommandError("\(option) \(path) is also given as \(other); choose two different files") }
        seen[path] = option
        var out = stat()
        guard lstat(path, &out) == 0 else { continue }
        let kind = out.st_mode & S_IFMT
        guard kind != S_IFLNK else {
            throw CommandError("\(option) \(path) is a symbolic link; give the path of the file itself")
        }
        guard kind == S_IFREG else {
            throw CommandError("\(option) \(path) is \(kind == S_IFDIR ? "a directory" : "a device or pipe"), not a regular file; give a file path")
        }
        for input in inputs {
            var source = stat()
            if stat(input, &source) == 0, source.st_dev == out.st_dev, source.st_ino == out.st_ino {
                throw CommandError("\(option) \(path) is the input file \(input); choose another output path")
            }
        }
        guard force else { throw CommandError("\(option) \(path) already exists; add --force to replace it") }
    }
}

/// The column names of a CSV file, from its header (reads one sample record).
/// - Parameter path: The CSV file.
/// - Throws: `CSVError` for an unreadable file or a bad header.
func csvHeader(_ path: String) throws -> [String] {
    try CSVChunkReader(fileAt: path, rowsPerChunk: 1, sampleRows: 1).schema.columns.map(\.name)
}
