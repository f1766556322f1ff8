// Permutation importance of the original columns on rows the model was not fitted on.
//
// Goals: the model-agnostic importance of Breiman (Machine Learning 45, 2001) as scikit-learn's
// `permutation_importance` computes it with `scoring="roc_auc"`: for each original column, the
// rows' values of that column are shuffled among the rows (every other column kept), the rows
// are scored again, and the importance is the AUC of the intact rows minus the AUC of the
// shuffled ones, repeated with `repeats` shuffles; reported as the mean and the population
// standard deviation (numpy's `std`, divisor = repeats) of the drops. As in scikit-learn, one
// seeded stream gives the same sequence of shuffles to every column (each shuffle shuffles the
// previous order again), so the columns are compared on the same row orders. A column is shuffled
// as the file holds it (before imputation and encoding), so all of a categorical column's one-hot
// features move together and a missing value moves with its row's value.

import ModelMetrics
import Tabular

/// The hold-out AUC drop when one original column's values are shuffled among the rows.
public struct ColumnPermutationImportance: Sendable, Codable, Equatable {
    /// The original column, e.g. `Contract`.
    public let column: String
    /// The mean over the repeats of (AUC of the intact rows − AUC with the column shuffled).
    public let meanDrop: Double
    /// The population standard deviation of the drops (divisor = repeats, as scikit-learn).
    public let standardDeviation: Double
    /// The drop of each repeat, in repeat order.
    public let drops: [Double]

    /// Creates an importance from the drops of its repeats (at least one).
    /// - Parameters:
    ///   - column: the original column.
    ///   - drops: the AUC drop of each repeat.
    init(column: String, drops: [Double]) {
        let mean = drops.reduce(0, +) / Double(drops.count)
        let variance = drops.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(drops.count)
        self.column = column
        meanDrop = mean
        standardDeviation = variance.squareRoot()
        self.drops = drops
    }
}

/// The permutation importances of every original column a model reads, measured on one set of
/// rows, largest mean drop first.
public struct PermutationImportanceReport: Sendable, Codable, Equatable {
    /// The AUC of the intact rows.
    public let baselineAUC: Double
    /// The shuffles per column.
    public let repeats: Int
    /// The seed of the shuffles.
    public let seed: UInt64
    /// The rows scored.
    public let rowCount: Int
    /// One entry per column, by decreasing mean drop (ties in column order).
    public let columns: [ColumnPermutationImportance]

    /// Measures the importance of `columns` of `table` for the scores `score` gives.
    /// - Parameters:
    ///   - table: the rows to score (not the rows the model was fitted on).
    ///   - labels: one label per row (true = churned).
    ///   - columns: the original columns to shuffle, one at a time.
    ///   - repeats: shuffles per column, at least 1.
    ///   - seed: the seed of the shuffles.
    ///   - score: the churn probability (or any score ranked like it) of every row of a table.
    /// - Throws: `PipelineError.invalidOption` for `repeats` < 1 or a label count that is not the
    ///   row count, `TabularError.missingColumn` for a column `table` lacks, `MetricsError` when
    ///   the rows hold one class only, or `score`'s error.
    /// - Complexity: `columns.count × repeats` calls of `score` on n rows, plus O(n log n) for each AUC.
    public init(
        table: Table, labels: [Bool], columns: [String], repeats: Int, seed: UInt64, score: (Table) throws -> [Double]
    ) throws {
        guard repeats >= 1 else { throw PipelineError.invalidOption("permutation repeats must be at least 1, not \(repeats)") }
        guard labels.count == table.rowCount else {
            throw PipelineError.invalidOption("\(labels.count) labels for \(table.rowCount) rows")
        }
        let positions = try columns.map { name throws(TabularError) -> Int in
            guard let position = table.columnNames.firstIndex(of: name) else {
                throw .missingColumn(name: name, available: table.columnNames)
            }
            return position
        }
        var random = SeededRandom(seed: seed)
        var order = Array(0..<table.rowCount)
        var permutations: [[Int]] = []
        for _ in 0..<repeats {
            random.shuffle(&order)
            permutations.append(order)
        }
        let (baseline, measured) = try Self._measure(
            labels: labels, baselineScores: try score(table), columns: columns, permutations: permutations
        ) { c, permutation in
            var shuffled = table.columns
            shuffled[positions[c]] = table.columns[positions[c]].selecting(rows: permutation)
            return try score(try Table(columns: shuffled))
        }
        baselineAUC = baseline
        self.repeats = repeats
        self.seed = seed
        rowCount = table.rowCount
        self.columns = measured
    }

    /// The importances for given shuffles: the core of `init`, open to a reference whose row
    /// orders come from elsewhere (scikit-learn's).
    /// - Parameters:
    ///   - labels: the n labels.
    ///   - baselineScores: the n scores of the intact rows.
    ///   - columns: the column names, in order.
    ///   - permutations: the row orders, one per repeat: shuffled row i takes the value of row
    ///     `permutation[i]`.
    ///   - score: the n scores with column `c` reordered by `permutation`.
    /// - Returns: the AUC of the intact rows and the importances, by decreasing mean drop.
    static func _measure(
        labels: [Bool], baselineScores: [Double], columns: [String], permutations: [[Int]],
        score: (_ column: Int, _ permutation: [Int]) throws -> [Double]
    ) throws -> (baseline: Double, importances: [ColumnPermutationImportance]) {
        let baseline = try rocAUC(labels: labels, scores: baselineScores)
        var importances: [ColumnPermutationImportance] = []
        for c in columns.indices {
            let drops = try permutations.map { baseline - (try rocAUC(labels: labels, scores: try score(c, $0))) }
            importances.append(ColumnPermutationImportance(column: columns[c], drops: drops))
        }
        let ranked = importances.indices.sorted {
            importances[$0].meanDrop > importances[$1].meanDrop || (importances[$0].meanDrop == importances[$1].meanDrop && $0 < $1)
        }
        return (baseline, ranked.map { importances[$0] })
    }
}

extension FittedPipeline {
    /// The permutation importance of every original column the pipeline reads, on `table`'s rows
    /// (see `PermutationImportanceReport`): the AUC drop of its churn probabilities when a column is
    /// shuffled. Rows the model was fitted on overstate what it learned; use held-out rows.
    /// - Parameters:
    ///   - table: the rows, with every column the pipeline reads.
    ///   - labels: one label per row (true = churned).
    ///   - repeats: shuffles per column, at least 1.
    ///   - seed: the seed of the shuffles.
    /// - Returns: the importances.
    /// - Throws: as `PermutationImportanceReport.init`, and `probabilities(for:)`'s errors.
    /// - Complexity: `columns × repeats` scorings of the rows.
    public func permutationImportances(_ table: Table, labels: [Bool], repeats: Int, seed: UInt64) throws
        -> PermutationImportanceReport
    {
        try PermutationImportanceReport(
            table: table, labels: labels, columns: encoder.requiredColumns, repeats: repeats, seed: seed
        ) { try probabilities(for: $0).probabilities }
    }
}
