// Exact additive contributions of a logistic model's logit.
//
// logit(x) = b + Σ_j w_j x_j = [b + Σ_j w_j μ_j] + Σ_j w_j (x_j − μ_j) exactly, so feature j
// contributes w_j (x_j − μ_j) log-odds from the logit of the row μ: the training mean row when
// the caller knows it (the SHAP value of a linear model with independent features, Lundberg & Lee
// 2017), else the all-zero row (μ = 0: the baseline is the intercept).

import LinearAlgebra
import ModelProtocols

extension LogisticRegressionModel: ContributionExplaining {
    /// `.logit`.
    public var contributionUnit: ContributionUnit { .logit }

    /// The contributions w_j (x_j − μ_j) of every feature to every row's logit, from the logit
    /// b + Σ w_j μ_j of the mean training row μ (`featureMeans`), or of the all-zero row when
    /// `featureMeans` is nil.
    /// - Parameters:
    ///   - x: n x d features.
    ///   - featureMeans: the d training means, or nil.
    /// - Returns: the contributions (log-odds), the baseline logit and the rows' logits.
    /// - Throws: `LinearModelsError.featureCountMismatch` when `x` does not have d columns,
    ///   `.invalidHyperparameter` when `featureMeans` does not have d values, `.nonFiniteFeature`
    ///   for NaN or an infinity in `x`.
    /// - Complexity: O(n d).
    public func featureContributions(_ x: Matrix, featureMeans: [Double]?) throws -> FeatureContributions {
        let d = featureCount
        let logits = try logits(x)
        let mu = featureMeans ?? [Double](repeating: 0, count: d)
        guard mu.count == d else {
            throw LinearModelsError.invalidHyperparameter(
                name: "featureMeans", value: "\(mu.count) values", requirement: "must have one value per feature (\(d))")
        }
        var values = [Double](repeating: 0, count: x.rows * d)
        x.withUnsafeBufferPointer { features in
            for row in 0..<x.rows {
                for j in 0..<d { values[row * d + j] = coefficients[j] * (features[row * d + j] - mu[j]) }
            }
        }
        return FeatureContributions(
            contributions: try Matrix(rows: x.rows, columns: d, values: values),
            baseline: zip(coefficients, mu).reduce(intercept) { $0 + $1.0 * $1.1 }, scores: logits, unit: .logit,
            baselineKind: featureMeans == nil ? .referenceCustomer : .trainingMean)
    }
}
