// Why a customer's score is what it is: exact additive contributions of the original columns.
//
// Goals: explanations a call-centre script can read ("Contract=Month-to-month raises the risk
// most"), exact, and in the units of the model's own score, for any `ContributionExplaining`
// classifier:
// - logistic: the logit is linear, so logit(x) = b + Σ_j w_j x_j = [b + Σ_j w_j μ_j] + Σ_j w_j (x_j − μ_j)
//   exactly, with μ the mean encoded training row (`FittedPipeline.featureMeans`): each encoded
//   feature contributes w_j (x_j − μ_j) log-odds (the SHAP value of a linear model with
//   independent features, Lundberg & Lee 2017), measured from the logit of the mean training row.
//   Files written before the means were kept use μ = 0, the reference customer (numbers at their
//   training mean when standardized, every categorical column at its reference level);
// - tree: path-dependent TreeSHAP of the probability (`DecisionTreeModel.shapValues`), measured
//   from the training rows' expected probability (tree ensembles: TreeSHAP of their output).
// The encoded features of one original column (all one-hot levels, a missing-value indicator)
// are summed into that column, so the contributions add up, for every row, to the score minus the
// baseline. A calibrator, when present, is not explained: it maps the explained score monotonically.

import LinearAlgebra
import ModelProtocols
import Tabular

/// One original column's contribution to one customer's score.
public struct ScoreReason: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The original column's name, e.g. `Contract`.
    public let column: String
    /// The customer's value in that column, as in the file (`Month-to-month`, `2`); nil when missing.
    public let value: String?
    /// The contribution, in the explanation's `unit`.
    public let effect: Double

    /// Creates a reason.
    /// - Parameters:
    ///   - column: the original column.
    ///   - value: the customer's value, nil when missing.
    ///   - effect: the contribution.
    public init(column: String, value: String?, effect: Double) {
        self.column = column
        self.value = value
        self.effect = effect
    }

    /// `Contract=Month-to-month`, `tenure=2`, `TotalCharges=(missing)`.
    public var description: String { "\(column)=\(value ?? "(missing)")" }
}

/// The contributions of every original feature column to every row's score: for each row,
/// `baseline + Σ contributions[row, c] == scores[row]` (up to rounding).
public struct ScoreExplanation: Sendable {
    /// The original columns the model reads, in the encoder's order.
    public let columns: [String]
    /// n x `columns.count` contributions, in `unit`.
    public let contributions: Matrix
    /// The score the contributions start from (`baselineKind` says which).
    public let baseline: Double
    /// The explained score of each row: the logit (logistic) or the model's probability (tree),
    /// before any calibrator.
    public let scores: [Double]
    /// The units of `contributions`, `baseline` and `scores`.
    public let unit: ContributionUnit
    /// What `baseline` is.
    public let baselineKind: ExplanationBaseline
    /// The explained rows' values of `columns`.
    let _values: [Column]

    /// The `count` columns that raise row `row`'s score most: positive contributions only, largest
    /// first (fewer than `count` when fewer columns raise it).
    /// - Parameters:
    ///   - row: the row (0-based).
    ///   - count: how many reasons at most (>= 1).
    /// - Returns: up to `count` reasons with the customer's values.
    /// - Throws: `PipelineError.invalidOption` when `row` is out of range or `count` < 1.
    /// - Complexity: O(c log c) for c columns.
    public func reasons(row: Int, count: Int) throws -> [ScoreReason] {
        guard row >= 0, row < contributions.rows else {
            throw PipelineError.invalidOption("row \(row) is not among the \(contributions.rows) explained rows")
        }
        guard count >= 1 else { throw PipelineError.invalidOption("the number of reasons must be at least 1, not \(count)") }
        let raising = columns.indices.filter { contributions[row, $0] > 0 }
            .sorted { contributions[row, $0] > contributions[row, $1] || (contributions[row, $0] == contributions[row, $1] && $0 < $1) }
        return raising.prefix(count).map { c in
            ScoreReason(column: columns[c], value: _values[c].text(at: row), effect: contributions[row, c])
        }
    }

    /// The mean absolute contribution of each column over the explained rows (the global
    /// importance "mean |SHAP|"), largest first.
    /// - Returns: one entry per column, in `unit`.
    /// - Complexity: O(n c + c log c).
    public var meanAbsoluteContributions: [MeanAbsoluteContribution] {
        let n = contributions.rows
        var totals = [Double](repeating: 0, count: columns.count)
        for row in 0..<n {
            for c in columns.indices { totals[c] += abs(contributions[row, c]) }
        }
        return columns.indices.map { MeanAbsoluteContribution(column: columns[$0], meanAbsolute: n > 0 ? totals[$0] / Double(n) : 0) }
            .sorted { $0.meanAbsolute > $1.meanAbsolute }
    }
}

/// One original column's mean absolute contribution over a set of explained rows (its mean |SHAP|
/// for a tree model), in the explanation's unit.
public struct MeanAbsoluteContribution: Sendable, Codable, Equatable {
    /// The original column.
    public let column: String
    /// The mean of |contribution| over the rows.
    public let meanAbsolute: Double
}

extension FittedPipeline {
    /// The exact additive contributions of the original columns to every row's score (see
    /// `ScoreExplanation`): log-odds from the mean training row for a logistic model, TreeSHAP
    /// probabilities from the expected probability for a tree.
    /// - Parameter table: the customers, as for `probabilities(for:)`.
    /// - Returns: the explanation of every row.
    /// - Throws: `TabularError` when a column the model needs is absent or unreadable,
    ///   `PipelineError.notAChurnModel` for a segmentation, or a model error.
    /// - Complexity: O(n d) for a logistic model, O(n leaves depth²) for a tree.
    public func explain(_ table: Table) throws -> ScoreExplanation {
        guard let explainer = model.classifier as? any ContributionExplaining else {
            if model.classifier == nil { throw PipelineError.notAChurnModel(kind: model.kind) }
            throw PipelineError.invalidOption("a \(model.kind) model does not explain its scores per feature")
        }
        let x = try encoder.transform(table)
        let encoded = try explainer.featureContributions(x, featureMeans: featureMeans)
        // Encoded feature j belongs to original column columnOf[j].
        var columns: [String] = []
        var columnIndex: [String: Int] = [:]
        let columnOf = encoder.features.map { feature in
            if let c = columnIndex[feature.sourceColumn] { return c }
            columns.append(feature.sourceColumn)
            columnIndex[feature.sourceColumn] = columns.count - 1
            return columns.count - 1
        }
        let n = x.rows, d = x.columns, c = columns.count
        var aggregated = [Double](repeating: 0, count: n * c)
        for row in 0..<n {
            for j in 0..<d { aggregated[row * c + columnOf[j]] += encoded.contributions[row, j] }
        }
        return ScoreExplanation(
            columns: columns, contributions: try Matrix(rows: n, columns: c, values: aggregated),
            baseline: encoded.baseline, scores: encoded.scores, unit: encoded.unit, baselineKind: encoded.baselineKind,
            _values: try columns.map { try table.column(named: $0) })
    }
}

extension FittedPipeline {
    /// The units in which `explain(_:)` explains this pipeline's scores, or nil when its model
    /// does not explain them (a segmentation, a classifier that is not `ContributionExplaining`).
    public var contributionUnit: ContributionUnit? {
        (model.classifier as? any ContributionExplaining)?.contributionUnit
    }
}

/// The mean of every column of `x` (0 for a matrix without rows).
/// - Complexity: O(n d).
func _columnMeans(_ x: Matrix) -> [Double] {
    var totals = [Double](repeating: 0, count: x.columns)
    x.withUnsafeBufferPointer { values in
        for row in 0..<x.rows {
            for j in 0..<x.columns { totals[j] += values[row * x.columns + j] }
        }
    }
    return totals.map { x.rows > 0 ? $0 / Double(x.rows) : 0 }
}
