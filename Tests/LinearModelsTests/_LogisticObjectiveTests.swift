import LinearAlgebra
import Testing

@testable import LinearModels

/// The fused pass against a direct row-by-row computation and finite differences.
@Suite struct LogisticObjectiveTests {
    /// A seeded pseudo-random design (LCG), weights and labels.
    func problem(rows: Int, columns: Int, intercept: Bool, weighted: Bool) throws -> _LogisticObjective {
        var state: UInt64 = 12345
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let x = try Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in 4 * uniform() - 2 })
        let labels = (0..<rows).map { _ in uniform() < 0.4 ? 1.0 : 0.0 }
        let weights = weighted ? (0..<rows).map { _ in 0.5 + uniform() } : nil
        return _LogisticObjective(x: x, labels: labels, weights: weights, l2: 0.7, fitIntercept: intercept)
    }

    /// f, ∇f and ∇²f summed row by row, straight from the definitions.
    func direct(_ o: _LogisticObjective, _ theta: [Double]) -> (Double, [Double], [Double]) {
        let p = o.parameterCount, off = o.coefficientOffset, d = o.x.columns
        var f = 0.0
        var g = [Double](repeating: 0, count: p)
        var h = [Double](repeating: 0, count: p * p)
        for i in 0..<o.x.rows {
            let a = (off == 1 ? [1.0] : []) + (0..<d).map { o.x[i, $0] }
            let z = zip(a, theta).reduce(0) { $0 + $1.0 * $1.1 }
            let s = o.weights?[i] ?? 1
            let prob = logisticSigmoid(z)
            f += s * logisticLoss(z, label: o.labels[i] == 1)
            for j in 0..<p {
                g[j] += s * (prob - o.labels[i]) * a[j]
                for k in 0..<p { h[j * p + k] += s * prob * (1 - prob) * a[j] * a[k] }
            }
        }
        for j in off..<p {
            f += 0.5 * o.l2 * theta[j] * theta[j]
            g[j] += o.l2 * theta[j]
            h[j * p + j] += o.l2
        }
        return (f, g, h)
    }

    @Test("one pass equals the row-by-row definition", arguments: [(300, true, false), (300, false, true), (20_000, true, true)])
    func matchesDefinition(rows: Int, intercept: Bool, weighted: Bool) throws {
        // 20,000 rows takes the two-thread path and blocks that do not divide the rows evenly.
        let o = try problem(rows: rows, columns: 3, intercept: intercept, weighted: weighted)
        let theta = intercept ? [0.3, -0.8, 0.5, 1.1] : [-0.8, 0.5, 1.1]
        let e = try o.evaluate(theta, hessian: true)
        let (f, g, h) = direct(o, theta)
        #expect(close(e.value, f, relative: 1e-12))
        #expect(close(e.gradient, g, relative: 1e-10, absolute: 1e-9))
        #expect(close(try #require(e.hessian).storage, h, relative: 1e-10, absolute: 1e-9))
        let withoutHessian = try o.evaluate(theta, hessian: false)
        #expect(withoutHessian.hessian == nil)
        #expect(withoutHessian.value == e.value)
    }

    @Test("a block subsample equals the definition on its rows, scaled to the full weight")
    func subsample() throws {
        // 3,000 rows (one thread), blocks of 256: one in four is rows 0..<256, 1024..<1280, 2048..<2304.
        let o = try problem(rows: 3000, columns: 3, intercept: true, weighted: true)
        let sampled = (0..<256).map { $0 } + (1024..<1280).map { $0 } + (2048..<2304).map { $0 }
        let weights = try #require(o.weights)
        let rowsOnly = _LogisticObjective(
            x: try Matrix(rows: sampled.count, columns: 3, values: sampled.flatMap { i in (0..<3).map { o.x[i, $0] } }),
            labels: sampled.map { o.labels[$0] }, weights: sampled.map { weights[$0] }, l2: 0, fitIntercept: true)
        let theta = [0.3, -0.8, 0.5, 1.1]
        let (f, g, h) = direct(rowsOnly, theta)
        let scale = weights.reduce(0, +) / sampled.reduce(0) { $0 + weights[$1] }
        // The penalty 0.7 / 2 ‖w‖² is added unscaled.
        let penaltyValue = 0.35 * (0.64 + 0.25 + 1.21)
        let e = try o.subsampled(everyBlock: 4).evaluate(theta, hessian: true)
        #expect(close(e.value, scale * f + penaltyValue, relative: 1e-12))
        let penaltyGradient = [0, -0.56, 0.35, 0.77]
        #expect(close(e.gradient, (0..<4).map { scale * g[$0] + penaltyGradient[$0] }, relative: 1e-10, absolute: 1e-9))
        let penaltyHessian = (0..<16).map { $0 % 5 == 0 && $0 > 0 ? 0.7 : 0 }
        #expect(close(try #require(e.hessian).storage, (0..<16).map { scale * h[$0] + penaltyHessian[$0] },
                      relative: 1e-10, absolute: 1e-9))
    }

    @Test("the gradient matches central differences of the value")
    func finiteDifferences() throws {
        let o = try problem(rows: 200, columns: 2, intercept: true, weighted: true)
        let theta = [0.1, 0.4, -0.6]
        let g = try o.evaluate(theta, hessian: false).gradient
        for j in theta.indices {
            var plus = theta, minus = theta
            plus[j] += 1e-6
            minus[j] -= 1e-6
            let numeric = (try o.evaluate(plus, hessian: false).value - o.evaluate(minus, hessian: false).value) / 2e-6
            #expect(close(g[j], numeric, relative: 1e-6, absolute: 1e-6))
        }
    }

    @Test("saturated rows are counted on the side of their label only")
    func saturation() throws {
        let x = try Matrix([[40], [-40], [40], [0]])
        let o = _LogisticObjective(x: x, labels: [1, 0, 0, 1], weights: nil, l2: 0, fitIntercept: false)
        // Rows 0 and 1 are right with |z| = 40; row 2 is wrong; row 3 has z = 0.
        #expect(try o.evaluate([1], hessian: false).saturatedRows == 2)
    }
}
