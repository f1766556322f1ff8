import Foundation
import Tabular

/// Reading and writing an assignment as CSV (`id,tier,group,arm,score`) plus its JSON manifest
/// (`<path>.manifest.json`).
///
/// Output is deterministic: rows in input order, scores in Swift's shortest round-trip form, the
/// manifest with sorted keys. Files are written atomically and an existing file is never replaced
/// unless `force` is given. The pair is committed as one unit: the manifest, written last, holds the
/// assignment's SHA-256, and `read(from:)` refuses an assignment whose bytes do not match it, so a
/// kill or a full disk between the two files never leaves a pair that is accepted.
public enum AssignmentFile {
    /// The manifest path that belongs to an assignment path.
    /// - Parameter path: The assignment CSV path.
    /// - Returns: `path + ".manifest.json"`.
    public static func manifestPath(for path: String) -> String { path + ".manifest.json" }

    /// The CSV bytes of an assignment.
    /// - Parameter assignment: The assignment.
    /// - Returns: UTF-8 CSV with header `id,tier,group,arm,score` and LF line ends.
    /// - Complexity: O(n).
    public static func csvBytes(_ assignment: Assignment) -> [UInt8] {
        let tierNames = assignment.design.tiers.map(\.name)
        let columns = [
            Column(name: "id", labels: assignment.ids),
            Column(name: "tier", labels: assignment.tiers.map { tierNames[$0] }),
            Column(name: "group", labels: assignment.groups.map { $0 == 0 ? "control" : "treatment" }),
            Column(name: "arm", labels: assignment.ids.indices.map { assignment.groupName(row: $0) }),
            Column(name: "score", numeric: assignment.scores),
        ]
        guard let table = try? Table(columns: columns) else { return [] }
        return CSVWriter.encode(table)
    }

    /// The manifest's JSON bytes (pretty-printed, sorted keys, trailing newline).
    /// - Parameter manifest: The manifest.
    /// - Returns: UTF-8 JSON.
    /// - Throws: `ExperimentsError.invalidArgument` if encoding fails.
    public static func manifestBytes(_ manifest: AssignmentManifest) throws(ExperimentsError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(manifest)) + [0x0A]
        } catch {
            throw .invalidArgument(name: "manifest", value: "", reason: "cannot be encoded: \(error)")
        }
    }

    /// Writes the assignment and its manifest.
    /// - Parameters:
    ///   - assignment: The assignment.
    ///   - manifest: Its manifest.
    ///   - path: The CSV path; the manifest goes to `manifestPath(for: path)`.
    ///   - force: Whether existing files may be replaced (default false).
    /// - Throws: `ExperimentsError.outputExists` when a file exists and `force` is false (nothing is
    ///   written then), `.fileError` when writing fails.
    /// - Complexity: O(n).
    public static func write(_ assignment: Assignment, manifest: AssignmentManifest, to path: String, force: Bool = false) throws(ExperimentsError) {
        let manifestPath = manifestPath(for: path)
        if !force {
            for existing in [path, manifestPath] where FileManager.default.fileExists(atPath: existing) {
                throw .outputExists(path: existing)
            }
        }
        let csv = csvBytes(assignment)
        var manifest = manifest
        manifest.assignmentSHA256 = SHA256.hexDigest(csv)
        let json = try manifestBytes(manifest)
        do {
            try AtomicFile.write(csv, to: path, replacing: force)
            try AtomicFile.write(json, to: manifestPath, replacing: force)
        } catch {
            if case .alreadyExists(let existing) = error { throw .outputExists(path: existing) }
            throw .fileError(path: error.path, reason: error.reason)
        }
    }

    /// Reads an assignment written by ``write(_:manifest:to:force:)``.
    /// - Parameter path: The CSV path; its manifest must be beside it.
    /// - Returns: The assignment and its manifest.
    /// - Throws: `ExperimentsError.fileError` / `.malformedFile` for unreadable files or missing
    ///   columns, `.unknownTier` / `.unknownArm` / `.duplicateID` for bad rows, and
    ///   `.malformedFile` when the file's SHA-256 or counts differ from the manifest's.
    /// - Complexity: O(n).
    public static func read(from path: String) throws(ExperimentsError) -> (assignment: Assignment, manifest: AssignmentManifest) {
        let manifestPath = manifestPath(for: path)
        // The assignment first: a missing assignment is not a missing manifest.
        for file in [path, manifestPath] {
            guard FileManager.default.fileExists(atPath: file) else {
                throw .fileError(
                    path: file,
                    reason: file == path ? "no such file" : "no such file: an assignment is read with the manifest written beside it")
            }
            if let reason = nonRegularInputReason(file) { throw .fileError(path: file, reason: reason) }
        }
        let manifest: Data, csv: Data
        do { manifest = try Data(contentsOf: URL(fileURLWithPath: manifestPath)) } catch {
            throw .fileError(path: manifestPath, reason: "cannot read the manifest: \(error.localizedDescription)")
        }
        do { csv = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .fileError(path: path, reason: "cannot read the file: \(error.localizedDescription)")
        }
        return try decode(csv: Array(csv), manifest: manifest, path: path)
    }

    /// Decodes an assignment from the bytes of its CSV file and of its manifest.
    /// - Parameters:
    ///   - csv: The assignment file's bytes.
    ///   - manifestData: The manifest's bytes.
    ///   - path: The assignment's path, naming both files in errors.
    /// - Returns: The assignment and its manifest.
    /// - Throws: As ``read(from:)``.
    /// - Complexity: O(n).
    public static func decode(csv: [UInt8], manifest manifestData: Data, path: String) throws(ExperimentsError)
        -> (assignment: Assignment, manifest: AssignmentManifest)
    {
        let manifestPath = manifestPath(for: path)
        let manifest: AssignmentManifest
        do {
            manifest = try JSONDecoder().decode(AssignmentManifest.self, from: manifestData)
        } catch {
            throw .fileError(path: manifestPath, reason: "cannot read the manifest: \(error)")
        }
        try manifest.design.validate()
        let digest = SHA256.hexDigest(csv)
        guard let bound = manifest.assignmentSHA256 else {
            throw .malformedFile(path: manifestPath, line: 0, reason: "has no assignmentSHA256 binding it to \(path); run `churn experiment design` again")
        }
        guard bound == digest else {
            throw .malformedFile(path: path, line: 0, reason: "its SHA-256 \(digest) differs from \(bound) in \(manifestPath): the assignment and its manifest do not belong together")
        }
        let table: Table
        do {
            let kinds: [String: ColumnKind] = ["id": .categorical, "tier": .categorical, "group": .categorical, "arm": .categorical, "score": .numeric]
            table = try Table(csvBytes: csv, name: path, options: CSVReadOptions(missingMarkers: [], columnKinds: kinds))
        } catch {
            throw .fileError(path: path, reason: error.description)
        }
        func texts(_ name: String) throws(ExperimentsError) -> [String] {
            guard let column = try? table.column(named: name) else {
                throw .malformedFile(path: path, line: 1, reason: "no column \"\(name)\"")
            }
            return (0..<table.rowCount).map { column.text(at: $0) ?? "" }
        }
        let ids = try texts("id"), tierNames = try texts("tier"), armNames = try texts("arm")
        var scores = [Double](repeating: .nan, count: table.rowCount)
        if let column = try? table.column(named: "score"), case .numeric(let values) = column.values { scores = values }
        let assignment = try Assignment(design: manifest.design, ids: ids, scores: scores, tierNames: tierNames, groupNames: armNames)
        let counts = assignment.counts.flatMap { $0 }
        guard counts == manifest.cells.map(\.count) else {
            throw .malformedFile(path: path, line: 0, reason: "group counts \(counts) differ from the manifest's \(manifest.cells.map(\.count))")
        }
        return (assignment, manifest)
    }
}
