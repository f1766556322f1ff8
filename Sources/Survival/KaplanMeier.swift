// The Kaplan-Meier estimator of a survival (retention) curve with Greenwood intervals.
//
// Goal: lifelines' `KaplanMeierFitter` (0.30): the timeline is 0 and every distinct duration;
// Ŝ(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ); Greenwood's sum σ²(t) = Σ dᵢ/(nᵢ(nᵢ − dᵢ)) (terms with nᵢ = dᵢ
// set to 0, as lifelines); the "exponential Greenwood" (log(−log)) interval
// exp(−exp(log(−log Ŝ) ± z·σ/log Ŝ)), which stays inside [0, 1] (1 where Ŝ = 1); the median is
// the first time with Ŝ ≤ 0.5 (none when the curve stays above it).
// References: E. L. Kaplan and P. Meier, JASA 53 (1958); M. Greenwood (1926); D. Collett,
// "Modelling Survival Data in Medical Research", 3rd ed. (2015), §2.2.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import _ChurnKitCore

/// The Kaplan-Meier estimator.
public struct KaplanMeier: Sendable {
    /// The confidence level of the pointwise intervals.
    public var confidence: Double

    /// Creates an estimator.
    /// - Parameter confidence: The interval level (default 0.95).
    public init(confidence: Double = 0.95) { self.confidence = confidence }

    /// Estimates the survival curve.
    /// - Parameters:
    ///   - durations: Durations ≥ 0.
    ///   - events: Whether each duration ends in the event.
    /// - Returns: The curve with its life table and intervals.
    /// - Throws: `SurvivalError.invalidInput` for unequal lengths, no rows, a negative or
    ///   non-finite duration, or a confidence level outside (0, 1).
    /// - Complexity: O(n log n).
    public func fit(durations: [Double], events: [Bool]) throws(SurvivalError) -> KaplanMeierCurve {
        guard durations.count == events.count, !durations.isEmpty else {
            throw .invalidInput("Kaplan-Meier needs equal, non-zero numbers of durations and events (\(durations.count), \(events.count))")
        }
        guard confidence > 0, confidence < 1 else { throw .invalidInput("the confidence level must be in (0, 1), got \(confidence)") }
        guard durations.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw .invalidInput("durations must be finite and ≥ 0") }
        let order = _survivalOrder(durations: durations, events: events)
        let z = SpecialFunctions.normalQuantile(1 - (1 - confidence) / 2)
        var times: [Double] = [], atRisk: [Int] = [], observed: [Int] = [], censored: [Int] = []
        var survival: [Double] = [], lower: [Double] = [], upper: [Double] = []
        var remaining = durations.count
        var s = 1.0
        var greenwood = 0.0
        var k = 0
        if durations[order[0]] > 0 {
            times.append(0); atRisk.append(remaining); observed.append(0); censored.append(0)
            survival.append(1); lower.append(1); upper.append(1)
        }
        while k < order.count {
            let t = durations[order[k]]
            var deaths = 0, lost = 0
            while k < order.count, durations[order[k]] == t {
                if events[order[k]] { deaths += 1 } else { lost += 1 }
                k += 1
            }
            let n = remaining
            s *= 1 - Double(deaths) / Double(n)
            if n > deaths { greenwood += Double(deaths) / (Double(n) * Double(n - deaths)) }
            times.append(t); atRisk.append(n); observed.append(deaths); censored.append(lost)
            survival.append(s)
            let v = log(s)
            if s > 0, v < 0 {
                let spread = z * greenwood.squareRoot() / v
                lower.append(exp(-exp(log(-v) - spread)))
                upper.append(exp(-exp(log(-v) + spread)))
            } else {
                lower.append(s == 0 ? 0 : 1)
                upper.append(s == 0 ? 0 : 1)
            }
            remaining -= deaths + lost
        }
        return KaplanMeierCurve(
            times: times, atRisk: atRisk, observed: observed, censored: censored, survival: survival,
            lower: lower, upper: upper, confidence: confidence)
    }
}

/// A fitted Kaplan-Meier curve and its life table.
public struct KaplanMeierCurve: Sendable, Codable, Equatable {
    /// The timeline: 0 and every distinct duration, ascending.
    public var times: [Double]
    /// Rows at risk just before each time.
    public var atRisk: [Int]
    /// Events at each time.
    public var observed: [Int]
    /// Rows censored at each time.
    public var censored: [Int]
    /// Ŝ(t) at each time.
    public var survival: [Double]
    /// Lower interval bound at each time.
    public var lower: [Double]
    /// Upper interval bound at each time.
    public var upper: [Double]
    /// The interval level.
    public var confidence: Double

    /// Rows in the sample.
    public var count: Int { atRisk.first ?? 0 }
    /// Events in the sample.
    public var eventCount: Int { observed.reduce(0, +) }

    /// The median lifetime: the first time with Ŝ ≤ 0.5, nil when the curve stays above 0.5.
    public var median: Double? { quantile(0.5) }

    /// The first time with Ŝ ≤ `level`.
    /// - Parameter level: A survival level in (0, 1).
    /// - Returns: The time, or nil when the curve stays above the level.
    /// - Complexity: O(log n).
    public func quantile(_ level: Double) -> Double? {
        var lo = 0, hi = survival.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if survival[mid] <= level { hi = mid } else { lo = mid + 1 }
        }
        return lo < survival.count ? times[lo] : nil
    }

    /// Ŝ(t) for any t ≥ 0 (a step function, right-continuous).
    /// - Parameter t: The time.
    /// - Returns: The estimated survival at t.
    /// - Complexity: O(log n).
    public func survival(at t: Double) -> Double {
        var lo = 0, hi = times.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 1 : survival[lo - 1]
    }
}
