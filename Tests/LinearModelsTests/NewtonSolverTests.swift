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
}
