// The readers that take bytes from users and files, as fuzzing entry points (issue 13): each
// runs one reader, plus what a command does next with what it read, on one input. A thrown error
// is the expected answer to bad bytes; a trap, a hang or unbounded memory is a finding. Both the
// seeded mutation runner in Tests/FuzzTests and the libFuzzer executable (scripts/fuzz.sh) call
// these, so a finding of either replays in the other.

import Experiments
import Foundation
import Pipelines
import Tabular

/// A reader under fuzzing.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The CSV reader: the whole-file reader, then the chunk reader in chunks of 3 rows, then the
    /// column summary of what was read.
    case csv
    /// The model-file decoders: a churn or segmentation pipeline (with its meaning checks) scoring
    /// a small table, and an uplift model file predicting on it.
    case modelFile = "model-file"
    /// The assignment reader: an assignment CSV and its manifest (see `assignmentInput(csv:manifest:)`).
    case assignment

    /// The result of one input.
    public enum Outcome: Equatable, Sendable {
        /// The reader accepted the input (and what followed ran).
        case accepted
        /// The reader threw; the error's text.
        case rejected(String)
    }

    /// Runs the target on `bytes`; never throws, a trap is a finding.
    /// - Parameter bytes: one input.
    /// - Returns: whether the input was accepted.
    public func run(_ bytes: [UInt8]) -> Outcome {
        do {
            switch self {
            case .csv: try Self.readCSV(bytes)
            case .modelFile: try Self.decodeModel(bytes)
            case .assignment: try Self.readAssignment(bytes)
            }
            return .accepted
        } catch {
            return .rejected(String(describing: error))
        }
    }

    /// The line that separates an assignment input's CSV from its manifest.
    public static let manifestSeparator = Array("\n#manifest\n".utf8)

    /// The text in a manifest that an assignment input replaces by its CSV's SHA-256, so mutated
    /// assignments get past the binding check and reach the row checks.
    public static let digestPlaceholder = "@SHA256@"

    /// One assignment input: `csv`, the separator line, then `manifest` in which the CSV's SHA-256
    /// should appear as `digestPlaceholder`.
    /// - Parameters:
    ///   - csv: the assignment file's bytes.
    ///   - manifest: the manifest's bytes.
    /// - Returns: the input bytes.
    public static func assignmentInput(csv: [UInt8], manifest: [UInt8]) -> [UInt8] {
        csv + manifestSeparator + manifest
    }

    private static func readCSV(_ bytes: [UInt8]) throws {
        let options = CSVReadOptions(blockSize: 4096, maxRecordBytes: 1 << 20)
        let table = try Table(csvBytes: bytes, name: "fuzz.csv", options: options)
        let chunks = try CSVChunkReader(bytes: bytes, name: "fuzz.csv", rowsPerChunk: 3, sampleRows: 16, options: options)
        while try chunks.next() != nil {}
        _ = try TableSummary(table)
    }

    /// The table a decoded model scores: a few synthetic customers with every column a model
    /// trained on the corpus reads.
    private static let customers = Result { () throws(TabularError) in
        try SyntheticTelecomCustomers(rowCount: 20, seed: 11).makeTable()
    }

    private static func decodeModel(_ bytes: [UInt8]) throws {
        let data = Data(bytes)
        let customers = try customers.get()
        if let pipeline = try? FittedPipeline.decode(data, path: "fuzz.json") {
            if pipeline.target == nil {
                _ = try pipeline.segments(for: customers)
            } else {
                let (scores, _) = try pipeline.probabilities(for: customers)
                _ = scores.map(pipeline.riskDecile(of:))
            }
            return
        }
        let uplift = try FittedUpliftModel.decode(data, path: "fuzz.json")
        _ = try uplift.predict(customers)
    }

    private static func readAssignment(_ bytes: [UInt8]) throws {
        let separator = manifestSeparator
        var cut: Int?
        if bytes.count >= separator.count {
            for start in 0...(bytes.count - separator.count) where bytes[start..<start + separator.count].elementsEqual(separator) {
                cut = start
                break
            }
        }
        let csv = cut.map { Array(bytes[..<$0]) } ?? bytes
        var manifest = cut.map { String(decoding: bytes[($0 + separator.count)...], as: UTF8.self) } ?? ""
        manifest = manifest.replacingOccurrences(of: digestPlaceholder, with: SHA256.hexDigest(csv))
        _ = try AssignmentFile.decode(csv: csv, manifest: Data(manifest.utf8), path: "fuzz.csv")
    }
}
