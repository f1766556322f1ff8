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
    /// The test for every covariate (names are filled in by the caller's order).
    static func rankTime(
        covariates x: Matrix, durations: [Double], events: [Bool], coefficients beta: [Double], covariance: [Double]
    ) -> [ProportionalHazardsCheck] {
        let n = x.rows, p = x.columns
        let order = durations.indices.sorted {
            (durations[$0], events[$0] ? 1 : 0, $0) < (durations[$1], events[$1] ? 1 : 0, $1)
        }
        let eta = (0..<n).map { i in (0..<p).reduce(0.0) { $0 + x[i, $1] * beta[$1] } }
        let shift = eta.max() ?? 0
        var residuals = [[Double]](repeating: [], count: n)  // by sorted position, event rows only
        var riskSum = 0.0, riskX = [Double](repeating: 0, count: p)
        var k = n - 1
        while k >= 0 {
            let t = durations[order[k]]
            var tieSum = 0.0, tieX = [Double](repeating: 0, count: p), deaths = 0
            var members: [Int] = []
            while k >= 0, durations[order[k]] == t {
                let i = order[k]
                let w = exp(eta[i] - shift)
                riskSum += w
                for j in 0..<p { riskX[j] += w * x[i, j] }
                if events[i] {
                    tieSum += w
                    for j in 0..<p { tieX[j] += w * x[i, j] }
                    deaths += 1
                    members.append(k)
                }
                k -= 1
            }
            guard deaths > 0 else { continue }
            var mean = [Double](repeating: 0, count: p)
            let dd = Double(deaths)
            for l in 0..<deaths {
                let phi = Double(l) / dd
                for j in 0..<p { mean[j] += (riskX[j] - phi * tieX[j]) / ((riskSum - phi * tieSum) * dd) }
            }
            for position in members { residuals[position] = (0..<p).map { x[order[position], $0] - mean[$0] } }
        }
        let eventCount = events.reduce(0) { $0 + ($1 ? 1 : 0) }
        var ranks: [Double] = [], scaled: [[Double]] = []
        var running = 0.0
        for position in 0..<n where events[order[position]] {
            running += 1
            ranks.append(running)
            let r = residuals[position]
            scaled.append((0..<p).map { j in Double(eventCount) * (0..<p).reduce(0.0) { $0 + r[$1] * covariance[$1 * p + j] } })
        }
        let meanRank = ranks.reduce(0, +) / Double(ranks.count)
        let spread = ranks.reduce(0.0) { $0 + ($1 - meanRank) * ($1 - meanRank) }
        return (0..<p).map { j in
            let cross = zip(ranks, scaled).reduce(0.0) { $0 + ($1.0 - meanRank) * $1.1[j] }
            let statistic = cross * cross / (Double(eventCount) * covariance[j * p + j] * spread)
            return ProportionalHazardsCheck(
                name: "", statistic: statistic, pValue: SpecialFunctions.chiSquareSurvival(statistic, degreesOfFreedom: 1))
        }
    }
}
