// The Grambsch-Therneau test of proportional hazards from scaled Schoenfeld residuals, as
// lifelines' `proportional_hazard_test(…, time_transform="rank")` (0.30).
//
// Rows are ordered by (duration, event, input order). The Schoenfeld residual of an event row is
// x − x̄(t), with x̄(t) the Efron-weighted mean of the covariates over the risk set at its time;
// scaled residuals are s* = D · r · V (D events, V the coefficients' covariance); with gₖ the rank
// time of event k (the running count of events in that order), the statistic of covariate j is
// (Σₖ (gₖ − ḡ) s*ₖⱼ)² / (D · SEⱼ² · Σₖ (gₖ − ḡ)²), chi-square with 1 degree of freedom.
// Reference: P. M. Grambsch and T. M. Therneau, Biometrika 81 (1994).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinearAlgebra
import _ChurnKitCore

enum _ProportionalHazardsTest {
    /// The test for every covariate (names are filled in by the caller's order), with the rows in
    /// `_survivalOrder`.
    static func rankTime(
        covariates x: Matrix, durations: [Double], events: [Bool], order: [Int], coefficients beta: [Double], covariance: [Double]
    ) -> [ProportionalHazardsCheck] {
        let n = x.rows, p = x.columns, xs = x.storage
        let eta = (0..<n).map { i in (0..<p).reduce(0.0) { $0 + xs[i * p + $1] * beta[$1] } }
        let shift = eta.max() ?? 0
        // Residuals of the event rows (p per row, in their sorted order), from the last time down.
        let eventCount = events.reduce(0) { $0 + ($1 ? 1 : 0) }
        var residuals = [Double](repeating: 0, count: eventCount * p)
        var riskSum = 0.0, riskX = [Double](repeating: 0, count: p)
        var tieX = [Double](repeating: 0, count: p), mean = [Double](repeating: 0, count: p)
        var k = n - 1, eventSlot = eventCount
        while k >= 0 {
            let t = durations[order[k]]
            var tieSum = 0.0, deaths = 0
            for j in 0..<p { tieX[j] = 0 }
            let groupEnd = k
            while k >= 0, durations[order[k]] == t {
                let i = order[k]
                let w = exp(eta[i] - shift)
                riskSum += w
                for j in 0..<p { riskX[j] += w * xs[i * p + j] }
                if events[i] {
                    tieSum += w
                    for j in 0..<p { tieX[j] += w * xs[i * p + j] }
                    deaths += 1
                }
                k -= 1
            }
            guard deaths > 0 else { continue }
            for j in 0..<p { mean[j] = 0 }
            let dd = Double(deaths)
            for l in 0..<deaths {
                let phi = Double(l) / dd
                for j in 0..<p { mean[j] += (riskX[j] - phi * tieX[j]) / ((riskSum - phi * tieSum) * dd) }
            }
            // The group's events are the last `deaths` rows of positions k+1...groupEnd.
            eventSlot -= deaths
            for (slot, position) in (groupEnd - deaths + 1...groupEnd).enumerated() {
                for j in 0..<p { residuals[(eventSlot + slot) * p + j] = xs[order[position] * p + j] - mean[j] }
            }
        }
        // Scaled residuals D · r · V against the rank times 1, 2, …, D.
        let meanRank = (Double(eventCount) + 1) / 2
        var spread = 0.0, cross = [Double](repeating: 0, count: p)
        for e in 0..<eventCount {
            let centred = Double(e + 1) - meanRank
            spread += centred * centred
            for j in 0..<p {
                var scaled = 0.0
                for l in 0..<p { scaled += residuals[e * p + l] * covariance[l * p + j] }
                cross[j] += centred * (Double(eventCount) * scaled)
            }
        }
        return (0..<p).map { j in
            let statistic = cross[j] * cross[j] / (Double(eventCount) * covariance[j * p + j] * spread)
            return ProportionalHazardsCheck(
                name: "", statistic: statistic, pValue: SpecialFunctions.chiSquareSurvival(statistic, degreesOfFreedom: 1))
        }
    }
}
