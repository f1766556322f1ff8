// The Grambsch-Therneau test of proportional hazards from scaled Schoenfeld residuals, as
// lifelines' `proportional_hazard_test(…, time_transform="rank")` (0.30).
//
// Rows are ordered by (duration, event, input order). The Schoenfeld residual of an event row is
// x − x̄(t), with x̄(t) the Efron-weighted mean of the covariates over the risk set at its time
// (computed by `_EfronProblem` on its rows, already sorted and standardized: x − x̄ = scale ⊙ (z − z̄));
// scaled residuals are s* = D · r · V (D events, V the coefficients' covariance); with gₖ the rank
// time of event k (the running count of events in that order), the statistic of covariate j is
// (Σₖ (gₖ − ḡ) s*ₖⱼ)² / (D · SEⱼ² · Σₖ (gₖ − ḡ)²), chi-square with 1 degree of freedom.
// Reference: P. M. Grambsch and T. M. Therneau, Biometrika 81 (1994).

import _ChurnKitCore

enum _ProportionalHazardsTest {
    /// The test for every covariate (names are filled in by the caller), from the Schoenfeld
    /// residuals of the event rows in standardized units in the order (duration, event, input row)
    /// (`_EfronProblem.schoenfeldResiduals`), the covariates' scales and the coefficients'
    /// covariance in natural units.
    /// - Complexity: O(D p + p²) for D events.
    static func rankTime(standardizedResiduals residuals: [Double], scales: [Double], covariance: [Double]) -> [ProportionalHazardsCheck] {
        let p = scales.count
        let eventCount = p > 0 ? residuals.count / p : 0
        // Scaled residuals D · r · V against the rank times 1, 2, …, D, with r = scale ⊙ standardized
        // residual: Σₖ (gₖ − ḡ) D (r V)ₖⱼ = D Σₗ uₗ Vₗⱼ with uₗ = Σₖ (gₖ − ḡ) rₖₗ, O(D p + p²).
        let meanRank = (Double(eventCount) + 1) / 2
        var spread = 0.0, u = [Double](repeating: 0, count: p)
        for e in 0..<eventCount {
            let centred = Double(e + 1) - meanRank
            spread += centred * centred
            for l in 0..<p { u[l] += centred * residuals[e * p + l] }
        }
        let cross = (0..<p).map { j in
            Double(eventCount) * (0..<p).reduce(0.0) { $0 + u[$1] * scales[$1] * covariance[$1 * p + j] }
        }
        return (0..<p).map { j in
            let statistic = cross[j] * cross[j] / (Double(eventCount) * covariance[j * p + j] * spread)
            return ProportionalHazardsCheck(
                name: "", statistic: statistic, pValue: SpecialFunctions.chiSquareSurvival(statistic, degreesOfFreedom: 1))
        }
    }
}
