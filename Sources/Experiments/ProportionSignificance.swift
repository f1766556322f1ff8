// Two-sided tests of equal proportions in two independent groups.
//
// Goals: p-values that match statsmodels' `proportions_ztest` (pooled variance) and scipy's
// `fisher_exact` (two-sided: the sum of the probabilities of all tables no more likely than the
// observed one), and a rule that switches to the exact test when the normal approximation is poor
// (any expected cell count below 5, Cochran's rule).
//
// References: A. Agresti, "Categorical Data Analysis", 3rd ed. (2013), §3.5 (Fisher's exact test)
// and §2.2 (comparing proportions); W. G. Cochran, "Some methods for strengthening the common χ²
// tests", Biometrics 10 (1954).

import _ChurnKitCore

/// Which test produced a p-value.
public enum ProportionTestMethod: String, Sendable, Codable, Equatable {
    /// Two-proportion z-test with the pooled rate under the null.
    case twoProportionZ
    /// Fisher's exact test (conditional on both margins).
    case fisherExact
}

/// Significance tests of H₀: the two groups have the same event rate.
public enum ProportionSignificance {
    /// The pooled two-proportion z-test, two-sided.
    /// - Parameters:
    ///   - first: First group.
    ///   - second: Second group.
    /// - Returns: z = (p₁ − p₂)/√(p̄(1−p̄)(1/n₁+1/n₂)) and its two-sided p-value; `nil` when a
    ///   group is empty or the pooled rate is 0 or 1 (no variance).
    public static func twoProportionZ(
        _ first: BinomialCount, _ second: BinomialCount
    ) -> (z: Double, pValue: Double)? {
        guard first.total > 0, second.total > 0 else { return nil }
        let n1 = Double(first.total), n2 = Double(second.total)
        let pooled = Double(first.events + second.events) / (n1 + n2)
        let variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
        guard variance > 0 else { return nil }
        let z = (first.rate - second.rate) / variance.squareRoot()
        return (z, 2 * SpecialFunctions.normalSurvival(abs(z)))
    }

    /// Fisher's exact test on the 2×2 table [[first.events, first non-events], [second.events,
    /// second non-events]], two-sided.
    /// - Parameters:
    ///   - first: First group.
    ///   - second: Second group.
    /// - Returns: The p-value (1 when a row or column of the table is empty).
    /// - Complexity: O(min(events, customers)) for the hypergeometric support.
    public static func fisherExact(_ first: BinomialCount, _ second: BinomialCount) -> Double {
        let events = first.events + second.events
        let population = first.total + second.total
        guard first.total > 0, second.total > 0, events > 0, events < population,
            let distribution = SpecialFunctions.hypergeometricProbabilities(
                population: population, successes: first.total, draws: events)
        else { return 1 }
        let observed = distribution.probabilities[first.events - distribution.lowest]
        let limit = observed * (1 + 1e-7)
        var p = 0.0
        for probability in distribution.probabilities where probability <= limit { p += probability }
        return min(p, 1)
    }

    /// The smallest expected count of the 2×2 table under independence.
    /// - Parameters:
    ///   - first: First group.
    ///   - second: Second group.
    /// - Returns: min over cells of row total × column total / grand total (0 when empty).
    public static func smallestExpectedCount(_ first: BinomialCount, _ second: BinomialCount) -> Double {
        let total = Double(first.total + second.total)
        guard total > 0 else { return 0 }
        let events = Double(first.events + second.events)
        let nonEvents = total - events
        let rows = [Double(first.total), Double(second.total)]
        return rows.flatMap { [$0 * events / total, $0 * nonEvents / total] }.min() ?? 0
    }

    /// The two-sided p-value by the z-test, or by Fisher's exact test when any expected count is
    /// below `minimumExpectedCount` (or the z statistic is undefined).
    /// - Parameters:
    ///   - first: First group.
    ///   - second: Second group.
    ///   - minimumExpectedCount: Cochran's threshold, default 5.
    /// - Returns: The p-value, the method used and the z statistic when the z-test was used.
    public static func test(
        _ first: BinomialCount, _ second: BinomialCount, minimumExpectedCount: Double = 5
    ) -> (pValue: Double, method: ProportionTestMethod, z: Double?) {
        if smallestExpectedCount(first, second) >= minimumExpectedCount, let result = twoProportionZ(first, second) {
            return (result.pValue, .twoProportionZ, result.z)
        }
        return (fisherExact(first, second), .fisherExact, nil)
    }
}
