import LinearAlgebra

// Damped Newton's method (iteratively reweighted least squares) for the penalized logistic
// objective.
//
// Goals: quadratic convergence near the optimum at the price of one pass over X per iteration
// in the usual case, and no divergence anywhere. Each iteration solves H δ = -g by Cholesky
// (LAPACK dpotrf / dpotrs), then halves the step until the objective satisfies the Armijo
// condition f(θ + t δ) <= f(θ) + 1e-4 t gᵀδ. The trial evaluation at t = 1 also accumulates the
// gradient and Hessian, so when the full step is accepted (nearly always) the next iteration
// needs no further pass; the Hessian at the final point is therefore available for inference.
// A Hessian that is not positive definite (collinear features or separation without a penalty)
// stops the method with `.singularHessian`, and the caller continues with L-BFGS.
// Reference: J. Nocedal & S. J. Wright, "Numerical Optimization", 2nd ed., §3.1 (backtracking,
// Algorithm 3.1) and §3.4 (Newton's method with Cholesky); Hastie, Tibshirani & Friedman, "The
// Elements of Statistical Learning", 2nd ed., §4.4.1 (IRLS).

/// Damped Newton minimization of a `_LogisticObjective`.
struct _NewtonSolver: Sendable {
    /// Iteration budget.
    var maxIterations: Int
    /// Convergence when max |∇f| <= this (in the objective's own scale).
    var gradientTolerance: Double

    /// Why Newton's method stopped.
    enum Stop: Sendable, Equatable {
        /// The gradient criterion holds.
        case converged
        /// The Newton decrement -gᵀδ / 2 (the predicted decrease) is below the rounding error of
        /// f: the minimum is reached to machine precision, even if rounding in the gradient sum
        /// keeps the gradient above a very tight tolerance.
        case stationary
        /// The iteration budget ran out.
        case maxIterations
        /// Thirty step halvings did not decrease the objective (floating-point floor).
        case lineSearchFailed
        /// The Hessian is not positive definite at the current point.
        case singularHessian
    }

    /// The outcome: the last point, its evaluation (with Hessian) and the stop reason.
    struct Result: Sendable {
        /// The final parameters.
        var theta: [Double]
        /// The objective, gradient and Hessian at `theta`.
        var evaluation: _LogisticObjective.Evaluation
        /// Accepted Newton steps.
        var iterations: Int
        /// Why it stopped.
        var stop: Stop
    }

    /// Minimizes `objective` from `start`.
    /// - Parameters:
    ///   - objective: the data and penalty.
    ///   - start: the initial parameters.
    /// - Returns: the final point with its evaluation and stop reason.
    /// - Throws: a `LinearAlgebraError` from BLAS/LAPACK other than a failed factorization.
    /// - Complexity: O(T n p²) for T iterations, p parameters, plus O(T p³) for the factorizations.
    func minimize(_ objective: _LogisticObjective, from start: [Double]) throws(LinearAlgebraError) -> Result {
        var theta = start
        var current = try objective.evaluate(theta, hessian: true)
        var iterations = 0
        while true {
            if _maxAbs(current.gradient) <= gradientTolerance {
                return Result(theta: theta, evaluation: current, iterations: iterations, stop: .converged)
            }
            if iterations >= maxIterations {
                return Result(theta: theta, evaluation: current, iterations: iterations, stop: .maxIterations)
            }
            guard let hessian = current.hessian else {
                return Result(theta: theta, evaluation: current, iterations: iterations, stop: .singularHessian)
            }
            let direction: [Double]
            do {
                direction = try hessian.cholesky().solve(current.gradient.map { -$0 })
            } catch .notPositiveDefinite, .nonFinite {
                return Result(theta: theta, evaluation: current, iterations: iterations, stop: .singularHessian)
            }
            let slope = _dot(current.gradient, direction)
            if -slope / 2 <= 1e-15 * max(1, abs(current.value)) {
                return Result(theta: theta, evaluation: current, iterations: iterations, stop: .stationary)
            }
            var step = 1.0
            var accepted: (theta: [Double], evaluation: _LogisticObjective.Evaluation)?
            for _ in 0..<30 {
                var trial = theta
                for j in trial.indices { trial[j] += step * direction[j] }
                let evaluation = try objective.evaluate(trial, hessian: true)
                if evaluation.value.isFinite, evaluation.value <= current.value + 1e-4 * step * slope {
                    accepted = (trial, evaluation)
                    break
                }
                step *= 0.5
            }
            guard let accepted else {
                return Result(theta: theta, evaluation: current, iterations: iterations, stop: .lineSearchFailed)
            }
            theta = accepted.theta
            current = accepted.evaluation
            iterations += 1
        }
    }
}
