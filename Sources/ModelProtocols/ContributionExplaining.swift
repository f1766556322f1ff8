import LinearAlgebra

/// The units of a model's per-feature score contributions.
public enum ContributionUnit: String, Sendable, Codable, CaseIterable, Equatable {
    /// Log-odds of the positive class (logistic regression, boosted ensembles' margins): the
    /// contributions add up to the logit minus the baseline logit.
    case logit
    /// Probability of the positive class (trees, forests): the contributions add up to the
    /// probability minus the expected probability; 0.05 is 5 percentage points.
    case probability
}

/// What a model's per-feature contributions are measured from.
public enum ExplanationBaseline: String, Sendable, Codable, CaseIterable, Equatable {
    /// The score of the mean encoded training row (logistic regression given the feature means).
    case trainingMean
    /// The score of the all-zero encoded row: standardized numbers at their training mean,
    /// categorical columns at their reference level (logistic regression without feature means).
    case referenceCustomer
    /// The expected output over the training rows that reached each node (path-dependent TreeSHAP).
    case treeExpectation
}

/// The contributions of each feature (matrix column) to each row's explained score: for every
/// row, `baseline + Σ_j contributions[row, j] == scores[row]` up to rounding.
public struct FeatureContributions: Sendable, Equatable {
    /// n x d contributions, in `unit`.
    public let contributions: Matrix
    /// The score the contributions start from (`baselineKind` says which).
    public let baseline: Double
    /// The explained score of each row (the logit, the margin or the probability, as `unit` says).
    public let scores: [Double]
    /// The units of `contributions`, `baseline` and `scores`.
    public let unit: ContributionUnit
    /// What `baseline` is.
    public let baselineKind: ExplanationBaseline

    /// Creates contributions.
    /// - Parameters:
    ///   - contributions: n x d contributions.
    ///   - baseline: the score they start from.
    ///   - scores: the n explained scores.
    ///   - unit: their units.
    ///   - baselineKind: what the baseline is.
    public init(contributions: Matrix, baseline: Double, scores: [Double], unit: ContributionUnit, baselineKind: ExplanationBaseline) {
        self.contributions = contributions
        self.baseline = baseline
        self.scores = scores
        self.unit = unit
        self.baselineKind = baselineKind
    }
}

/// Reported by classifiers whose score splits exactly into additive per-feature contributions
/// (logistic regression's logit; a tree's, forest's or boosted ensemble's output by TreeSHAP); a
/// pipeline sums them into original columns for per-customer reasons (`churn score --reasons`).
public protocol ContributionExplaining {
    /// The units of `featureContributions(_:featureMeans:)`.
    var contributionUnit: ContributionUnit { get }
    /// The contributions of every feature to every row's explained score.
    /// - Parameters:
    ///   - x: n x d features, encoded as for the fit.
    ///   - featureMeans: the mean of each feature over the training rows, when known (models that
    ///     explain from the mean row use it; others ignore it).
    /// - Returns: the contributions, their baseline and the explained scores.
    /// - Throws: the model's error for a matrix of the wrong width or values it cannot score.
    /// - Complexity: the model's; O(n d) for a linear model, O(n leaves depth²) for a tree.
    func featureContributions(_ x: Matrix, featureMeans: [Double]?) throws -> FeatureContributions
}
