// The Efron partial likelihood of a Cox model, its gradient and its information matrix, in one
// pass over the rows sorted by decreasing duration plus BLAS dsyrk over blocks of rows.
//
// With risk-set sums S0 = Σ w, S1 = Σ w x, S2 = Σ w x xᵀ over the rows still at risk at a tie
// group's time (w = exp(xᵀβ)), and D0, D1, D2 the same sums over the group's d deaths, Efron's
// l-th death (l = 0, ..., d-1, φ = l/d) has denominator den = S0 - φ D0 and mean
// m = (S1 - φ D1) / den. The log-likelihood is Σ_events xᵀβ - Σ log den, the gradient
// Σ_events x - Σ m, and the information Σ [(S2 - φ D2) / den - m mᵀ]. The S2 and D2 terms add up to
// one weighted Gram matrix: Σ_groups Σ_l (S2 - φ D2)/den = Σ_rows vᵢ xᵢ xᵢᵀ with
// vᵢ = wᵢ (Σ_{groups g at or after row i's} Σ_l 1/den - [i died] Σ_l φ/den of its own group) ≥ 0,
// so the rows scaled by √vᵢ go through dsyrk; with a = 1/den and b = φ/den, Σ_l m mᵀ =
// S1 S1ᵀ Σa² - (S1 D1ᵀ + D1 S1ᵀ) Σab + D1 D1ᵀ Σb² per group. Per row that is O(p) work plus the
// Gram's p² / 2 (BLAS), against p² scalar operations per row for the direct sums.

import LinearAlgebra
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Efron partial likelihood, gradient and information for standardized covariates.
struct _EfronProblem {
    /// The standardized covariates, rows in order of decreasing duration (n × p, row-major).
    private let x: [Double]
    /// The event indicator of each sorted row.
    private let died: [Bool]
    /// The first sorted row of each tie group (distinct durations, decreasing), and n at the end.
    private let groupStart: [Int]
    private let n: Int, p: Int

    /// Sorts and standardizes the rows once: (x - mean) / scale, in the order `order`.
    init(standardizing xs: UnsafeBufferPointer<Double>, columns p: Int, means: [Double], scales: [Double],
         durations: [Double], events: [Bool], order: [Int]) {
        let n = order.count
        var x = [Double](repeating: 0, count: n * p)
        var died = [Bool](repeating: false, count: n)
        var groupStart: [Int] = []
        for (k, i) in order.enumerated() {
            for j in 0..<p { x[k * p + j] = (xs[i * p + j] - means[j]) / scales[j] }
            died[k] = events[i]
            if k == 0 || durations[i] != durations[order[k - 1]] { groupStart.append(k) }
        }
        groupStart.append(n)
        (self.x, self.died, self.groupStart, self.n, self.p) = (x, died, groupStart, n, p)
    }

    /// The linear predictor x_i · beta of every sorted row (standardized covariates).
    /// - Complexity: O(n p).
    private func linearPredictor(_ beta: [Double]) -> [Double] {
        var eta = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = 0.0
            for j in 0..<p { s += x[i * p + j] * beta[j] }
            eta[i] = s
        }
        return eta
    }

    /// The Schoenfeld residuals z − z̄(t) of the event rows at `beta`, in standardized units (the
    /// covariates' residuals are these times each covariate's scale), p per event row, the event
    /// rows in the order (duration, event, input row) ascending. z̄(t) is the Efron-weighted mean of
    /// the risk set at the row's time, (1/d) Σ_l (S1 − φ D1) / (S0 − φ D0), the same for the d
    /// deaths of a tie group.
    /// - Complexity: O(n p), one pass over the sorted rows.
    func schoenfeldResiduals(_ beta: [Double]) -> [Double] {
        let p = self.p
        let eta = linearPredictor(beta)
        let shift = eta.max() ?? 0
        let eventCount = died.reduce(0) { $0 + ($1 ? 1 : 0) }
        var residuals = [Double](repeating: 0, count: eventCount * p)
        var s0 = 0.0, s1 = [Double](repeating: 0, count: p), d1 = s1, mean = s1
        var slot = eventCount  // the rows run from the longest duration down: fill from the end
        for g in 0..<groupStart.count - 1 {
            var d0 = 0.0, deaths = 0
            for j in 0..<p { d1[j] = 0 }
            for i in groupStart[g]..<groupStart[g + 1] {
                let w = exp(eta[i] - shift)
                s0 += w
                for j in 0..<p { s1[j] += w * x[i * p + j] }
                if died[i] {
                    deaths += 1
                    d0 += w
                    for j in 0..<p { d1[j] += w * x[i * p + j] }
                }
            }
            guard deaths > 0 else { continue }
            for j in 0..<p { mean[j] = 0 }
            let d = Double(deaths)
            for l in 0..<deaths {
                let phi = Double(l) / d, denominator = (s0 - phi * d0) * d
                for j in 0..<p { mean[j] += (s1[j] - phi * d1[j]) / denominator }
            }
            // The group's deaths come first in its rows, in descending input order: the last slot first.
            slot -= deaths
            var next = slot + deaths - 1
            for i in groupStart[g]..<groupStart[g + 1] where died[i] {
                for j in 0..<p { residuals[next * p + j] = x[i * p + j] - mean[j] }
                next -= 1
            }
        }
        return residuals
    }

    /// The log partial likelihood, its gradient and its information (p × p, row-major) at `beta`.
    /// - Throws: `LinearAlgebraError.invalidShape` when n is beyond BLAS's 32-bit range.
    /// - Complexity: O(n p) plus dsyrk over n × p.
    func evaluate(_ beta: [Double]) throws(LinearAlgebraError) -> (logLikelihood: Double, gradient: [Double], information: [Double]) {
        let n = self.n, p = self.p
        let eta = linearPredictor(beta)
        let shift = eta.max() ?? 0
        let w = eta.map { exp($0 - shift) }
        var s0 = 0.0, s1 = [Double](repeating: 0, count: p)
        var ll = 0.0, gradient = [Double](repeating: 0, count: p), meanPart = [Double](repeating: 0, count: p * p)
        let groups = groupStart.count - 1
        var own = [Double](repeating: 0, count: groups), later = [Double](repeating: 0, count: groups)
        var d1 = [Double](repeating: 0, count: p)
        for g in 0..<groups {
            var d0 = 0.0, deaths = 0
            for j in 0..<p { d1[j] = 0 }
            for i in groupStart[g]..<groupStart[g + 1] {
                let row = i * p
                s0 += w[i]
                for j in 0..<p { s1[j] += w[i] * x[row + j] }
                if died[i] {
                    deaths += 1
                    d0 += w[i]
                    ll += eta[i]
                    for j in 0..<p {
                        gradient[j] += x[row + j]
                        d1[j] += w[i] * x[row + j]
                    }
                }
            }
            guard deaths > 0 else { continue }
            var sa = 0.0, sb = 0.0, saa = 0.0, sab = 0.0, sbb = 0.0
            for l in 0..<deaths {
                let phi = Double(l) / Double(deaths)
                let denominator = s0 - phi * d0
                ll -= log(denominator) + shift
                let a = 1 / denominator, b = phi / denominator
                sa += a; sb += b; saa += a * a; sab += a * b; sbb += b * b
            }
            own[g] = sb
            later[g] = sa
            for j in 0..<p {
                gradient[j] -= s1[j] * sa - d1[j] * sb
                for m in 0...j {
                    meanPart[j * p + m] += s1[j] * s1[m] * saa - (s1[j] * d1[m] + d1[j] * s1[m]) * sab + d1[j] * d1[m] * sbb
                }
            }
        }
        // Σ_l 1/den over the groups at or after each group (their risk sets hold its rows).
        for g in stride(from: groups - 2, through: 0, by: -1) { later[g] += later[g + 1] }
        // Σ vᵢ xᵢ xᵢᵀ by dsyrk over blocks of rows scaled by √vᵢ, accumulated in one small buffer
        // (a scaled copy of all n × p would be allocated and page-faulted in at every evaluation).
        var information = [Double](repeating: 0, count: p * p)
        let blockRows = 4096
        var scaled = [Double](repeating: 0, count: min(n, blockRows) * p)
        var g = 0, start = 0
        while start < n {
            let end = min(start + blockRows, n)
            for i in start..<end {
                while i >= groupStart[g + 1] { g += 1 }
                let v = w[i] * (later[g] - (died[i] ? own[g] : 0))
                let root = max(v, 0).squareRoot()
                for j in 0..<p { scaled[(i - start) * p + j] = root * x[i * p + j] }
            }
            try scaled.withUnsafeBufferPointer { (z) throws(LinearAlgebraError) in
                try information.withUnsafeMutableBufferPointer { (c) throws(LinearAlgebraError) in
                    guard let zs = z.baseAddress, let cs = c.baseAddress else { return }
                    try BLAS.syrk(triangle: .lower, transpose: true, n: p, k: end - start, a: zs, lda: p, beta: start == 0 ? 0 : 1, c: cs, ldc: p)
                }
            }
            start = end
        }
        for j in 0..<p {
            for m in 0...j {
                information[j * p + m] -= meanPart[j * p + m]
                information[m * p + j] = information[j * p + m]
            }
        }
        return (ll, gradient, information)
    }
}
