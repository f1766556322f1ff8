// Column roles (target, id, ignored, features), decided once for every command that trains or
// segments, on the rows actually used.
//
// Rules, in this order, for a column that is not the target, the id or ignored:
//   identifier-like   (n >= 20 rows) a text column, or a numeric column of whole numbers, with a
//                     value in every row and every value distinct; a whole-number run 0..n-1 or
//                     1..n (a row number); or a text / whole-number column whose name reads as an
//                     identifier (last word "id", "number", "no", "nr", "key", "uuid" or "guid":
//                     `CustomerId`, `customer_id`, `RowNumber`, `phone number`) with at least half
//                     of its values distinct. Never a feature, unless named in `features`.
//   high-cardinality  a text column with more than 50 distinct labels and fewer than 10 rows per
//                     label on average (a surname, a street): one-hot coefficients on it are noise.
//                     Left out of linear models, kept (with a warning) for trees, which group
//                     levels; named in `features`, it is used (with the warning).
//   not numeric       for clustering, which needs numbers: categorical and boolean columns are
//                     profiled per segment instead (a boolean named in `features` is clustered on).
// Every count is taken on the table given (after rows without a label are left out), never on
// stale levels, so the same file gives the same roles whichever rows a command keeps.

import Tabular

/// What the features are for: the learner decides which columns may be features.
public enum ColumnUse: String, Sendable, Codable, CaseIterable, Equatable {
    /// A linear model (logistic regression): one-hot categories, high-cardinality text left out.
    case linearModel
    /// A tree: categories split natively, high-cardinality text kept with a warning.
    case treeModel
    /// k-means: numeric columns by default (booleans when named), categories never.
    case clustering
}

/// The role of every column of a table: the target, the id, the ignored columns, the features,
/// and each other column with the reason it is not a feature.
public struct ColumnRoles: Sendable, Codable, Equatable {
    /// Why a column is not a feature.
    public enum Reason: String, Sendable, Codable, CaseIterable, Equatable {
        /// The label column.
        case target
        /// The customer id column (copied to outputs).
        case id
        /// Named by the user among the columns to ignore.
        case ignored
        /// Every value distinct (text or whole numbers): an identifier.
        case identifierLike
        /// Whole numbers 0..n-1 or 1..n, each once: a row number.
        case rowNumber
        /// Named like an identifier, with mostly distinct values.
        case identifierName
        /// Many labels with few rows each (left out of linear models).
        case highCardinality
        /// Not numeric, for a learner that needs numbers (clustering).
        case notNumeric
        /// Features were named, and this column is not among them.
        case notListed
    }

    /// One column that is not a feature, and why.
    public struct Exclusion: Sendable, Codable, Equatable, CustomStringConvertible {
        /// The column's name.
        public let column: String
        /// Why it is not a feature.
        public let reason: Reason
        /// The evidence, e.g. `7043 distinct values in 7043 rows`.
        public let detail: String

        /// `RowNumber (row number: whole numbers 1..10000)`.
        public var description: String { "\(column) (\(detail))" }
    }

    /// Minimum rows for the identifier rules (below it, every column may look distinct).
    public static let minimumRowsForIdentifiers = 20
    /// A text column with more distinct labels than this may be high-cardinality.
    public static let highCardinalityMinimumLevels = 50
    /// ... when its rows per label (n / labels) are fewer than this.
    public static let highCardinalityMaximumRowsPerLevel = 10.0
    /// A column named like an identifier is one when at least this fraction of its values is distinct.
    public static let identifierNameMinimumDistinctFraction = 0.5

    /// The label column, if any.
    public let target: String?
    /// The customer id column, if any.
    public let id: String?
    /// The columns the user asked to ignore, in the order given.
    public let ignored: [String]
    /// The feature columns, in table order (or in the order given when features were named).
    public let features: [String]
    /// Every other column with its reason, in table order.
    public let excluded: [Exclusion]
    /// What the user should know: high-cardinality or identifier-like columns kept as features.
    public let warnings: [String]

    /// Decides the roles of the columns of `table`.
    /// - Parameters:
    ///   - table: the rows actually used (labelled rows for a model).
    ///   - target: the label column, or nil (segmentation without a target).
    ///   - id: the id column; nil picks the first identifier-like column that is not a row number
    ///     (text first), else the first row number.
    ///   - ignored: columns never used.
    ///   - features: the feature columns to use, exactly; nil decides by the rules above.
    ///   - use: the learner the features are for.
    /// - Returns: the roles.
    /// - Throws: `TabularError.missingColumn` for a name that is not a column,
    ///   `PipelineError.invalidOption` when a named feature is the target, the id or ignored, or is
    ///   categorical for clustering, or is listed twice; `PipelineError.noFeatures` when no column
    ///   is left.
    /// - Complexity: O(n) expected per column.
    public init(
        table: Table, target: String?, id: String?, ignored: [String] = [], features: [String]? = nil,
        use: ColumnUse
    ) throws {
        if let target { _ = try table.column(named: target) }
        if let id { _ = try table.column(named: id) }
        for name in ignored { _ = try table.column(named: name) }
        if let id, id == target {
            throw PipelineError.invalidOption("column \"\(id)\" cannot be both the target and the id")
        }
        var evidence: [String: (reason: Reason, detail: String)] = [:]
        for column in table.columns where column.name != target && !ignored.contains(column.name) {
            if let found = Self.identifierEvidence(column, rows: table.rowCount) {
                evidence[column.name] = found
            } else if use != .clustering, let found = Self.highCardinalityEvidence(column, rows: table.rowCount) {
                evidence[column.name] = found
            }
        }
        let chosenID = id ?? Self.defaultID(table: table, evidence: evidence)
        var warnings: [String] = []
        var chosen: [String]
        var excluded: [Exclusion] = []
        if let features {
            var seen = Set<String>()
            for name in features {
                let column = try table.column(named: name)
                guard seen.insert(name).inserted else {
                    throw PipelineError.invalidOption("feature \"\(name)\" is listed twice")
                }
                if name == target || name == chosenID || ignored.contains(name) {
                    let role = name == target ? "the target" : name == chosenID ? "the id" : "ignored"
                    throw PipelineError.invalidOption("feature \"\(name)\" is \(role); it cannot also be a feature")
                }
                if use == .clustering, column.kind == .categorical {
                    throw PipelineError.invalidOption(
                        "k-means needs numeric features; \"\(name)\" is categorical (it is profiled per segment instead)")
                }
                if let found = evidence[name] {
                    warnings.append("column \"\(name)\" is used as a feature as requested, though it looks \(found.reason.phrase) (\(found.detail))")
                }
            }
            chosen = features
        } else {
            chosen = []
        }
        for column in table.columns {
            let name = column.name
            if name == target {
                excluded.append(Exclusion(column: name, reason: .target, detail: "the target"))
            } else if name == chosenID {
                excluded.append(Exclusion(column: name, reason: .id, detail: id == nil ? "the id (detected: \(evidence[name]?.detail ?? "chosen"))" : "the id"))
            } else if ignored.contains(name) {
                excluded.append(Exclusion(column: name, reason: .ignored, detail: "ignored as requested"))
            } else if features != nil {
                if !chosen.contains(name) { excluded.append(Exclusion(column: name, reason: .notListed, detail: "not among the features named")) }
            } else if let found = evidence[name], found.reason != .highCardinality || use == .linearModel {
                excluded.append(Exclusion(column: name, reason: found.reason, detail: found.detail))
                if found.reason == .highCardinality {
                    warnings.append("column \"\(name)\" has many labels with few rows each (\(found.detail)); it is left out of the linear model (name it in --features to use it)")
                } else {
                    warnings.append("column \"\(name)\" looks \(found.reason.phrase) (\(found.detail)) and is not used as a feature")
                }
            } else if use == .clustering, column.kind != .numeric {
                excluded.append(Exclusion(column: name, reason: .notNumeric, detail: "\(column.kind.rawValue): profiled per segment, not clustered"))
            } else {
                if let found = evidence[name] {
                    warnings.append("column \"\(name)\" has many labels with few rows each (\(found.detail)); the tree uses it, which may overfit (--ignore it to leave it out)")
                }
                chosen.append(name)
            }
        }
        guard !chosen.isEmpty else {
            throw PipelineError.noFeatures(
                "every column is the target, the id, ignored or excluded (\(excluded.map(\.description).joined(separator: "; ")))")
        }
        self.target = target
        self.id = chosenID
        self.ignored = ignored
        self.features = chosen
        self.excluded = excluded
        self.warnings = warnings
    }

    /// The exclusion of `column`, or nil when it is a feature (or not a column).
    public func exclusion(of column: String) -> Exclusion? { excluded.first { $0.column == column } }

    /// The decisions for people, one line each: target, id, ignored, features, and every other
    /// excluded column with its reason.
    public var summaryLines: [String] {
        var lines: [String] = []
        let head = [target.map { "target \"\($0)\"" }, id.map { "id \"\($0)\"" }].compactMap { $0 }
        if !head.isEmpty { lines.append("columns: " + head.joined(separator: ", ")) }
        lines.append("features (\(features.count)): " + features.joined(separator: ", "))
        let grouped: [(Reason, String)] = [(.ignored, "ignored"), (.notListed, "not among --features"), (.notNumeric, "not numeric (profiled per segment)")]
        for (reason, title) in grouped {
            let names = excluded.filter { $0.reason == reason }.map(\.column)
            if !names.isEmpty { lines.append("\(title): " + names.joined(separator: ", ")) }
        }
        let evidence = excluded.filter { ![.target, .id, .ignored, .notListed, .notNumeric].contains($0.reason) }
        if !evidence.isEmpty {
            lines.append("not features: " + evidence.map(\.description).joined(separator: "; "))
        }
        return lines
    }

    /// Why `column` would be an identifier, or nil.
    static func identifierEvidence(_ column: Column, rows: Int) -> (reason: Reason, detail: String)? {
        guard rows >= minimumRowsForIdentifiers, column.kind != .boolean else { return nil }
        let text = column.kind == .categorical
        guard text || column.holdsWholeNumbers else { return nil }
        if column.isRowNumberRun, case .numeric(let values) = column.values {
            let low = values.min() == 0 ? 0 : 1
            return (.rowNumber, "row number: whole numbers \(low)..\(rows - 1 + low), each once")
        }
        let distinct = column.distinctCount
        let complete = column.missingCount == 0
        if complete, distinct == rows {
            return (.identifierLike, "\(distinct) distinct \(text ? "labels" : "whole numbers") in \(rows) rows")
        }
        if hasIdentifierName(column.name), Double(distinct) >= identifierNameMinimumDistinctFraction * Double(rows) {
            return (.identifierName, "named like an id, \(distinct) distinct values in \(rows) rows")
        }
        return nil
    }

    /// Why `column` would be high-cardinality text, or nil.
    static func highCardinalityEvidence(_ column: Column, rows: Int) -> (reason: Reason, detail: String)? {
        guard column.kind == .categorical else { return nil }
        let distinct = column.distinctCount
        guard distinct > highCardinalityMinimumLevels,
            Double(rows - column.missingCount) / Double(distinct) < highCardinalityMaximumRowsPerLevel
        else { return nil }
        let perLevel = Double(rows - column.missingCount) / Double(distinct)
        return (.highCardinality, "\(distinct) labels in \(rows) rows, \((perLevel * 10).rounded() / 10) rows per label")
    }

    /// Whether a name's last word (split at `_`, `-`, spaces, dots and lower-to-upper case changes)
    /// is an identifier word: id, number, no, nr, key, uuid, guid.
    static func hasIdentifierName(_ name: String) -> Bool {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for character in name {
            if character == "_" || character == "-" || character == " " || character == "." {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousLower = false
                continue
            }
            if character.isUppercase, previousLower {
                words.append(current)
                current = ""
            }
            current.append(character)
            previousLower = character.isLowercase || character.isNumber
        }
        if !current.isEmpty { words.append(current) }
        guard let last = words.last?.lowercased() else { return false }
        return ["id", "number", "no", "nr", "key", "uuid", "guid"].contains(last)
    }

    /// The first identifier that is not a row number, text columns first, else the first row number.
    private static func defaultID(table: Table, evidence: [String: (reason: Reason, detail: String)]) -> String? {
        let candidates = table.columns.filter { evidence[$0.name].map { $0.reason != .highCardinality } ?? false }
        return candidates.first { $0.kind == .categorical && evidence[$0.name]?.reason != .rowNumber }?.name
            ?? candidates.first { evidence[$0.name]?.reason != .rowNumber }?.name
            ?? candidates.first?.name
    }
}

extension ColumnRoles.Reason {
    /// "like an identifier", "like a row number", ... for warnings.
    var phrase: String {
        switch self {
        case .rowNumber: return "like a row number"
        case .highCardinality: return "high-cardinality"
        default: return "like an identifier"
        }
    }
}
