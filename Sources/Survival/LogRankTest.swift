// The log-rank test that k groups share one survival curve.
//
// Goal: lifelines' `multivariate_logrank_test` (and `logrank_test` for two groups). At every
// distinct event time with n at risk and d events, group j contributes observed dⱼ and expected
// nⱼ·d/n; the covariance of the (observed − expected) vector is
// Vⱼₗ = Σ d(n − d)/(n²(n − 1)) · nⱼ(δⱼₗ n − nₗ). The statistic (O − E)ᵀ V⁻ (O − E) uses the
// first k − 1 groups (V has rank k − 1) and is chi-square with k − 1 degrees of freedom.
// Reference: N. Mantel (1966); D. Collett (2015), §2.6.

import LinearAlgebra
import _ChurnKitCore

/// The result of a log-rank test.
public struct LogRankTest: Sendable, Codable, Equatable {
    /// The group labels, in order of first appearance.
    public var groups: [String]
    /// Events observed per group.
    public var observed: [Double]
    /// Events expected per group under equal survival.
    public var expected: [Double]
    /// The chi-square statistic.
    public var statistic: Double
    /// Degrees of freedom (groups − 1).
    public var degreesOfFreedom: Int
    /// The p-value.
    public var pValue: Double
    /// log₁₀ of the p-value, finite where `pValue` underflows to 0 (below about 1e-308).
    public var log10PValue: Double {
        SpecialFunctions.chiSquareLogSurvival(statistic, degreesOfFreedom: Double(degreesOfFreedom)) / 2.302_585_092_994_046
    }

    /// Tests whether the groups of `data` share one survival curve.
    /// - Parameter data: Durations, events and group labels.
    /// - Throws: `SurvivalError.invalidInput` when the arrays differ in length, there are fewer than two groups, no events, or
    ///   the covariance is singular (a group without rows at any event time).
    /// - Complexity: O(n log n + n·k + k³).
    public init(_ data: SurvivalData) throws(SurvivalError) {
        let labels = data.groupLabels
        guard data.events.count == data.durations.count, data.groups.count == data.durations.count else {
            throw .invalidInput("the log-rank test needs one event and one group per duration (\(data.durations.count) durations, "
                + "\(data.events.count) events, \(data.groups.count) groups)")
        }
        guard labels.count >= 2 else {
            throw .invalidInput("the log-rank test needs at least two groups (found \(labels.count))")
        }
        let k = labels.count
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let group = data.groups.map { index[$0] ?? 0 }
        let order = data.durations.indices.sorted { data.durations[$0] < data.durations[$1] }
        var atRisk = [Double](repeating: 0, count: k)
        for g in group { atRisk[g] += 1 }
        var observed = [Double](repeating: 0, count: k), expected = observed
        var covariance = [Double](repeating: 0, count: k * k)
        var position = 0
        while position < order.count {
            let t = data.durations[order[position]]
            var deaths = [Double](repeating: 0, count: k), leaving = [Double](repeating: 0, count: k)
            while position < order.count, data.durations[order[position]] == t {
                let row = order[position]
                if data.events[row] { deaths[group[row]] += 1 }
                leaving[group[row]] += 1
                position += 1
            }
            let d = deaths.reduce(0, +), n = atRisk.reduce(0, +)
            if d > 0 {
                for j in 0..<k {
                    observed[j] += deaths[j]
                    expected[j] += atRisk[j] * d / n
                }
                if n > 1 {
                    let factor = d * (n - d) / (n * n * (n - 1))
                    for j in 0..<k {
                        for l in 0..<k {
                            covariance[j * k + l] += factor * atRisk[j] * ((j == l ? n : 0) - atRisk[l])
                        }
                    }
                }
            }
            for j in 0..<k { atRisk[j] -= leaving[j] }
        }
        guard observed.reduce(0, +) > 0 else { throw .invalidInput("the log-rank test needs at least one event") }
        let m = k - 1
        let difference = (0..<m).map { observed[$0] - expected[$0] }
        var reduced = [Double](repeating: 0, count: m * m)
        for j in 0..<m { for l in 0..<m { reduced[j * m + l] = covariance[j * k + l] } }
        let statistic: Double
        do {
            let v = try Matrix(rows: m, columns: m, values: reduced)
            let solved = try v.solve(difference)
            statistic = zip(difference, solved).reduce(0) { $0 + $1.0 * $1.1 }
        } catch {
            throw .invalidInput("the log-rank covariance is singular (\(error)); does every group have rows at risk at an event time?")
        }
        self.groups = labels
        self.observed = observed
        self.expected = expected
        self.statistic = statistic
        self.degreesOfFreedom = m
        self.pValue = SpecialFunctions.chiSquareSurvival(statistic, degreesOfFreedom: Double(m))
    }
}
