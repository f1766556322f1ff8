import Testing

@testable import LinearModels

/// L-BFGS on functions with closed-form minimizers.
@Suite struct LBFGSTests {
    @Test("Rosenbrock: minimum 0 at (1, 1) from (-1.2, 1)")
    func rosenbrock() {
        let result = _LBFGS(maxIterations: 200, gradientTolerance: 1e-10).minimize(from: [-1.2, 1]) { v in
            let (x, y) = (v[0], v[1])
            let value = 100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x)
            return (value, [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)])
        }
        #expect(result.stop == .converged)
        #expect(close(result.x, [1, 1], relative: 1e-8))
        #expect(result.value < 1e-16)
    }

    @Test("ill-conditioned quadratic: minimizer A⁻¹b exactly known")
    func quadratic() {
        // f = ½ Σ a_i x_i² - b_i x_i, minimizer x_i = b_i / a_i, condition number 1e4.
        let a = [1e-2, 1, 10, 100]
        let b = [1.0, -2, 3, 4]
        let result = _LBFGS(maxIterations: 500, gradientTolerance: 1e-7).minimize(from: [0, 0, 0, 0]) { x in
            var value = 0.0
            var gradient = [Double](repeating: 0, count: 4)
            for i in 0..<4 {
                value += 0.5 * a[i] * x[i] * x[i] - b[i] * x[i]
                gradient[i] = a[i] * x[i] - b[i]
            }
            return (value, gradient)
        }
        #expect(result.stop == .converged)
        #expect(close(result.x, [100, -2, 0.3, 0.04], relative: 1e-6))
    }

    @Test("a start at the minimum converges in zero iterations; a tiny budget stops at maxIterations")
    func stops() {
        let square: ([Double]) -> (value: Double, gradient: [Double]) = { x in (x[0] * x[0], [2 * x[0]]) }
        #expect(_LBFGS(maxIterations: 5, gradientTolerance: 1e-8).minimize(from: [0], square).iterations == 0)
        let rosenbrockLike: ([Double]) -> (value: Double, gradient: [Double]) = { v in
            let (x, y) = (v[0], v[1])
            return (100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x),
                    [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)])
        }
        let limited = _LBFGS(maxIterations: 2, gradientTolerance: 1e-12).minimize(from: [-1.2, 1], rosenbrockLike)
        #expect(limited.stop == .maxIterations)
        #expect(limited.iterations == 2)
        #expect(limited.value < 24.2)  // f(-1.2, 1) = 24.2: every accepted step decreases f
    }
}
