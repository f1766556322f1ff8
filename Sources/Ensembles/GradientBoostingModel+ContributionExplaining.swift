import DecisionTrees
import LinearAlgebra
import ModelProtocols

extension GradientBoostingModel: ContributionExplaining {
    /// `.logit`: the boosted model explains its margin.
    public var contributionUnit: ContributionUnit { .logit }

    /// Exact path-dependent TreeSHAP values (Lundberg, Erion & Lee 2018) of the margin: the sum
    /// over the trees of each tree's values, children weighed by their training row counts (as
    /// LightGBM's `predict(pred_contrib=True)`); the expected value is the base margin plus the
    /// trees' expected values.
    /// - Parameter x: n x d features, as for `margins(_:)`.
    /// - Returns: n x d contributions (log-odds) and the expected margin; each row's contributions
    ///   plus it equal its margin.
    /// - Throws: `DecisionTreeError.dimensionMismatch` when x does not have d columns.
    /// - Complexity: O(n Σ_t leaves_t depth_t²), on all cores for large n.
    public func shapValues(_ x: Matrix) throws(DecisionTreeError) -> TreeSHAPValues {
        try _checkWidth(x)
        let shap = try _packed.shapValues(x, trees: trees, features: features, cover: .sampleCount, scale: 1)
        return TreeSHAPValues(contributions: shap.contributions, expectedValue: baseMargin + shap.expectedValue)
    }

    /// The TreeSHAP contributions (`shapValues(_:)`) of every feature to every row's margin.
    /// - Parameters:
    ///   - x: n x d features.
    ///   - featureMeans: ignored (TreeSHAP's baseline comes from the nodes' training rows).
    /// - Returns: the contributions (log-odds), the expected margin and the rows' margins.
    /// - Throws: as `shapValues(_:)`.
    /// - Complexity: as `shapValues(_:)`.
    public func featureContributions(_ x: Matrix, featureMeans: [Double]?) throws -> FeatureContributions {
        let shap = try shapValues(x)
        return FeatureContributions(
            contributions: shap.contributions, baseline: shap.expectedValue, scores: try margins(x), unit: .logit,
            baselineKind: .treeExpectation)
    }
}
