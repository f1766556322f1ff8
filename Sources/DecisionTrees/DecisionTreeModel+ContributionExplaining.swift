import LinearAlgebra
import ModelProtocols

extension DecisionTreeModel: ContributionExplaining {
    /// `.probability`.
    public var contributionUnit: ContributionUnit { .probability }

    /// The TreeSHAP contributions (`shapValues(_:)`) of every feature to every row's probability
    /// of class 1, from the expected probability of the training rows.
    /// - Parameters:
    ///   - x: n x d features.
    ///   - featureMeans: ignored (TreeSHAP's baseline comes from the nodes' weighted rows).
    /// - Returns: the contributions (probability), the expected probability and the rows' probabilities.
    /// - Throws: as `shapValues(_:)`.
    /// - Complexity: O(n leaves depth²).
    public func featureContributions(_ x: Matrix, featureMeans: [Double]?) throws -> FeatureContributions {
        let shap = try shapValues(x)
        return FeatureContributions(
            contributions: shap.contributions, baseline: shap.expectedValue, scores: try predictProbabilities(x),
            unit: .probability, baselineKind: .treeExpectation)
    }
}
