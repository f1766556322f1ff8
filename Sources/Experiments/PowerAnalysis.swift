// Power and sample size for comparing a treatment rate with a control rate.
//
// Goals: the same numbers as statsmodels' `NormalIndPower` with Cohen's h effect size
// (`proportion_effectsize`): h = 2·asin(√p₁) − 2·asin(√p₂); two-sided power
// 1 − Φ(z₁₋α/₂ − h√n') + Φ(−z₁₋α/₂ − h√n'), where n' = 1/(1/n₁ + 1/n₂) is the effective size
// and n₂ = ratio·n₁. Sizes and detectable effects are found by bisection on that exact power
// (not the one-tail approximation), to relative precision 1e-12.
// Reference: J. Cohen, "Statistical Power Analysis for the Behavioral Sciences", 2nd ed. (1988),
// ch. 6 (the arcsine transformation of proportions).

import _ChurnKitCore
import LinearAlgebra

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The smallest effect one tier × arm of a design can detect.
public struct DetectableEffect: Sendable, Codable, Equatable {
    /// Tier name.
    public var tier: String
    /// Arm name.
    public var arm: String
    /// Control customers in the tier.
    public var controlSize: Int
    /// Customers in the arm.
    public var treatmentSize: Int
    /// Assumed churn rate without action.
    public var baselineRate: Double
    /// Smallest detectable relative reduction of `baselineRate`.
    public var minimumDetectableRelativeReduction: Double
}

/// Power calculations for a two-sided two-proportion test on Cohen's h.
public enum PowerAnalysis {
    /// Cohen's effect size h between two rates.
    /// - Parameters:
    ///   - first: First rate in [0, 1].
    ///   - second: Second rate in [0, 1].
    /// - Returns: 2·asin(√first) − 2·asin(√second).
    public static func cohensH(_ first: Double, _ second: Double) -> Double {
        2 * asin(first.squareRoot()) - 2 * asin(second.squareRoot())
    }

    /// The power of the two-sided test.
    /// - Parameters:
    ///   - effectSize: Cohen's h (its sign does not matter).
    ///   - firstGroupSize: n₁ (may be fractional).
    ///   - ratio: n₂ / n₁, default 1.
    ///   - alpha: Significance level, default 0.05.
    /// - Returns: The probability of rejecting H₀ when the true effect is `effectSize`.
    public static func power(effectSize: Double, firstGroupSize: Double, ratio: Double = 1, alpha: Double = 0.05) -> Double {
        let effective = 1 / (1 / firstGroupSize + 1 / (firstGroupSize * ratio))
        let critical = -SpecialFunctions.normalQuantile(alpha / 2)  // the upper quantile, exact for tiny alpha
        let shift = abs(effectSize) * effective.squareRoot()
        return SpecialFunctions.normalSurvival(critical - shift) + SpecialFunctions.normalCDF(-critical - shift)
    }

    /// The size n₁ of the first group (n₂ = ratio·n₁) that gives the requested power.
    /// - Parameters:
    ///   - effectSize: Cohen's h, non-zero.
    ///   - ratio: n₂ / n₁, default 1.
    ///   - alpha: Significance level in (0, 1), default 0.05.
    ///   - power: Target power in (alpha, 1), default 0.8.
    /// - Returns: The (fractional) n₁; round up for a plan.
    /// - Throws: `ExperimentsError.invalidArgument` when an argument is out of range.
    public static func firstGroupSize(effectSize: Double, ratio: Double = 1, alpha: Double = 0.05, power: Double = 0.8) throws(ExperimentsError) -> Double {
        try _check(alpha: alpha, power: power, ratio: ratio)
        guard effectSize != 0, effectSize.isFinite else {
            throw .invalidArgument(name: "effectSize", value: "\(effectSize)", reason: "must be finite and non-zero")
        }
        var lo = 1e-9
        var hi = 1.0
        while Self.power(effectSize: effectSize, firstGroupSize: hi, ratio: ratio, alpha: alpha) < power {
            guard hi < Self.largestGroupSize else {
                throw .invalidArgument(name: "effectSize", value: "\(effectSize)", reason: "would need more than 10^15 customers per group to detect")
            }
            lo = hi; hi *= 2
        }
        return _bisect(lo, hi) { Self.power(effectSize: effectSize, firstGroupSize: $0, ratio: ratio, alpha: alpha) < power }
    }

    /// The smallest |h| detectable with the requested power for the given group sizes.
    /// - Parameters:
    ///   - firstGroupSize: n₁ > 0.
    ///   - ratio: n₂ / n₁, default 1.
    ///   - alpha: Significance level, default 0.05.
    ///   - power: Target power, default 0.8.
    /// - Returns: The minimal detectable Cohen's h (positive).
    /// - Throws: `ExperimentsError.invalidArgument` when an argument is out of range.
    public static func minimumDetectableEffectSize(firstGroupSize: Double, ratio: Double = 1, alpha: Double = 0.05, power: Double = 0.8) throws(ExperimentsError) -> Double {
        try _check(alpha: alpha, power: power, ratio: ratio)
        guard firstGroupSize > 0, firstGroupSize.isFinite else {
            throw .invalidArgument(name: "firstGroupSize", value: "\(firstGroupSize)", reason: "must be positive")
        }
        var hi = 1.0
        while Self.power(effectSize: hi, firstGroupSize: firstGroupSize, ratio: ratio, alpha: alpha) < power { hi *= 2 }
        return _bisect(0, hi) { Self.power(effectSize: $0, firstGroupSize: firstGroupSize, ratio: ratio, alpha: alpha) < power }
    }

    /// Customers needed per group to detect a relative reduction of a baseline rate.
    ///
    /// For baseline 12%, reduction 9% (to 10.92%), α 0.05, power 0.8 and equal groups this is
    /// statsmodels' `NormalIndPower().solve_power(proportion_effectsize(0.12, 0.1092), ...)`.
    /// - Parameters:
    ///   - baselineRate: Control event rate in (0, 1).
    ///   - relativeReduction: Fractional reduction in (0, 1) (0.09 for 9%).
    ///   - alpha: Significance level, default 0.05.
    ///   - power: Target power, default 0.8.
    ///   - treatmentToControlRatio: n_treatment / n_control, default 1.
    /// - Returns: The exact (fractional) control size and the planned integer sizes (rounded up).
    /// - Throws: `ExperimentsError.invalidArgument` when an argument is out of range.
    public static func sampleSize(
        baselineRate: Double, relativeReduction: Double, alpha: Double = 0.05, power: Double = 0.8,
        treatmentToControlRatio: Double = 1
    ) throws(ExperimentsError) -> (exactControlSize: Double, controlSize: Int, treatmentSize: Int) {
        guard baselineRate > 0, baselineRate < 1 else {
            throw .invalidArgument(name: "baselineRate", value: "\(baselineRate)", reason: "must lie in (0, 1)")
        }
        guard relativeReduction > 0, relativeReduction < 1 else {
            throw .invalidArgument(name: "relativeReduction", value: "\(relativeReduction)", reason: "must lie in (0, 1)")
        }
        let h = cohensH(baselineRate, baselineRate * (1 - relativeReduction))
        guard h != 0 else {
            throw .invalidArgument(name: "relativeReduction", value: "\(relativeReduction)", reason: "is too small to change the rate \(baselineRate) in double precision")
        }
        let n: Double
        do {
            n = try firstGroupSize(effectSize: h, ratio: treatmentToControlRatio, alpha: alpha, power: power)
        } catch .invalidArgument(name: "effectSize", _, let reason) {
            // An extreme ratio, not the reduction, can be what needs the 10^15 customers: say so
            // when equal groups would detect the reduction.
            if treatmentToControlRatio != 1, let equal = try? firstGroupSize(effectSize: h, ratio: 1, alpha: alpha, power: power) {
                let each = (try? InputLimits.integer(equal, name: "group size")).map(String.init) ?? "\(equal)"
                throw .invalidArgument(
                    name: "treatmentToControlRatio", value: "\(treatmentToControlRatio)",
                    reason: "with this ratio the control group would need more than 10^15 customers (equal groups would need \(each) each)")
            }
            throw .invalidArgument(name: "relativeReduction", value: "\(relativeReduction)", reason: reason)
        }
        let limit = 0...Int(Self.largestGroupSize)
        guard let control = try? InputLimits.integer(n, name: "control size", in: limit),
              let treated = try? InputLimits.integer(n * treatmentToControlRatio, name: "treatment size", in: limit) else {
            throw .invalidArgument(name: "treatmentToControlRatio", value: "\(treatmentToControlRatio)",
                                   reason: "the groups would need \(n) and \(n * treatmentToControlRatio) customers; at most 10^15 are planned for")
        }
        return (n, control, treated)
    }

    /// The smallest relative reduction of `baselineRate` detectable with the given group sizes.
    /// - Parameters:
    ///   - baselineRate: Control event rate in (0, 1).
    ///   - controlSize: Customers in control (> 0).
    ///   - treatmentSize: Customers in the treatment arm (> 0).
    ///   - alpha: Significance level, default 0.05.
    ///   - power: Target power, default 0.8.
    /// - Returns: The minimal detectable relative reduction (1 when even a drop to 0 is not detectable).
    /// - Throws: `ExperimentsError.invalidArgument` when an argument is out of range.
    public static func minimumDetectableRelativeReduction(
        baselineRate: Double, controlSize: Int, treatmentSize: Int, alpha: Double = 0.05, power: Double = 0.8
    ) throws(ExperimentsError) -> Double {
        guard baselineRate > 0, baselineRate < 1 else {
            throw .invalidArgument(name: "baselineRate", value: "\(baselineRate)", reason: "must lie in (0, 1)")
        }
        guard controlSize > 0, treatmentSize > 0 else {
            throw .invalidArgument(name: "group sizes", value: "\(controlSize), \(treatmentSize)", reason: "both must be positive")
        }
        let h = try minimumDetectableEffectSize(
            firstGroupSize: Double(controlSize), ratio: Double(treatmentSize) / Double(controlSize), alpha: alpha, power: power)
        let angle = asin(baselineRate.squareRoot()) - h / 2
        guard angle > 0 else { return 1 }
        let s = sin(angle)
        return 1 - s * s / baselineRate
    }

    /// The minimal detectable relative reduction of every tier × arm of a design, before assignment.
    /// - Parameters:
    ///   - design: The design (tier shares give the group sizes, rounded by largest remainder as
    ///     the assignment does).
    ///   - customerCount: Customers to be assigned.
    ///   - baselineRates: Expected churn rate per tier (in design order).
    ///   - alpha: Significance level, default 0.05.
    ///   - power: Target power, default 0.8.
    /// - Returns: One row per tier × arm.
    /// - Throws: `ExperimentsError` when the rates do not match the tiers, the design's threshold
    ///   tiers have no known size, or an argument is out of range.
    /// - Complexity: O(tiers × arms) bisections.
    public static func plan(
        design: ExperimentDesign, customerCount: Int, baselineRates: [Double], alpha: Double = 0.05, power: Double = 0.8
    ) throws(ExperimentsError) -> [DetectableEffect] {
        guard baselineRates.count == design.tiers.count else {
            throw .lengthMismatch(argument: "baselineRates", count: baselineRates.count, expected: design.tiers.count)
        }
        guard case .topFractions(let cuts) = design.tierRule else {
            throw .invalidArgument(name: "tierRule", value: "scoreThresholds", reason: "tier sizes are known only for top-fraction tiers; use an assignment's counts")
        }
        let bounds = [0] + cuts.map { Int(($0 * Double(customerCount)).rounded()) } + [customerCount]
        var rows: [DetectableEffect] = []
        for (t, tier) in design.tiers.enumerated() {
            let sizes = _largestRemainder(shares: tier.groupShares, total: bounds[t + 1] - bounds[t])
            for (a, arm) in tier.arms.enumerated() {
                let reduction = try minimumDetectableRelativeReduction(
                    baselineRate: baselineRates[t], controlSize: sizes[0], treatmentSize: sizes[a + 1], alpha: alpha, power: power)
                rows.append(DetectableEffect(tier: tier.name, arm: arm.name, controlSize: sizes[0], treatmentSize: sizes[a + 1],
                                             baselineRate: baselineRates[t], minimumDetectableRelativeReduction: reduction))
            }
        }
        return rows
    }

    /// The largest group size these functions plan for (10^15 customers, far beyond any customer
    /// base, and exact as an `Int` and a `Double`).
    public static let largestGroupSize = 1e15

    private static func _check(alpha: Double, power: Double, ratio: Double) throws(ExperimentsError) {
        guard alpha > 0, alpha < 1 else { throw .invalidArgument(name: "alpha", value: "\(alpha)", reason: "must lie in (0, 1)") }
        guard power > alpha, power < 1 else { throw .invalidArgument(name: "power", value: "\(power)", reason: "must lie in (alpha, 1)") }
        guard ratio > 0, ratio.isFinite else { throw .invalidArgument(name: "ratio", value: "\(ratio)", reason: "must be positive") }
    }
}

/// Bisection for the boundary of a monotone predicate that is true below it and false above.
private func _bisect(_ lo: Double, _ hi: Double, _ isBelow: (Double) -> Bool) -> Double {
    var lo = lo, hi = hi
    for _ in 0..<200 {
        let mid = 0.5 * (lo + hi)
        if isBelow(mid) { lo = mid } else { hi = mid }
        if hi - lo <= 1e-13 * hi { break }
    }
    return 0.5 * (lo + hi)
}
