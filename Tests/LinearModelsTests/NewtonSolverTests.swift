import Foundation
import LinearAlgebra
import Testing

@testable import LinearModels

/// Damped Newton on logistic objectives with known optima.
@Suite struct NewtonSolverTests {
    @Test("one feature, balanced 2 x 2 table: the closed-form log odds ratio")
    func closedForm() throws {
        // x = 0: 3 positives of 4; x = 1: 1 positive of 4. MLE: b = log 3, w = log(1/3) - log 3.
        let x = try Matrix([[0], [0], [0], [0], [1], [1], [1], [1]])
        let labels: [Double] = [1, 1, 1, 0, 1, 0, 0, 0]
        let objective = _LogisticObjective(x: x, labels: labels, weights: nil, l2: 0, fitIntercept: true)
        let result = try _NewtonSolver(maxIterations: 50, gradientTolerance: 1e-12).minimize(objective, from: [0, 0])
        #expect([.converged, .stationary].contains(result.stop))
        #expect(close(result.theta, [log(3), -2 * log(3)], relative: 1e-10))
        #expect(result.iterations < 10)
    }

    @Test("a far start is damped by the line search: the objective never increases")
    func farStart() throws {
        let fixture = try LogisticFixture.load("logistic_synthetic")
        let objective = _LogisticObjective(
            x: try fixture.matrix(), labels: fixture.y.map { $0 ? 1 : 0 }, weights: nil, l2: 2, fitIntercept: true)
        let start = [4.0, -4, 4, -4, 4]
        let initial = try objective.evaluate(start, hessian: false).value
        let result = try _NewtonSolver(maxIterations: 100, gradientTolerance: 1e-8).minimize(objective, from: start)
        let reference = try fixture.sklearn("penalized")
        #expect(result.evaluation.value < initial, "\(result.stop) \(result.iterations)")
        #expect(close(Array(result.theta.dropFirst()), reference.coefficients, relative: 1e-6), "\(result.stop) \(result.iterations)")
    }

    @Test("a zero column without penalty stops with singularHessian")
    func singular() throws {
        let x = try Matrix([[1, 0], [2, 0], [3, 0], [4, 0]])
        let objective = _LogisticObjective(x: x, labels: [0, 1, 0, 1], weights: nil, l2: 0, fitIntercept: true)
        let result = try _NewtonSolver(maxIterations: 10, gradientTolerance: 1e-10).minimize(objective, from: [0, 0, 0])
        #expect(result.stop == .singularHessian)
    }

    @Test("the subsample warm start reaches the exact-Newton optimum, with the exact Hessian there")
    func warmStart() throws {
        // 20,000 seeded rows (LCG), 3 features; the warm start is forced by lowering its row threshold.
        var state: UInt64 = 99
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let n = 20_000
        let x = try Matrix(rows: n, columns: 3, values: (0..<(3 * n)).map { _ in 2 * uniform() - 1 })
        let labels = (0..<n).map { i in
            uniform() < logisticSigmoid(-0.5 + x[i, 0] - 2 * x[i, 1] + 0.5 * x[i, 2]) ? 1.0 : 0.0
        }
        let objective = _LogisticObjective(x: x, labels: labels, weights: nil, l2: 1, fitIntercept: true)
        let tolerance = 1e-8 * Double(n)
        let plain = try _NewtonSolver(maxIterations: 50, gradientTolerance: tolerance, subsampleRows: .max)
            .minimize(objective, from: [0, 0, 0, 0])
        let warm = try _NewtonSolver(maxIterations: 50, gradientTolerance: tolerance, subsampleRows: 10_000)
            .minimize(objective, from: [0, 0, 0, 0])
        #expect(warm.stop == .converged && plain.stop == .converged)
        #expect(close(warm.theta, plain.theta, relative: 1e-6))
        let exact = try objective.evaluate(warm.theta, hessian: true)
        #expect(try #require(warm.evaluation.hessian).storage == #require(exact.hessian).storage)
        #expect(warm.evaluation.value == exact.value)
    }

    @Test("the BFGS update maps the step to the gradient change and skips a non-positive curvature")
    func bfgs() throws {
        let b = try Matrix([[2, 0.5], [0.5, 1]])
        let s = [0.3, -0.2], y = [1.0, 0.4]
        let updated = _bfgsUpdated(b, step: s, gradientChange: y)
        let mapped = (0..<2).map { i in updated[i, 0] * s[0] + updated[i, 1] * s[1] }
        #expect(close(mapped, y, relative: 1e-14))
        #expect(updated[0, 1] == updated[1, 0])
        #expect(_bfgsUpdated(b, step: s, gradientChange: [-1, 0.4]) == b)
    }
}
