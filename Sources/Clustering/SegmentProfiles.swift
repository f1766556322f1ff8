// Segment profiles: what a marketer reads about each cluster of customers.
//
// Goals: for every segment, its size and share of the customers; for every feature column, the
// segment's mean (numeric; missing values left out) or its most frequent levels with their share
// (categorical and boolean; missing values left out), each next to the value over all customers,
// in the original units of the table; and, when a target (churn) column is given, the segment's
// churn rate and its lift over the base rate (rate / overall rate). Rows whose target is missing
// count in sizes and profiles but not in churn rates. With a value column (a customer's lifetime
// value, say), each segment's total value and its share of all customers' value: where the value
// of the base is concentrated, beside where its churn is.

import Foundation
import Tabular

/// The profile of every segment of a clustering of a table's rows.
public struct SegmentProfiles: Sendable, Equatable, Codable {
    /// A level of a categorical or boolean column and how often it occurs.
    public struct LevelShare: Sendable, Equatable, Codable {
        /// The level's text ("Month-to-month", "Yes").
        public let level: String
        /// Its share among the segment's non-missing values.
        public let share: Double
        /// Its share among all customers' non-missing values.
        public let overallShare: Double
    }

    /// One column summarized over a segment.
    public struct FeatureProfile: Sendable, Equatable, Codable {
        /// The column's name.
        public let column: String
        /// The column's kind.
        public let kind: ColumnKind
        /// The segment's mean of a numeric column (`nil` for other kinds or when every value is missing).
        public let mean: Double?
        /// The mean over all customers of a numeric column.
        public let overallMean: Double?
        /// The most frequent levels in the segment, most frequent first (empty for numeric columns).
        public let topLevels: [LevelShare]
    }

    /// What a segment's customers are worth, from a numeric value column (missing values left out).
    public struct SegmentValue: Sendable, Equatable, Codable {
        /// The sum of the segment's values.
        public let total: Double
        /// The segment's customers with a value (not missing).
        public let customers: Int
        /// The segment's mean value (`nil` when every value is missing).
        public let mean: Double?
        /// The segment's share of all customers' total value (`nil` when that total is 0).
        public let share: Double?
    }

    /// One segment (cluster).
    public struct Segment: Sendable, Equatable, Codable {
        /// The segment's label (0-based).
        public let id: Int
        /// Number of customers.
        public let size: Int
        /// Fraction of all customers.
        public let share: Double
        /// Fraction of the segment's customers (with a known target) who churned; `nil` without a target.
        public let churnRate: Double?
        /// churnRate / overall churn rate; `nil` without a target or when nobody churned.
        public let lift: Double?
        /// One profile per feature column, in column order.
        public let features: [FeatureProfile]
        /// The segment's value, when a value column was given.
        public let value: SegmentValue?
    }

    /// The segments, by id.
    public let segments: [Segment]
    /// Number of customers.
    public let rowCount: Int
    /// The target column, when one was given.
    public let targetColumn: String?
    /// Overall churn rate (customers with a known target); `nil` without a target.
    public let overallChurnRate: Double?
    /// The value column, when one was given.
    public let valueColumn: String?
    /// All customers' total value (missing values left out); `nil` without a value column.
    public let totalValue: Double?

    /// Profiles the segments of `table` given by `labels`.
    /// - Parameters:
    ///   - table: the customers, in original units.
    ///   - labels: the segment (0-based) of every row, e.g. `KMeansModel.labels`.
    ///   - columns: the columns to profile (default: every column but the target and identifier-like
    ///     categorical columns, those with a distinct level in every row).
    ///   - target: a churn column: boolean (true = churned), numeric 0/1, or categorical with two
    ///     levels (the positive one is `positiveLabel`, else "Yes", "yes", "True", "true" or "1").
    ///   - positiveLabel: the level of a categorical target that means churned.
    ///   - topLevelCount: how many levels to keep per categorical column (default 3).
    ///   - valueColumn: a numeric column of what each customer is worth (for example
    ///     `lifetime_value` from `churn lifetime predict --add-to`), summed per segment.
    /// - Returns: the profiles.
    /// - Throws: `ClusteringError.lengthMismatch` when labels and rows differ,
    ///   `.invalidParameter` for a negative label or topLevelCount < 1, `.tabular` for an unknown
    ///   column, `.invalidColumn` for a target that is not 0/1 or has no recognizable positive level,
    ///   or a value column that is not numeric or holds an infinite value.
    /// - Complexity: O(n c) for c columns, plus O(levels log levels) per categorical column.
    public init(
        table: Table, labels: [Int], columns: [String]? = nil, target: String? = nil, positiveLabel: String? = nil,
        topLevelCount: Int = 3, valueColumn: String? = nil
    ) throws(ClusteringError) {
        guard labels.count == table.rowCount else {
            throw .lengthMismatch(argument: "labels", count: labels.count, expected: table.rowCount)
        }
        if let bad = labels.firstIndex(where: { $0 < 0 }) {
            throw .invalidParameter(name: "labels[\(bad)]", value: "\(labels[bad])", reason: "segment labels must be >= 0")
        }
        guard topLevelCount >= 1 else {
            throw .invalidParameter(name: "topLevelCount", value: "\(topLevelCount)", reason: "at least 1 level is needed")
        }
        let n = table.rowCount
        let k = (labels.max() ?? -1) + 1
        var sizes = [Int](repeating: 0, count: k)
        for label in labels { sizes[label] += 1 }
        let selected: [Column]
        do {
            if let columns {
                selected = try columns.map { name throws(TabularError) in try table.column(named: name) }
            } else {
                selected = table.columns.filter { column in
                    guard column.name != target else { return false }
                    if case .categorical(_, let levels) = column.values, n > 1, levels.count == n { return false }
                    return true
                }
            }
        } catch {
            throw .tabular(error)
        }
        var perSegment = [[FeatureProfile]](repeating: [], count: k)
        for column in selected {
            let profiles = Self._profiles(of: column, labels: labels, k: k, topLevelCount: topLevelCount)
            for j in 0..<k { perSegment[j].append(profiles[j]) }
        }
        var rates = [Double?](repeating: nil, count: k)
        var overall: Double?
        if let target {
            let outcomes = try Self._outcomes(of: target, in: table, positiveLabel: positiveLabel)
            var churned = [Int](repeating: 0, count: k), known = [Int](repeating: 0, count: k)
            for (row, outcome) in outcomes.enumerated() {
                guard let outcome else { continue }
                known[labels[row]] += 1
                if outcome { churned[labels[row]] += 1 }
            }
            let knownTotal = known.reduce(0, +)
            overall = knownTotal > 0 ? Double(churned.reduce(0, +)) / Double(knownTotal) : nil
            for j in 0..<k where known[j] > 0 { rates[j] = Double(churned[j]) / Double(known[j]) }
        }
        let values = try valueColumn.map { name throws(ClusteringError) in try Self._values(of: name, in: table, labels: labels, k: k) }
        self.segments = (0..<k).map { j in
            let lift: Double? = if let rate = rates[j], let overall, overall > 0 { rate / overall } else { nil }
            return Segment(
                id: j, size: sizes[j], share: n > 0 ? Double(sizes[j]) / Double(n) : 0, churnRate: rates[j],
                lift: lift, features: perSegment[j], value: values?.segments[j])
        }
        self.rowCount = n
        self.targetColumn = target
        self.overallChurnRate = overall
        self.valueColumn = valueColumn
        self.totalValue = values?.total
    }

    /// Each segment's total, mean and share of the numeric column `name`.
    private static func _values(of name: String, in table: Table, labels: [Int], k: Int) throws(ClusteringError)
        -> (segments: [SegmentValue], total: Double)
    {
        let column: Column
        do { column = try table.column(named: name) } catch { throw .tabular(error) }
        guard case .numeric(let values) = column.values else {
            throw .invalidColumn(name: name, reason: "the value column must be numeric (a value per customer, e.g. lifetime_value)")
        }
        var sums = [Double](repeating: 0, count: k), counts = [Int](repeating: 0, count: k)
        for (row, value) in values.enumerated() where !value.isNaN {
            guard value.isFinite else {
                throw .invalidColumn(name: name, reason: "row \(row + 1) holds \(value); every value must be finite or missing")
            }
            sums[labels[row]] += value
            counts[labels[row]] += 1
        }
        let total = sums.reduce(0, +)
        guard total.isFinite else { throw .invalidColumn(name: name, reason: "the values' sum overflows (\(total))") }
        let segments = (0..<k).map { j in
            SegmentValue(total: sums[j], customers: counts[j], mean: counts[j] > 0 ? sums[j] / Double(counts[j]) : nil, share: total != 0 ? sums[j] / total : nil)
        }
        return (segments, total)
    }

    /// The profile of one column in each of `k` segments.
    private static func _profiles(of column: Column, labels: [Int], k: Int, topLevelCount: Int) -> [FeatureProfile] {
        switch column.values {
        case .numeric(let values):
            var sums = [Double](repeating: 0, count: k), counts = [Int](repeating: 0, count: k)
            var total = 0.0, count = 0
            for (row, value) in values.enumerated() where !value.isNaN {
                sums[labels[row]] += value
                counts[labels[row]] += 1
                total += value
                count += 1
            }
            let overall = count > 0 ? total / Double(count) : nil
            return (0..<k).map { j in
                FeatureProfile(
                    column: column.name, kind: .numeric, mean: counts[j] > 0 ? sums[j] / Double(counts[j]) : nil,
                    overallMean: overall, topLevels: [])
            }
        case .categorical(let codes, let levels):
            return _levelProfiles(
                column: column.name, kind: .categorical, levels: levels, codes: codes.map { Int($0) }, labels: labels,
                k: k, topLevelCount: topLevelCount)
        case .boolean(let flags, let trueLabel, let falseLabel):
            let codes = flags.map { flag in flag.map { $0 ? 0 : 1 } ?? -1 }
            return _levelProfiles(
                column: column.name, kind: .boolean, levels: [trueLabel, falseLabel], codes: codes, labels: labels, k: k,
                topLevelCount: topLevelCount)
        }
    }

    /// Level shares per segment for level codes (-1 = missing).
    private static func _levelProfiles(
        column: String, kind: ColumnKind, levels: [String], codes: [Int], labels: [Int], k: Int, topLevelCount: Int
    ) -> [FeatureProfile] {
        let m = levels.count
        var counts = [Int](repeating: 0, count: k * m), known = [Int](repeating: 0, count: k)
        var overallCounts = [Int](repeating: 0, count: m)
        for (row, code) in codes.enumerated() where code >= 0 {
            counts[labels[row] * m + code] += 1
            known[labels[row]] += 1
            overallCounts[code] += 1
        }
        let overallKnown = overallCounts.reduce(0, +)
        return (0..<k).map { j in
            let order = (0..<m).sorted { a, b in
                let (ca, cb) = (counts[j * m + a], counts[j * m + b])
                return ca != cb ? ca > cb : a < b
            }
            let top = order.prefix(topLevelCount).filter { counts[j * m + $0] > 0 }.map { level in
                LevelShare(
                    level: levels[level], share: Double(counts[j * m + level]) / Double(max(1, known[j])),
                    overallShare: Double(overallCounts[level]) / Double(max(1, overallKnown)))
            }
            return FeatureProfile(column: column, kind: kind, mean: nil, overallMean: nil, topLevels: top)
        }
    }

    /// The churn outcome of every row (`nil` = missing) from a boolean, 0/1 or two-level column.
    private static func _outcomes(of name: String, in table: Table, positiveLabel: String?) throws(ClusteringError)
        -> [Bool?]
    {
        let column: Column
        do { column = try table.column(named: name) } catch { throw .tabular(error) }
        switch column.values {
        case .boolean(let flags, let trueLabel, _):
            if let positiveLabel, positiveLabel != trueLabel {
                return flags.map { flag in flag.map { !$0 } }
            }
            return flags
        case .numeric(let values):
            if let bad = values.first(where: { !$0.isNaN && $0 != 0 && $0 != 1 }) {
                throw .invalidColumn(name: name, reason: "a numeric target must be 0 or 1, but it holds \(bad)")
            }
            return values.map { $0.isNaN ? nil : $0 == 1 }
        case .categorical(let codes, let levels):
            let candidates = positiveLabel.map { [$0] } ?? ["Yes", "yes", "True", "true", "1"]
            guard let positive = levels.firstIndex(where: { candidates.contains($0) }) else {
                let shown = levels.prefix(10).map { "\"\($0)\"" }.joined(separator: ", ")
                throw .invalidColumn(
                    name: name, reason: "no level means churned (levels: \(shown)); give the positive label")
            }
            guard levels.count <= 2 else {
                throw .invalidColumn(name: name, reason: "a target needs two levels, but it has \(levels.count)")
            }
            return codes.map { $0 < 0 ? nil : Int($0) == positive }
        }
    }
}

extension SegmentProfiles {
    /// A plain-text table for people: one column per segment and one for all customers; rows for
    /// the size, share, churn rate and lift, then each feature: the mean of a numeric column, the
    /// top level of a categorical one with its share in the segment and, in parentheses, overall.
    /// - Returns: the table, lines separated by "\n".
    /// - Complexity: O(segments × features).
    public func textTable() -> String {
        var rows: [[String]] = [["segment"] + segments.map { "\($0.id)" } + ["all"]]
        rows.append(["customers"] + segments.map { "\($0.size)" } + ["\(rowCount)"])
        rows.append(["share"] + segments.map { _percent($0.share) } + ["100.0%"])
        if let overall = overallChurnRate {
            rows.append(["churn rate"] + segments.map { $0.churnRate.map(_percent) ?? "-" } + [_percent(overall)])
            rows.append(["lift"] + segments.map { $0.lift.map { _fixed($0, 2) } ?? "-" } + ["1.00"])
        }
        if let valueColumn, let totalValue {
            rows.append(["\(valueColumn) (total)"] + segments.map { $0.value.map { _number($0.total) } ?? "-" } + [_number(totalValue)])
            rows.append(["\(valueColumn) (share)"] + segments.map { $0.value?.share.map(_percent) ?? "-" } + [totalValue != 0 ? "100.0%" : "-"])
            let valued = segments.reduce(0) { $0 + ($1.value?.customers ?? 0) }
            rows.append(["\(valueColumn) (mean)"] + segments.map { $0.value?.mean.map(_number) ?? "-" }
                + [valued > 0 ? _number(totalValue / Double(valued)) : "-"])
        }
        let columnCount = segments.first?.features.count ?? 0
        for f in 0..<columnCount {
            let first = segments[0].features[f]
            if first.kind == .numeric {
                rows.append(
                    ["\(first.column) (mean)"] + segments.map { $0.features[f].mean.map(_number) ?? "-" }
                        + [first.overallMean.map(_number) ?? "-"])
            } else {
                rows.append(
                    [first.column] + segments.map { segment in
                        guard let top = segment.features[f].topLevels.first else { return "-" }
                        return "\(top.level) \(_percent(top.share)) (\(_percent(top.overallShare)))"
                    } + [""])
            }
        }
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// "41.2%" for 0.4123.
private func _percent(_ x: Double) -> String { _fixed(100 * x, 1) + "%" }

/// A number with a sensible number of decimals for a profile (2 below 10, 1 below 1000, else 0).
private func _number(_ x: Double) -> String { _fixed(x, abs(x) < 10 ? 2 : abs(x) < 1000 ? 1 : 0) }

/// `x` with `decimals` digits after the point.
private func _fixed(_ x: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", x) }
