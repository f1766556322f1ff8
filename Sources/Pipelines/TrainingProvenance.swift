import Tabular

/// A data file identified without keeping its rows: its SHA-256 and its number of data rows.
public struct DataFingerprint: Sendable, Codable, Equatable {
    /// The SHA-256 of the file's bytes, lower-case hex.
    public let sha256: String
    /// Its data rows (the header excluded).
    public let rows: Int

    /// Creates a fingerprint from a digest and a row count.
    public init(sha256: String, rows: Int) {
        self.sha256 = sha256
        self.rows = rows
    }

    /// The fingerprint of the file at `path`, whose table (already read) has `rows` rows.
    /// - Parameters:
    ///   - path: the file.
    ///   - rows: its data rows.
    /// - Throws: `CSVError.cannotOpen` or `.cannotRead` when the file cannot be read.
    /// - Complexity: O(file size) time, O(1) memory.
    public init(fileAt path: String, rows: Int) throws {
        self.init(sha256: try SHA256.hexDigest(fileAt: path), rows: rows)
    }
}

/// Which rows a saved model was fitted on, and the training file's fingerprint (never its rows).
public struct TrainingProvenance: Sendable, Codable, Equatable {
    /// The rows a model was fitted on.
    public enum FittedRows: String, Sendable, Codable, CaseIterable, Equatable {
        /// Every labelled row (refitted after the hold-out evaluation, or nothing was held out).
        case allLabelledRows
        /// The training part of the hold-out split only (`--no-refit`).
        case trainingSplit
    }

    /// Which rows the saved model was fitted on.
    public let fittedOn: FittedRows
    /// How many rows it was fitted on.
    public let fittedRows: Int
    /// Rows with a label (rows without one are never used).
    public let labelledRows: Int
    /// The training file's fingerprint, when the table came from a file.
    public let file: DataFingerprint?

    /// Creates a provenance record.
    public init(fittedOn: FittedRows, fittedRows: Int, labelledRows: Int, file: DataFingerprint?) {
        self.fittedOn = fittedOn
        self.fittedRows = fittedRows
        self.labelledRows = labelledRows
        self.file = file
    }

    /// The same record with the training file's fingerprint.
    public func withFile(_ file: DataFingerprint?) -> TrainingProvenance {
        TrainingProvenance(fittedOn: fittedOn, fittedRows: fittedRows, labelledRows: labelledRows, file: file)
    }

    /// "all 7043 labelled rows" or "the 5634 training rows of the hold-out split (--no-refit)".
    public var description: String {
        switch fittedOn {
        case .allLabelledRows: return "all \(fittedRows) labelled rows"
        case .trainingSplit: return "the \(fittedRows) training rows of the hold-out split (of \(labelledRows) labelled rows)"
        }
    }
}
