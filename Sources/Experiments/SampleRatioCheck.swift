// Sample-ratio-mismatch (SRM) check: are the observed group sizes compatible with the designed
// shares? A failed check usually means a broken assignment or a lossy outcome join, and makes
// every effect estimate suspect.
//
// Goal: Pearson's chi-square goodness-of-fit test, as scipy.stats.chisquare(observed, expected).
// Reference: R. Kohavi, D. Tang, Y. Xu, "Trustworthy Online Controlled Experiments" (2020), ch. 21;
// the conventional alarm threshold is p < 0.001.

import _ChurnKitCore

/// The result of a sample-ratio check.
public struct SampleRatioCheck: Sendable, Codable, Equatable {
    /// Observed group sizes.
    public var observed: [Int]
    /// Expected group sizes (shares × total).
    public var expected: [Double]
    /// Pearson's chi-square statistic Σ (o − e)²/e.
    public var chiSquare: Double
    /// Degrees of freedom (groups with a positive share − 1).
    public var degreesOfFreedom: Int
    /// Upper-tail p-value.
    public var pValue: Double
    /// The p-value below which a mismatch is declared.
    public var threshold: Double

    /// Whether the observed sizes are compatible with the design (p ≥ threshold).
    public var passed: Bool { !(pValue < threshold) }

    /// Runs the check.
    /// - Parameters:
    ///   - observed: Observed counts per group.
    ///   - shares: Designed shares per group (same order), summing to 1.
    ///   - threshold: Alarm threshold on the p-value, default 0.001.
    /// - Throws: `ExperimentsError` when the lengths differ, a count is negative, a share is
    ///   invalid or the shares do not sum to 1, or a group with share 0 has customers.
    /// - Complexity: O(groups).
    public init(observed: [Int], shares: [Double], threshold: Double = 0.001) throws(ExperimentsError) {
        guard observed.count == shares.count else {
            throw .lengthMismatch(argument: "shares", count: shares.count, expected: observed.count)
        }
        guard !observed.isEmpty else { throw .emptyInput("no groups to check") }
        for (i, value) in observed.enumerated() where value < 0 {
            throw .invalidCount(argument: "observed[\(i)]", value: value, reason: "must be non-negative")
        }
        for (i, share) in shares.enumerated() where !(share >= 0 && share <= 1) {
            throw .invalidShare(tier: "sample-ratio check", group: "\(i)", value: share)
        }
        let sum = shares.reduce(0, +)
        guard abs(sum - 1) <= 1e-9 else { throw .sharesDoNotSumToOne(tier: "sample-ratio check", sum: sum) }
        let total = Double(observed.reduce(0, +))
        var chiSquare = 0.0
        var groups = 0
        var expected: [Double] = []
        for (count, share) in zip(observed, shares) {
            let e = share * total
            expected.append(e)
            if share == 0 {
                guard count == 0 else {
                    throw .invalidCount(argument: "observed", value: count, reason: "a group with designed share 0 has customers")
                }
                continue
            }
            groups += 1
            let d = Double(count) - e
            chiSquare += d * d / e
        }
        self.observed = observed
        self.expected = expected
        self.chiSquare = total > 0 ? chiSquare : 0
        self.degreesOfFreedom = max(groups - 1, 0)
        self.pValue = degreesOfFreedom > 0
            ? SpecialFunctions.chiSquareSurvival(self.chiSquare, degreesOfFreedom: Double(degreesOfFreedom)) : 1
        self.threshold = threshold
    }
}
