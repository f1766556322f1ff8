import DecisionTrees
import Ensembles
import ModelProtocols
import Tabular

/// The global TreeSHAP importance of a tree model's original columns: the mean |SHAP| of each
/// column over a set of rows, largest first.
public struct TreeSHAPSummary: Sendable, Codable, Equatable {
    /// The rows explained.
    public let rowCount: Int
    /// The unit of the values: probability (tree, forest) or log-odds (boosted trees).
    public let unit: ContributionUnit
    /// One entry per original column, by decreasing mean |SHAP|.
    public let columns: [MeanAbsoluteContribution]

    /// The summary of `pipeline` on `rows`, or nil when its model is not a tree, a forest or a
    /// boosted model (a logistic model's drivers are its coefficients).
    /// - Parameters:
    ///   - pipeline: the fitted pipeline.
    ///   - rows: the customers to explain.
    /// - Throws: `FittedPipeline.explain(_:)`'s errors.
    /// - Complexity: TreeSHAP's, O(n T leaves depth²) for T trees.
    public init?(_ pipeline: FittedPipeline, rows: Table) throws {
        let classifier = pipeline.model.classifier
        guard classifier is DecisionTreeModel || classifier is GradientBoostingModel || classifier is RandomForestModel else {
            return nil
        }
        let explanation = try pipeline.explain(rows)
        rowCount = rows.rowCount
        unit = explanation.unit
        columns = explanation.meanAbsoluteContributions
    }
}
