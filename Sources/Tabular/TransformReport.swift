/// What an encoder met while transforming new data: unknown labels and missing values.
///
/// Reports of chunks of one file can be combined with `merge(_:)`.
public struct TransformReport: Sendable, Equatable, Codable {
    /// How often one label that was not seen at fit time occurred in one column.
    public struct UnknownCategory: Sendable, Equatable, Codable {
        /// The column's name.
        public let column: String
        /// The unseen label, as text.
        public let label: String
        /// Number of rows holding it.
        public var count: Int
    }

    /// How many values of one column were missing.
    public struct MissingValues: Sendable, Equatable, Codable {
        /// The column's name.
        public let column: String
        /// Number of missing values.
        public var count: Int
    }

    /// Number of rows transformed.
    public var rowCount: Int
    /// Unseen labels (encoded as an all-zero group), in order of first occurrence.
    public var unknownCategories: [UnknownCategory]
    /// Missing values per column (filled with the fitted value by imputing encoders, encoded as
    /// an all-zero group by a bare one-hot encoder), in order of first occurrence.
    public var missingValues: [MissingValues]

    /// An empty report for `rowCount` rows.
    public init(rowCount: Int = 0) {
        self.rowCount = rowCount
        self.unknownCategories = []
        self.missingValues = []
    }

    /// True when no unknown label and no missing value was met.
    public var isClean: Bool { unknownCategories.isEmpty && missingValues.isEmpty }

    /// Total number of unknown-label occurrences across columns.
    public var unknownCount: Int { unknownCategories.reduce(0) { $0 + $1.count } }

    /// Adds `other`'s rows and counts to this report (for a file transformed chunk by chunk).
    /// - Parameter other: the report of the next chunk.
    /// - Complexity: O(entries of both reports) expected.
    public mutating func merge(_ other: TransformReport) {
        rowCount += other.rowCount
        addUnknowns(other.unknownCategories)
        for entry in other.missingValues {
            recordMissing(column: entry.column, count: entry.count)
        }
    }

    /// Adds `count` occurrences of `label` in `column`.
    mutating func recordUnknown(column: String, label: String, count: Int) {
        addUnknowns([UnknownCategory(column: column, label: label, count: count)])
    }

    /// Adds unknown-label counts, merging entries with the same column and label.
    /// - Complexity: O(existing + new entries) expected.
    private mutating func addUnknowns(_ entries: [UnknownCategory]) {
        var position: [String: [String: Int]] = [:]
        for (i, entry) in unknownCategories.enumerated() { position[entry.column, default: [:]][entry.label] = i }
        for entry in entries where entry.count > 0 {
            if let i = position[entry.column]?[entry.label] {
                unknownCategories[i].count += entry.count
            } else {
                position[entry.column, default: [:]][entry.label] = unknownCategories.count
                unknownCategories.append(entry)
            }
        }
    }

    /// Adds `count` missing values in `column`.
    mutating func recordMissing(column: String, count: Int) {
        guard count > 0 else { return }
        if let i = missingValues.firstIndex(where: { $0.column == column }) {
            missingValues[i].count += count
        } else {
            missingValues.append(MissingValues(column: column, count: count))
        }
    }

    /// Records the unknown labels of `column`: the rows whose index in `indices` is unknown.
    /// - Complexity: O(n) expected.
    mutating func recordUnknowns(in column: Column, indices: [Int32]) {
        var slot: [String: Int] = [:]
        var found: [UnknownCategory] = []
        for (row, index) in indices.enumerated() where index == _unknownCategory {
            let label = column.text(at: row) ?? ""
            if let s = slot[label] {
                found[s].count += 1
            } else {
                slot[label] = found.count
                found.append(UnknownCategory(column: column.name, label: label, count: 1))
            }
        }
        addUnknowns(found)
    }
}
