// The Efron partial likelihood of a Cox model, its gradient and its information matrix, in one
// sequential pass over the rows sorted by decreasing duration plus BLAS dsyrk over blocks of rows.
//
// With risk-set sums S0 = Σ w, S1 = Σ w x, S2 = Σ w x xᵀ over the rows still at risk at a tie
// group's time (w = exp(xᵀβ)), and D0, D1, D2 the same sums over the group's d deaths, Efron's
// l-th death (l = 0, ..., d-1, φ = l/d) has denominator den = S0 - φ D0 and mean
// m = (S1 - φ D1) / den. The log-likelihood is Σ_events xᵀβ - Σ log den, the gradient
// Σ_events x - Σ m, and the information Σ [(S2 - φ D2) / den - m mᵀ]. Σ_events x does not depend
// on β and is summed once. The S2 and D2 terms add up to one weighted Gram matrix:
// Σ_groups Σ_l (S2 - φ D2)/den = Σ_rows vᵢ xᵢ xᵢᵀ with
// vᵢ = wᵢ (Σ_{groups g at or after row i's} Σ_l 1/den - [i died] Σ_l φ/den of its own group) ≥ 0,
// so the rows scaled by √vᵢ go through dsyrk. With a = 1/den and b = φ/den, a group's
// Σ_l m mᵀ = S1 S1ᵀ Σa² - (S1 D1ᵀ + D1 S1ᵀ) Σab + D1 D1ᵀ Σb² is the Gram of at most two vectors
// (the Cholesky factor of [[Σa², -Σab], [-Σab, Σb²]] applied to S1, D1; one vector, √Σa² S1,
// for a single death), which dsyrk sums over blocks of groups too. Per row that is O(p) scalar
// work (one exponential, the running sum S1 or D1, √vᵢ xᵢ) plus the Gram's p² / 2 in BLAS; per
// group with deaths O(p) plus the two vectors' p² / 2 in BLAS, against p² scalar operations per
// row (or per event time) for the direct sums. x β is one dgemv.
//
// Two threads: from 16,384 rows on, x β with its exponentials and the Gram pass run on the two
// halves of the rows at once (a split that depends only on n), and the halves' Gram matrices are
// added in order, so the results are the same on every machine whatever its cores. The
// sequential pass (risk-set sums, denominators) stays on one thread: it is O(n p).

import LinearAlgebra
import _ChurnKitCore
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
    /// The deaths of each tie group: its first rows (the order puts a time's events first).
    private let groupDeaths: [Int]
    /// Σ x over the event rows: the part of the gradient (and, times β, of the log-likelihood)
    /// that does not depend on β.
    private let eventSum: [Double]
    private let p: Int

    /// Rows per dsyrk block (the scaled rows and the groups' mean vectors are buffered this many
    /// at a time, so no n × p copy is allocated per evaluation).
    private static let blockRows = 4096

    /// Sorts and standardizes the rows once: (x - mean) / scale, in the order `order`, which
    /// must put each time's events before its censored rows.
    init(standardizing xs: UnsafeBufferPointer<Double>, columns p: Int, means: [Double], scales: [Double],
         durations: [Double], events: [Bool], order: [Int]) {
        let n = order.count
        var x = [Double](repeating: 0, count: n * p)
        var died = [Bool](repeating: false, count: n)
        var groupStart: [Int] = [], groupDeaths: [Int] = []
        var eventSum = [Double](repeating: 0, count: p)
        let inverseScales = scales.map { 1 / $0 }
        var deaths = 0
        x.withUnsafeMutableBufferPointer { target in
            died.withUnsafeMutableBufferPointer { dead in
                eventSum.withUnsafeMutableBufferPointer { sum in
                    means.withUnsafeBufferPointer { mean in
                        inverseScales.withUnsafeBufferPointer { inverse in
                            for (k, i) in order.enumerated() {
                                let row = target.baseAddress.map { $0 + k * p }, source = xs.baseAddress.map { $0 + i * p }
                                guard let row, let source else { continue }
                                for j in 0..<p { row[j] = (source[j] - mean[j]) * inverse[j] }
                                if k == 0 || durations[i] != durations[order[k - 1]] {
                                    if k > 0 { groupDeaths.append(deaths) }
                                    groupStart.append(k)
                                    deaths = 0
                                }
                                if events[i] {
                                    dead[k] = true
                                    deaths += 1
                                    for j in 0..<p { sum[j] += row[j] }
                                }
                            }
                        }
                    }
                }
            }
        }
        if n > 0 { groupDeaths.append(deaths) }
        groupStart.append(n)
        (self.x, self.died, self.groupStart, self.groupDeaths, self.eventSum, self.p) = (x, died, groupStart, groupDeaths, eventSum, p)
    }

    /// The linear predictor x_i · beta of every sorted row (standardized covariates), by dgemv.
    /// - Throws: `LinearAlgebraError.invalidShape` when n is beyond BLAS's 32-bit range.
    /// - Complexity: O(n p).
    private func linearPredictor(_ beta: [Double], into eta: UnsafeMutablePointer<Double>) throws(LinearAlgebraError) {
        let n = died.count, p = self.p
        try x.withUnsafeBufferPointer { (xb) throws(LinearAlgebraError) in
            try beta.withUnsafeBufferPointer { (bb) throws(LinearAlgebraError) in
                guard let xs = xb.baseAddress, let bs = bb.baseAddress else { return }
                try BLAS.gemv(rows: n, columns: p, a: xs, lda: p, x: bs, y: eta)
            }
        }
    }

    /// The weights wᵢ = exp(ηᵢ − max η) of every sorted row at `beta`, and the shift max η.
    /// - Complexity: O(n p), on two threads from 16,384 rows on.
    private func weights(_ beta: [Double], into w: UnsafeMutablePointer<Double>) throws(LinearAlgebraError) -> Double {
        let n = died.count, p = self.p
        let parts = _EfronProblem.parts(n)
        // Per part: its largest η.
        var largest = [-Double.infinity, -Double.infinity]
        x.withUnsafeBufferPointer { xb in
            beta.withUnsafeBufferPointer { bb in
                largest.withUnsafeMutableBufferPointer { tops in
                    guard let xs = xb.baseAddress, let bs = bb.baseAddress else { return }
                    concurrentForEach(parts) { part in
                        var top = -Double.infinity
                        for i in concurrentChunk(part, of: parts, count: n) {
                            let row = xs + i * p
                            var eta = 0.0
                            for j in 0..<p { eta += row[j] * bs[j] }
                            w[i] = eta
                            if eta > top { top = eta }
                        }
                        tops[part] = top
                    }
                }
            }
        }
        var shift = max(largest[0], largest[1])
        if !shift.isFinite { shift = 0 }
        concurrentForEach(parts) { part in
            for i in concurrentChunk(part, of: parts, count: n) { w[i] = exp(w[i] - shift) }
        }
        return shift
    }

    /// The number of parts the rows are cut into (`concurrentChunk`): 1, or 2 from 16,384 rows on
    /// (below, the threads' hand-off costs more than it saves). It depends only on n.
    static func parts(_ n: Int) -> Int { n >= 16_384 ? 2 : 1 }

    /// The Schoenfeld residuals z − z̄(t) of the event rows at `beta`, in standardized units (the
    /// covariates' residuals are these times each covariate's scale), p per event row, the event
    /// rows in the order (duration, event, input row) ascending. z̄(t) is the Efron-weighted mean of
    /// the risk set at the row's time, (1/d) Σ_l (S1 − φ D1) / (S0 − φ D0), the same for the d
    /// deaths of a tie group.
    /// - Throws: `LinearAlgebraError.invalidShape` when n is beyond BLAS's 32-bit range.
    /// - Complexity: O(n p), one pass over the sorted rows.
    func schoenfeldResiduals(_ beta: [Double]) throws(LinearAlgebraError) -> [Double] {
        let p = self.p, n = died.count
        let w = UnsafeMutablePointer<Double>.allocate(capacity: max(n, 1))
        defer { w.deallocate() }
        _ = try weights(beta, into: w)
        let eventCount = groupDeaths.reduce(0, +)
        var residuals = [Double](repeating: 0, count: eventCount * p)
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: 3 * p)
        defer { sums.deallocate() }
        sums.initialize(repeating: 0, count: 3 * p)
        let s1 = sums, d1 = sums + p, mean = sums + 2 * p
        var s0 = 0.0
        var slot = eventCount  // the rows run from the longest duration down: fill from the end
        x.withUnsafeBufferPointer { xb in
            residuals.withUnsafeMutableBufferPointer { rb in
                guard let xs = xb.baseAddress, let rs = rb.baseAddress else { return }
                for g in 0..<groupDeaths.count {
                    let start = groupStart[g], deaths = groupDeaths[g], end = groupStart[g + 1]
                    let d0 = _accumulate(xs, w, rows: start..<(start + deaths), p: p, into: d1, zeroing: true)
                    s0 += d0
                    for j in 0..<p { s1[j] += d1[j] }
                    s0 += _accumulate(xs, w, rows: (start + deaths)..<end, p: p, into: s1, zeroing: false)
                    guard deaths > 0 else { continue }
                    for j in 0..<p { mean[j] = 0 }
                    let d = Double(deaths)
                    for l in 0..<deaths {
                        let phi = Double(l) / d, denominator = (s0 - phi * d0) * d
                        for j in 0..<p { mean[j] += (s1[j] - phi * d1[j]) / denominator }
                    }
                    // The group's deaths come first in its rows, in descending input order: the last slot first.
                    slot -= deaths
                    for (k, i) in (start..<(start + deaths)).enumerated() {
                        let target = rs + (slot + deaths - 1 - k) * p, row = xs + i * p
                        for j in 0..<p { target[j] = row[j] - mean[j] }
                    }
                }
            }
        }
        return residuals
    }

    /// The log partial likelihood, its gradient and its information (p × p, row-major) at `beta`.
    /// - Throws: `LinearAlgebraError.invalidShape` when n is beyond BLAS's 32-bit range.
    /// - Complexity: O(n p) plus dsyrk over n × p and over at most 2 rows per event time.
    func evaluate(_ beta: [Double]) throws(LinearAlgebraError) -> (logLikelihood: Double, gradient: [Double], information: [Double]) {
        let n = died.count, p = self.p, groups = groupDeaths.count, blockRows = Self.blockRows
        let w = UnsafeMutablePointer<Double>.allocate(capacity: max(n, 1))
        defer { w.deallocate() }
        let shift = try weights(beta, into: w)
        // Per group: Σ_l 1/den (then summed over the groups at or after it) and Σ_l φ/den.
        let later = UnsafeMutablePointer<Double>.allocate(capacity: 2 * groups)
        defer { later.deallocate() }
        let own = later + groups
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: 2 * p)
        defer { sums.deallocate() }
        sums.initialize(repeating: 0, count: 2 * p)
        let s1 = sums, d1 = sums + p
        // The block buffer: the groups' mean vectors in pass 1, the scaled rows in pass 2.
        let block = UnsafeMutablePointer<Double>.allocate(capacity: min(n, blockRows) * p + 2 * p)
        defer { block.deallocate() }
        var ll = 0.0
        for j in 0..<p { ll += eventSum[j] * beta[j] }
        var gradient = eventSum
        var meanPart = [Double](repeating: 0, count: p * p), information = [Double](repeating: 0, count: p * p)
        try x.withUnsafeBufferPointer { (xb) throws(LinearAlgebraError) in
            guard let xs = xb.baseAddress else { return }
            // Pass 1, from the longest duration down: the risk-set sums, the denominators, the
            // log-likelihood, the gradient and the mean vectors' Gram.
            var s0 = 0.0, buffered = 0, meanStarted = false
            func flushMeans() throws(LinearAlgebraError) {
                guard buffered > 0 else { return }
                try meanPart.withUnsafeMutableBufferPointer { (c) throws(LinearAlgebraError) in
                    guard let cs = c.baseAddress else { return }
                    try BLAS.syrk(triangle: .lower, transpose: true, n: p, k: buffered, a: block, lda: p, beta: meanStarted ? 1 : 0, c: cs, ldc: p)
                }
                meanStarted = true
                buffered = 0
            }
            for g in 0..<groups {
                let start = groupStart[g], deaths = groupDeaths[g], end = groupStart[g + 1]
                let d0 = _accumulate(xs, w, rows: start..<(start + deaths), p: p, into: d1, zeroing: true)
                s0 += d0
                for j in 0..<p { s1[j] += d1[j] }
                s0 += _accumulate(xs, w, rows: (start + deaths)..<end, p: p, into: s1, zeroing: false)
                guard deaths > 0 else {
                    later[g] = 0
                    own[g] = 0
                    continue
                }
                var sa = 0.0, sb = 0.0, saa = 0.0, sab = 0.0, sbb = 0.0
                let d = Double(deaths)
                for l in 0..<deaths {
                    let phi = Double(l) / d
                    let denominator = s0 - phi * d0
                    ll -= log(denominator) + shift
                    let a = 1 / denominator, b = phi / denominator
                    sa += a; sb += b; saa += a * a; sab += a * b; sbb += b * b
                }
                own[g] = sb
                later[g] = sa
                for j in 0..<p { gradient[j] -= s1[j] * sa - d1[j] * sb }
                // Σ_l m mᵀ = u uᵀ + v vᵀ with u = l11 S1 + l21 D1, v = l22 D1 (l the Cholesky
                // factor of [[saa, -sab], [-sab, sbb]]); v = 0 for one death (b = 0).
                if buffered + 2 > blockRows { try flushMeans() }
                let l11 = saa.squareRoot()
                let u = block + buffered * p
                if deaths == 1 {
                    for j in 0..<p { u[j] = l11 * s1[j] }
                    buffered += 1
                } else {
                    let l21 = -sab / l11, l22 = max(sbb - l21 * l21, 0).squareRoot()
                    for j in 0..<p {
                        u[j] = l11 * s1[j] + l21 * d1[j]
                        u[p + j] = l22 * d1[j]
                    }
                    buffered += 2
                }
            }
            try flushMeans()
            // Σ_l 1/den over the groups at or after each group (their risk sets hold its rows).
            if groups >= 2 { for g in stride(from: groups - 2, through: 0, by: -1) { later[g] += later[g + 1] } }
            // Pass 2: Σ vᵢ xᵢ xᵢᵀ by dsyrk over blocks of rows scaled by √vᵢ, each half of the rows
            // into its own p × p (and block buffer), added in order.
            let parts = _EfronProblem.parts(n), stride = p * p + blockRows * p
            let partGram = UnsafeMutablePointer<Double>.allocate(capacity: parts * stride)
            defer { partGram.deallocate() }
            // Per part: the error of its dsyrk (only beyond BLAS's range).
            var failures: [LinearAlgebraError?] = [nil, nil]
            groupStart.withUnsafeBufferPointer { starts in
                groupDeaths.withUnsafeBufferPointer { deathCounts in
                    failures.withUnsafeMutableBufferPointer { failed in
                        guard let startBase = starts.baseAddress, let deathBase = deathCounts.baseAddress else { return }
                        concurrentForEach(parts) { part in
                            let gram = partGram + part * stride
                            do throws(LinearAlgebraError) {
                                try _scaledGram(x: xs, w: w, later: later, own: own, groupStart: startBase, groupDeaths: deathBase,
                                                groups: groups, rows: concurrentChunk(part, of: parts, count: n), p: p,
                                                blockRows: blockRows, scaled: gram + p * p, into: gram)
                            } catch {
                                failed[part] = error
                            }
                        }
                    }
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
            for part in 0..<parts {
                let gram = partGram + part * stride
                for j in 0..<p { for m in 0...j { information[j * p + m] += gram[j * p + m] } }
            }
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

/// Σ vᵢ xᵢ xᵢᵀ over `rows` (lower triangle of `gram`, p × p, overwritten), vᵢ = wᵢ (later of
/// its group − [i died] own of its group), by dsyrk over blocks of `blockRows` rows scaled by √vᵢ
/// into `scaled`.
/// - Throws: `LinearAlgebraError.invalidShape` beyond BLAS's 32-bit range.
/// - Complexity: O(|rows| p²) in BLAS.
private func _scaledGram(x: UnsafePointer<Double>, w: UnsafePointer<Double>, later: UnsafePointer<Double>, own: UnsafePointer<Double>,
                         groupStart: UnsafePointer<Int>, groupDeaths: UnsafePointer<Int>, groups: Int, rows: Range<Int>, p: Int, blockRows: Int,
                         scaled: UnsafeMutablePointer<Double>, into gram: UnsafeMutablePointer<Double>) throws(LinearAlgebraError) {
    for j in 0..<(p * p) { gram[j] = 0 }
    // The group of the first row: the last group starting at or before it.
    var low = 0, high = groups - 1
    while low < high {
        let middle = (low + high + 1) / 2
        if groupStart[middle] <= rows.lowerBound { low = middle } else { high = middle - 1 }
    }
    var g = low, blockStart = rows.lowerBound
    while blockStart < rows.upperBound {
        let blockEnd = min(blockStart + blockRows, rows.upperBound)
        var i = blockStart
        while i < blockEnd {
            while i >= groupStart[g + 1] { g += 1 }
            let deathEnd = groupStart[g] + groupDeaths[g], groupEnd = min(groupStart[g + 1], blockEnd)
            let all = later[g], dead = later[g] - own[g]
            while i < groupEnd {
                let root = max(w[i] * (i < deathEnd ? dead : all), 0).squareRoot()
                let row = x + i * p, target = scaled + (i - blockStart) * p
                for j in 0..<p { target[j] = root * row[j] }
                i += 1
            }
        }
        try BLAS.syrk(triangle: .lower, transpose: true, n: p, k: blockEnd - blockStart, a: scaled, lda: p,
                      beta: 1, c: gram, ldc: p)
        blockStart = blockEnd
    }
}

/// Adds w_i x_i over `rows` to `sums` (p values; set to zero first when `zeroing`) and returns Σ w_i.
/// - Complexity: O(|rows| p).
@inline(__always)
private func _accumulate(_ x: UnsafePointer<Double>, _ w: UnsafePointer<Double>, rows: Range<Int>, p: Int,
                         into sums: UnsafeMutablePointer<Double>, zeroing: Bool) -> Double {
    if zeroing { for j in 0..<p { sums[j] = 0 } }
    var total = 0.0
    for i in rows {
        let wi = w[i], row = x + i * p
        total += wi
        for j in 0..<p { sums[j] += wi * row[j] }
    }
    return total
}
