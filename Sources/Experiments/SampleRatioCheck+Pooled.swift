// The sample-ratio check of a whole experiment: tiers are randomized independently, so their
// Pearson chi-squares add up, with their degrees of freedom, to one chi-square of the experiment.

import _ChurnKitCore

/// The sample-ratio check of several independently randomized tiers taken together.
public struct PooledSampleRatioCheck: Sendable, Codable, Equatable {
    /// Σ of the tiers' chi-squares.
    public let chiSquare: Double
    /// Σ of the tiers' degrees of freedom.
    public let degreesOfFreedom: Int
    /// Upper-tail p-value of `chiSquare` with `degreesOfFreedom` (a single tier's own p-value; 1
    /// without degrees of freedom).
    public let pValue: Double
    /// The alarm threshold (the first tier's; 0.001 without tiers).
    public let threshold: Double
    /// Whether the pooled p-value is at least the threshold and every tier passed its own check.
    public let passed: Bool

    /// Pools the checks of independently randomized tiers.
    /// - Parameter tiers: one check per tier.
    /// - Complexity: O(tiers).
    public init(tiers: [SampleRatioCheck]) {
        chiSquare = tiers.reduce(0) { $0 + $1.chiSquare }
        degreesOfFreedom = tiers.reduce(0) { $0 + $1.degreesOfFreedom }
        pValue = tiers.count == 1 ? tiers[0].pValue
            : degreesOfFreedom > 0 ? SpecialFunctions.chiSquareSurvival(chiSquare, degreesOfFreedom: Double(degreesOfFreedom)) : 1
        threshold = tiers.first?.threshold ?? 0.001
        passed = !(pValue < threshold) && tiers.allSatisfy(\.passed)
    }
}

extension ExperimentReport {
    /// The sample-ratio check of all tiers together.
    public var pooledSampleRatio: PooledSampleRatioCheck { PooledSampleRatioCheck(tiers: sampleRatio.map(\.check)) }
}
