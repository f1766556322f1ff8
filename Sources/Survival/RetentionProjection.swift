// Cohort retention KPIs projected by an sBG model, and the compounding of a retention gain.
//
// KPIs per period t: customers at risk at the start (initial · S(t−1)), survivors at the end
// (initial · S(t)), retention rate S(t)/S(t−1) and churn rate 1 − that.
// Compounding (Reichheld's arithmetic, the seed's "a 5% yearly gain in retention doubles the
// customer base in 14 years"): a customer base that gains a share g a year relative to its
// baseline grows by (1 + g)^N over N years, and doubles after ln 2 / ln(1 + g) years
// (1.05^14 = 1.98; 14.2 years).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One projected period of a cohort.
public struct RetentionPeriod: Sendable, Codable, Equatable {
    /// The period (1 = the first).
    public var period: Int
    /// Customers active at the start of the period.
    public var atRisk: Double
    /// Customers active at its end.
    public var survivors: Double
    /// survivors / atRisk.
    public var retentionRate: Double
    /// 1 − retention rate.
    public var churnRate: Double
}

/// Projections of retention.
public enum RetentionProjection {
    /// Projects a cohort with an sBG model.
    /// - Parameters:
    ///   - model: The fitted model.
    ///   - initial: Customers at the start.
    ///   - periods: Periods to project (1...1000).
    /// - Returns: One row per period.
    /// - Complexity: O(periods).
    public static func project(_ model: ShiftedBetaGeometricModel, initial: Double, periods: Int) -> [RetentionPeriod] {
        (1...max(1, min(periods, 1000))).map { t in
            let start = initial * model.survival(after: t - 1), end = initial * model.survival(after: t)
            let rate = model.retentionRate(period: t)
            return RetentionPeriod(period: t, atRisk: start, survivors: end, retentionRate: rate, churnRate: 1 - rate)
        }
    }

    /// The factor by which a yearly relative gain compounds over some years, (1 + g)^N.
    /// - Parameters:
    ///   - gain: The relative gain per year (0.05 = 5%).
    ///   - years: The number of years.
    /// - Returns: The growth factor (NaN for a gain ≤ −1).
    /// - Complexity: O(1).
    public static func compoundedGrowth(gain: Double, years: Double) -> Double {
        gain > -1 ? exp(years * log1p(gain)) : .nan
    }

    /// Years until a yearly relative gain doubles the base, ln 2 / ln(1 + g).
    /// - Parameter gain: The relative gain per year (> 0).
    /// - Returns: The doubling time in years (NaN for a gain ≤ 0).
    /// - Complexity: O(1).
    public static func doublingYears(gain: Double) -> Double {
        gain > 0 ? log(2) / log1p(gain) : .nan
    }
}
