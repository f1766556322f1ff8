// A feature that alone ranks the label almost perfectly is usually not a predictor but a record of
// the outcome itself (the month a customer cancelled, a "days since cancellation" field, a closing
// reason): a model trained on it looks excellent on the hold-out and is useless on customers whose
// outcome is not known yet. Training keeps such a column (it may be legitimate) and says so.

import ModelMetrics
import Tabular

/// A feature column whose values alone rank the label with an AUC of at least `threshold`.
struct TargetLeakSuspect: Sendable, Equatable {
    /// The feature column.
    let column: String
    /// The AUC of the column's values as a score, oriented to be at least 0.5.
    let auc: Double

    /// A single column reaching this AUC alone is reported.
    static let threshold = 0.95
    /// At most this many rows (evenly spaced) are used per column: enough for an AUC to about 0.002.
    static let maximumRows = 100_000

    /// The warning shown to the user, naming the column, its AUC and the flag that leaves it out.
    func warning(target: String) -> String {
        let shown = (auc * 1000).rounded(.down) / 1000
        return "column \"\(column)\" alone ranks \"\(target)\" with AUC \(shown) (at least \(Self.threshold)): "
            + "if it is recorded after the outcome (a leak), leave it out with --ignore \(column)"
    }

    /// The feature columns of `table` that reach `threshold` alone.
    ///
    /// A numeric column scores by its value and a boolean by true = 1 (missing rows left out); a
    /// categorical column with at most `ColumnRoles.highCardinalityMinimumLevels` labels (and
    /// `ColumnRoles.highCardinalityMaximumRowsPerLevel` rows per label) scores by its labels'
    /// positive rate (missing as one more label). A column whose rows hold one class is
    /// skipped.
    /// - Complexity: O(m log m) per column, m = min(n, `maximumRows`).
    static func find(in table: Table, features: [String], labels: [Bool]) -> [TargetLeakSuspect] {
        let n = min(table.rowCount, labels.count)
        guard n >= ColumnRoles.minimumRowsForIdentifiers else { return [] }
        let step = max(1, (n + maximumRows - 1) / maximumRows)
        let rows = Array(stride(from: 0, to: n, by: step))
        var suspects: [TargetLeakSuspect] = []
        for name in features {
            guard let column = try? table.column(named: name), let auc = singleColumnAUC(column.values, rows: rows, labels: labels),
                auc >= threshold
            else { continue }
            suspects.append(TargetLeakSuspect(column: name, auc: auc))
        }
        return suspects
    }

    /// The AUC of one column's values over `rows`, oriented to be at least 0.5; nil when it cannot
    /// be computed (one class, too many labels).
    private static func singleColumnAUC(_ values: ColumnValues, rows: [Int], labels: [Bool]) -> Double? {
        var scores: [Double] = []
        var kept: [Bool] = []
        scores.reserveCapacity(rows.count)
        kept.reserveCapacity(rows.count)
        switch values {
        case .numeric(let x):
            for i in rows where x[i].isFinite {
                scores.append(x[i])
                kept.append(labels[i])
            }
        case .boolean(let x, _, _):
            for i in rows {
                guard let value = x[i] else { continue }
                scores.append(value ? 1 : 0)
                kept.append(labels[i])
            }
        case .categorical(let codes, let levels):
            // In-sample label rates flatter a column of many small labels: only few, well-filled ones.
            guard levels.count <= ColumnRoles.highCardinalityMinimumLevels,
                Double(rows.count) >= ColumnRoles.highCardinalityMaximumRowsPerLevel * Double(levels.count + 1)
            else { return nil }
            // Code -1 (missing) is label `levels.count`.
            let rowLevels = rows.map { codes[$0] < 0 ? levels.count : Int(codes[$0]) }
            var positives = [Double](repeating: 0, count: levels.count + 1)
            var totals = [Double](repeating: 0, count: levels.count + 1)
            for (i, level) in zip(rows, rowLevels) {
                totals[level] += 1
                if labels[i] { positives[level] += 1 }
            }
            scores = rowLevels.map { positives[$0] / totals[$0] }
            kept = rows.map { labels[$0] }
        }
        guard let auc = try? rocAUC(labels: kept, scores: scores) else { return nil }
        return max(auc, 1 - auc)
    }
}
