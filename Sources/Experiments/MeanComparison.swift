// Difference in means of a numeric outcome (for example spend) between two groups.
//
// Goal: Welch's unequal-variance t interval and test, as statsmodels'
// `CompareMeans(...).tconfint_diff(usevar="unequal")` and scipy's `ttest_ind(equal_var=False)`.
// Reference: B. L. Welch, "The generalization of Student's problem when several different
// population variances are involved", Biometrika 34 (1947); Satterthwaite degrees of freedom
// ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1)). Means and variances are
// accumulated by Welford's algorithm for stability.

import _ChurnKitCore

/// Count, mean and unbiased variance of a sample.
public struct SampleSummary: Sendable, Codable, Equatable {
    /// Number of values.
    public var count: Int
    /// Arithmetic mean (NaN when empty).
    public var mean: Double
    /// Unbiased sample variance (divisor count − 1; NaN when count < 2).
    public var variance: Double

    /// Summarises `values` (Welford's one-pass algorithm).
    /// - Parameter values: Finite values.
    /// - Complexity: O(n).
    public init(_ values: some Sequence<Double>) {
        var n = 0
        var mean = 0.0
        var m2 = 0.0
        for x in values {
            n += 1
            let delta = x - mean
            mean += delta / Double(n)
            m2 += delta * (x - mean)
        }
        self.count = n
        self.mean = n > 0 ? mean : .nan
        self.variance = n > 1 ? m2 / Double(n - 1) : .nan
    }

    /// Creates a summary from known statistics.
    /// - Parameters:
    ///   - count: Number of values.
    ///   - mean: Mean.
    ///   - variance: Unbiased variance.
    public init(count: Int, mean: Double, variance: Double) {
        self.count = count
        self.mean = mean
        self.variance = variance
    }
}

/// Welch's comparison of two means.
public struct WelchComparison: Sendable, Codable, Equatable {
    /// first.mean − second.mean.
    public var difference: Double
    /// Welch t interval for the difference.
    public var interval: ConfidenceInterval
    /// Welch's t statistic.
    public var t: Double
    /// Satterthwaite degrees of freedom.
    public var degreesOfFreedom: Double
    /// Two-sided p-value.
    public var pValue: Double

    /// Compares `first` with `second`.
    /// - Parameters:
    ///   - first: First group (a treatment arm).
    ///   - second: Second group (control).
    ///   - confidence: Confidence level, default 0.95.
    /// - Throws: `ExperimentsError.invalidCount` when a group has fewer than 2 values, or
    ///   `.invalidArgument` when both variances are zero (no spread, no interval).
    public init(_ first: SampleSummary, _ second: SampleSummary, confidence: Double = 0.95) throws(ExperimentsError) {
        guard first.count >= 2 else { throw .invalidCount(argument: "first group size", value: first.count, reason: "need at least 2 values") }
        guard second.count >= 2 else { throw .invalidCount(argument: "second group size", value: second.count, reason: "need at least 2 values") }
        let v1 = first.variance / Double(first.count)
        let v2 = second.variance / Double(second.count)
        let standardError = (v1 + v2).squareRoot()
        guard standardError > 0, standardError.isFinite else {
            throw .invalidArgument(name: "variances", value: "\(first.variance), \(second.variance)", reason: "both groups have zero or non-finite variance")
        }
        let nu = (v1 + v2) * (v1 + v2) / (v1 * v1 / Double(first.count - 1) + v2 * v2 / Double(second.count - 1))
        let difference = first.mean - second.mean
        let critical = SpecialFunctions.studentTQuantile(1 - (1 - confidence) / 2, degreesOfFreedom: nu)
        self.difference = difference
        self.interval = ConfidenceInterval(lower: difference - critical * standardError, upper: difference + critical * standardError)
        self.t = difference / standardError
        self.degreesOfFreedom = nu
        self.pValue = 2 * SpecialFunctions.studentTCDF(-abs(t), degreesOfFreedom: nu)
    }
}
