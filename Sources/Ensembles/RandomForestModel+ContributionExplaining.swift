import DecisionTrees
import LinearAlgebra
import ModelProtocols

extension RandomForestModel: ContributionExplaining {
    /// `.probability`: the forest explains its averaged probability.
    public var contributionUnit: ContributionUnit { .probability }

    /// Exact path-dependent TreeSHAP values (Lundberg, Erion & Lee 2018) of the probability of
    /// class 1: the mean over the trees of each tree's values, children weighed by their covers
    /// (bootstrap-weighted rows, as scikit-learn's weighted node counts); the expected value is the
    /// mean of the trees' expected values.
    /// - Parameter x: n x d features, as for `predictProbabilities(_:)`.
    /// - Returns: n x d contributions (probability) and the expected probability; each row's
    ///   contributions plus it equal its probability.
    /// - Throws: `DecisionTreeError.dimensionMismatch` when x does not have d columns.
    /// - Complexity: O(n Σ_t leaves_t depth_t²), on all cores for large n.
    public func shapValues(_ x: Matrix) throws(DecisionTreeError) -> TreeSHAPValues {
        guard x.columns == features.count else {
            throw .dimensionMismatch("X has \(x.columns) features, but the model expects \(features.count)")
        }
        return try _packed.shapValues(x, trees: trees, features: features, cover: .cover, scale: 1 / Double(max(trees.count, 1)))
    }

    /// The TreeSHAP contributions (`shapValues(_:)`) of every feature to every row's probability.
    /// - Parameters:
    ///   - x: n x d features.
    ///   - featureMeans: ignored (TreeSHAP's baseline comes from the nodes' training rows).
    /// - Returns: the contributions (probability), the expected probability and the rows' probabilities.
    /// - Throws: as `shapValues(_:)`.
    /// - Complexity: as `shapValues(_:)`.
    public func featureContributions(_ x: Matrix, featureMeans: [Double]?) throws -> FeatureContributions {
        let shap = try shapValues(x)
        return FeatureContributions(
            contributions: shap.contributions, baseline: shap.expectedValue, scores: try predictProbabilities(x),
            unit: .probability, baselineKind: .treeExpectation)
    }
}
