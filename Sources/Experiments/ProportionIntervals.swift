// Confidence intervals for one proportion and for comparing two independent proportions.
//
// Goals: intervals that stay defined and inside their natural range for rare outcomes and small
// cells, matching statsmodels' `proportion_confint(method="wilson")` and
// `confint_proportions_2indep(method="newcomb" | "log" | "log-adjusted")`.
//
// References: E. B. Wilson (1927), score interval for one proportion; R. G. Newcombe, "Interval
// estimation for the difference between independent proportions: comparison of eleven methods",
// Statistics in Medicine 17 (1998), method 10 (hybrid score); D. Katz, J. Baptista, S. P. Azen,
// M. C. Pike, "Obtaining confidence intervals for the risk ratio in cohort studies", Biometrics 34
// (1978), the log interval.

import _ChurnKitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A closed interval [lower, upper] of a statistic.
public struct ConfidenceInterval: Sendable, Codable, Equatable, CustomStringConvertible {
    /// Lower bound.
    public var lower: Double
    /// Upper bound.
    public var upper: Double

    /// Creates an interval.
    /// - Parameters:
    ///   - lower: Lower bound.
    ///   - upper: Upper bound.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` lies in the interval (bounds included).
    /// - Parameter value: The value to test.
    /// - Returns: `lower <= value && value <= upper`.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// "[lower, upper]".
    public var description: String { "[\(lower), \(upper)]" }
}

/// A count of events among a number of customers (a binomial observation).
public struct BinomialCount: Sendable, Codable, Equatable, Hashable {
    /// Number of customers with the event (for example, who churned).
    public var events: Int
    /// Number of customers.
    public var total: Int

    /// Creates a count, checking 0 ≤ events ≤ total.
    /// - Parameters:
    ///   - events: Number of events.
    ///   - total: Number of customers.
    /// - Throws: `ExperimentsError.invalidCount` when a count is negative or events exceed total.
    public init(events: Int, total: Int) throws(ExperimentsError) {
        guard total >= 0 else { throw .invalidCount(argument: "total", value: total, reason: "must be non-negative") }
        guard events >= 0, events <= total else {
            throw .invalidCount(argument: "events", value: events, reason: "must lie in 0...\(total) (the total)")
        }
        self.events = events
        self.total = total
    }

    /// events / total; NaN when there are no customers.
    public var rate: Double { total > 0 ? Double(events) / Double(total) : .nan }
}

/// How a risk-ratio interval was computed.
public enum RiskRatioIntervalMethod: String, Sendable, Codable, Equatable {
    /// Katz log interval on the raw counts.
    case log
    /// Katz log interval after adding 0.5 to every count and total (used when a group has zero
    /// events, where the plain log interval is undefined); statsmodels' "log-adjusted".
    case logAdjusted
}

/// Interval estimators for proportions.
public enum ProportionIntervals {
    /// The two-sided standard normal critical value for `confidence` (1.959964 for 0.95).
    /// - Parameter confidence: Confidence level in (0, 1).
    /// - Returns: Φ⁻¹(1 − (1 − confidence)/2).
    public static func criticalValue(confidence: Double) -> Double {
        SpecialFunctions.normalQuantile(1 - (1 - confidence) / 2)
    }

    /// Wilson score interval for one proportion, clipped to [0, 1].
    /// - Parameters:
    ///   - count: The binomial count (total > 0).
    ///   - confidence: Confidence level, default 0.95.
    /// - Returns: The interval, or `nil` when the group has no customers.
    public static func wilson(_ count: BinomialCount, confidence: Double = 0.95) -> ConfidenceInterval? {
        guard count.total > 0 else { return nil }
        let z = criticalValue(confidence: confidence)
        let n = Double(count.total)
        let p = count.rate
        let z2 = z * z
        let denominator = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / denominator
        let halfWidth = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        return ConfidenceInterval(lower: min(max(center - halfWidth, 0), 1), upper: min(max(center + halfWidth, 0), 1))
    }

    /// Newcombe's hybrid score interval for the difference of rates `first.rate − second.rate`.
    /// - Parameters:
    ///   - first: The first group (for example, a treatment arm).
    ///   - second: The second group (for example, the control group).
    ///   - confidence: Confidence level, default 0.95.
    /// - Returns: The interval, or `nil` when either group has no customers.
    public static func newcombeDifference(
        _ first: BinomialCount, _ second: BinomialCount, confidence: Double = 0.95
    ) -> ConfidenceInterval? {
        guard let w1 = wilson(first, confidence: confidence), let w2 = wilson(second, confidence: confidence) else {
            return nil
        }
        let p1 = first.rate, p2 = second.rate
        let difference = p1 - p2
        let below = ((p1 - w1.lower) * (p1 - w1.lower) + (w2.upper - p2) * (w2.upper - p2)).squareRoot()
        let above = ((p2 - w2.lower) * (p2 - w2.lower) + (w1.upper - p1) * (w1.upper - p1)).squareRoot()
        return ConfidenceInterval(lower: difference - below, upper: difference + above)
    }

    /// Log (Katz) interval for the risk ratio `first.rate / second.rate`.
    ///
    /// When either group has zero events the plain interval is undefined; the 0.5-adjusted version
    /// is returned instead and the method says so.
    /// - Parameters:
    ///   - first: The numerator group (a treatment arm).
    ///   - second: The denominator group (the control group).
    ///   - confidence: Confidence level, default 0.95.
    /// - Returns: The ratio estimate on the counts used, the interval and the method, or `nil` when
    ///   either group has no customers.
    public static func logRiskRatio(
        _ first: BinomialCount, _ second: BinomialCount, confidence: Double = 0.95
    ) -> (ratio: Double, interval: ConfidenceInterval, method: RiskRatioIntervalMethod)? {
        guard first.total > 0, second.total > 0 else { return nil }
        let adjust = first.events == 0 || second.events == 0
        let add = adjust ? 0.5 : 0
        let c1 = Double(first.events) + add, n1 = Double(first.total) + add
        let c2 = Double(second.events) + add, n2 = Double(second.total) + add
        let ratio = (c1 / n1) / (c2 / n2)
        let variance = 1 / c1 - 1 / n1 + 1 / c2 - 1 / n2
        let halfWidth = criticalValue(confidence: confidence) * max(variance, 0).squareRoot()
        let logRatio = log(ratio)
        return (
            ratio,
            ConfidenceInterval(lower: exp(logRatio - halfWidth), upper: exp(logRatio + halfWidth)),
            adjust ? .logAdjusted : .log
        )
    }
}
