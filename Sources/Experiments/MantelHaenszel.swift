// Pooling a treatment-versus-control comparison across strata (tiers).
//
// Goals: one overall effect of an arm that respects the stratified design (tiers with different
// base rates and possibly different control fractions), matching statsmodels' `StratifiedTable`
// (`riskratio_pooled`, `test_null_odds`).
//
// References: N. Mantel and W. Haenszel (1959), J. Natl Cancer Inst. 22, the pooled risk ratio
// RR = Σ aₖn₀ₖ/Nₖ ÷ Σ cₖn₁ₖ/Nₖ and the test statistic; S. Greenland and J. M. Robins, "Estimation
// of a common effect parameter from sparse follow-up data", Biometrics 41 (1985), the variance of
// log RR: Σ (n₁ₖn₀ₖmₖ − aₖcₖNₖ)/Nₖ² ÷ (Σ aₖn₀ₖ/Nₖ · Σ cₖn₁ₖ/Nₖ), with aₖ, cₖ the treated and
// control events, n₁ₖ, n₀ₖ the group sizes, mₖ = aₖ + cₖ and Nₖ = n₁ₖ + n₀ₖ.

import _ChurnKitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Cochran-Mantel-Haenszel summary of one arm against control across strata.
public struct MantelHaenszelResult: Sendable, Codable, Equatable {
    /// Number of strata that contributed (both groups non-empty).
    public var strataUsed: Int
    /// Mantel-Haenszel pooled risk ratio (treatment rate / control rate); NaN when undefined.
    public var riskRatio: Double
    /// Greenland-Robins log interval for the pooled risk ratio; `nil` when undefined (no events).
    public var riskRatioInterval: ConfidenceInterval?
    /// 1 − riskRatio: the pooled relative reduction of the event rate.
    public var relativeReduction: Double
    /// Interval for the relative reduction, [1 − ratio upper, 1 − ratio lower].
    public var relativeReductionInterval: ConfidenceInterval?
    /// The CMH chi-square statistic (1 degree of freedom, no continuity correction).
    public var chiSquare: Double
    /// Its p-value; NaN when the statistic is undefined.
    public var pValue: Double
}

/// Cochran-Mantel-Haenszel pooling of 2×2 tables.
public enum MantelHaenszel {
    /// Pools treatment-versus-control comparisons over strata.
    /// - Parameters:
    ///   - strata: One (treatment, control) pair per stratum; strata with an empty group are skipped.
    ///   - confidence: Confidence level, default 0.95.
    /// - Returns: The pooled risk ratio with its interval and the CMH test.
    /// - Complexity: O(number of strata).
    public static func pool(
        _ strata: [(treatment: BinomialCount, control: BinomialCount)], confidence: Double = 0.95
    ) -> MantelHaenszelResult {
        var numerator = 0.0, denominator = 0.0, varianceSum = 0.0
        var deviation = 0.0, nullVariance = 0.0
        var used = 0
        for (treatment, control) in strata where treatment.total > 0 && control.total > 0 {
            used += 1
            let a = Double(treatment.events), c = Double(control.events)
            let n1 = Double(treatment.total), n0 = Double(control.total)
            let total = n1 + n0
            let events = a + c
            numerator += a * n0 / total
            denominator += c * n1 / total
            varianceSum += (n1 * n0 * events - a * c * total) / (total * total)
            deviation += a - n1 * events / total
            if total > 1 {
                nullVariance += n1 * n0 * events * (total - events) / (total * total * (total - 1))
            }
        }
        let ratio = denominator > 0 ? numerator / denominator : .nan
        var interval: ConfidenceInterval?
        if numerator > 0, denominator > 0 {
            let se = (varianceSum / (numerator * denominator)).squareRoot()
            let z = ProportionIntervals.criticalValue(confidence: confidence)
            interval = ConfidenceInterval(lower: ratio * exp(-z * se), upper: ratio * exp(z * se))
        }
        let chiSquare = nullVariance > 0 ? deviation * deviation / nullVariance : .nan
        let pValue = chiSquare.isNaN ? .nan : SpecialFunctions.chiSquareSurvival(chiSquare, degreesOfFreedom: 1)
        return MantelHaenszelResult(
            strataUsed: used, riskRatio: ratio, riskRatioInterval: interval, relativeReduction: 1 - ratio,
            relativeReductionInterval: interval.map { ConfidenceInterval(lower: 1 - $0.upper, upper: 1 - $0.lower) },
            chiSquare: chiSquare, pValue: pValue)
    }
}
