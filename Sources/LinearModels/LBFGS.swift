// Limited-memory BFGS with a strong Wolfe line search, for smooth unconstrained minimization.
//
// Goals: a dependable quasi-Newton method for problems whose Hessian is too large to form
// (logistic regression with many features) or singular (collinear features), using O(m p)
// memory for p parameters and m stored pairs. The search direction comes from the two-loop
// recursion with the scaling H0 = (sᵀy / yᵀy) I; every step satisfies the strong Wolfe
// conditions (c1 = 1e-4, c2 = 0.9), found by bracketing and zooming with safeguarded cubic
// interpolation, which keeps sᵀy > 0 so that the implicit inverse Hessian stays positive definite.
// Reference: J. Nocedal & S. J. Wright, "Numerical Optimization", 2nd ed., Springer 2006:
// Algorithm 7.4 (two-loop recursion), Algorithm 7.5 (L-BFGS), eq. (7.20) (initial scaling),
// Algorithms 3.5 and 3.6 (line search and zoom), eq. (3.59) (cubic interpolation).

/// Minimizes a smooth function with L-BFGS (Nocedal & Wright, Algorithm 7.5).
struct _LBFGS: Sendable {
    /// Number of stored correction pairs (m).
    var memory = 10
    /// Iteration budget (one iteration = one accepted line-search step).
    var maxIterations: Int
    /// Convergence when the gradient's infinity norm is at most this.
    var gradientTolerance: Double

    /// Why the minimization stopped.
    enum Stop: Sendable, Equatable {
        /// The gradient criterion holds.
        case converged
        /// The iteration budget ran out.
        case maxIterations
        /// No step satisfying the Wolfe conditions was found: the function cannot be decreased
        /// further in floating point along the search direction.
        case lineSearchFailed
    }

    /// The outcome of a minimization.
    struct Result: Sendable {
        /// The best point.
        var x: [Double]
        /// The function value at `x`.
        var value: Double
        /// The gradient at `x`.
        var gradient: [Double]
        /// Accepted iterations.
        var iterations: Int
        /// Why it stopped.
        var stop: Stop
    }

    /// Wolfe constants (Nocedal & Wright, §3.1, values recommended for quasi-Newton methods).
    private let c1 = 1e-4
    private let c2 = 0.9
    /// Function evaluations allowed per line search.
    private let maxLineSearchEvaluations = 40

    /// Minimizes `function` from `start`.
    /// - Parameters:
    ///   - start: the initial point.
    ///   - function: returns the value and gradient at a point.
    /// - Returns: the final point and how the minimization stopped.
    /// - Throws: whatever `function` throws.
    /// - Complexity: per iteration O(m p) plus the evaluations of the line search (usually one).
    func minimize<E: Error>(
        from start: [Double], _ function: ([Double]) throws(E) -> (value: Double, gradient: [Double])
    ) throws(E) -> Result {
        var x = start
        var (value, gradient) = try function(x)
        var pairsS: [[Double]] = []
        var pairsY: [[Double]] = []
        var rhos: [Double] = []
        if _maxAbs(gradient) <= gradientTolerance {
            return Result(x: x, value: value, gradient: gradient, iterations: 0, stop: .converged)
        }
        var iterations = 0
        while iterations < maxIterations {
            var direction = _twoLoopDirection(gradient, pairsS, pairsY, rhos)
            var slope = _dot(gradient, direction)
            if !(slope < 0) {
                // Not a descent direction (rounding): restart from steepest descent.
                pairsS.removeAll()
                pairsY.removeAll()
                rhos.removeAll()
                direction = gradient.map { -$0 }
                slope = _dot(gradient, direction)
            }
            // First iteration: a unit step along -g can be far too long; N&W suggest 1 / ‖g‖.
            let initialStep = pairsS.isEmpty ? min(1, 1 / _dot(gradient, gradient).squareRoot()) : 1
            guard
                let step = try _wolfeSearch(
                    x: x, value: value, direction: direction, slope: slope, initial: initialStep, function)
            else {
                return Result(x: x, value: value, gradient: gradient, iterations: iterations, stop: .lineSearchFailed)
            }
            iterations += 1
            var s = [Double](repeating: 0, count: x.count)
            var y = [Double](repeating: 0, count: x.count)
            for j in x.indices {
                s[j] = step.x[j] - x[j]
                y[j] = step.gradient[j] - gradient[j]
            }
            let sy = _dot(s, y)
            if sy > 1e-12 * _dot(y, y).squareRoot() * _dot(s, s).squareRoot() {
                if pairsS.count == memory {
                    pairsS.removeFirst()
                    pairsY.removeFirst()
                    rhos.removeFirst()
                }
                pairsS.append(s)
                pairsY.append(y)
                rhos.append(1 / sy)
            }
            x = step.x
            value = step.value
            gradient = step.gradient
            if _maxAbs(gradient) <= gradientTolerance {
                return Result(x: x, value: value, gradient: gradient, iterations: iterations, stop: .converged)
            }
        }
        return Result(x: x, value: value, gradient: gradient, iterations: iterations, stop: .maxIterations)
    }

    /// -H g by the two-loop recursion (N&W Algorithm 7.4) with H0 = γ I, γ = sᵀy / yᵀy (7.20).
    private func _twoLoopDirection(
        _ gradient: [Double], _ pairsS: [[Double]], _ pairsY: [[Double]], _ rhos: [Double]
    ) -> [Double] {
        var q = gradient
        var alphas = [Double](repeating: 0, count: pairsS.count)
        for i in pairsS.indices.reversed() {
            let alpha = rhos[i] * _dot(pairsS[i], q)
            alphas[i] = alpha
            for j in q.indices { q[j] -= alpha * pairsY[i][j] }
        }
        if let s = pairsS.last, let y = pairsY.last {
            let gamma = _dot(s, y) / _dot(y, y)
            for j in q.indices { q[j] *= gamma }
        }
        for i in pairsS.indices {
            let beta = rhos[i] * _dot(pairsY[i], q)
            for j in q.indices { q[j] += pairsS[i][j] * (alphas[i] - beta) }
        }
        return q.map { -$0 }
    }

    /// One trial point of the line search.
    private struct _Trial {
        var step: Double
        var x: [Double]
        var value: Double
        var gradient: [Double]
        var slope: Double
    }

    /// A step length satisfying the strong Wolfe conditions (N&W Algorithm 3.5), or nil.
    private func _wolfeSearch<E: Error>(
        x: [Double], value: Double, direction: [Double], slope: Double, initial: Double,
        _ function: ([Double]) throws(E) -> (value: Double, gradient: [Double])
    ) throws(E) -> _Trial? {
        var evaluations = 0
        func trial(_ step: Double) throws(E) -> _Trial {
            var point = x
            for j in point.indices { point[j] += step * direction[j] }
            let (v, g) = try function(point)
            return _Trial(step: step, x: point, value: v, gradient: g, slope: _dot(g, direction))
        }
        var previous = _Trial(step: 0, x: x, value: value, gradient: [], slope: slope)
        var step = initial
        while evaluations < maxLineSearchEvaluations {
            let current = try trial(step)
            evaluations += 1
            if !current.value.isFinite || current.value > value + c1 * step * slope
                || (evaluations > 1 && current.value >= previous.value)
            {
                return try _zoom(low: previous, high: current, value: value, slope: slope, &evaluations, trial)
            }
            if abs(current.slope) <= -c2 * slope { return current }
            if current.slope >= 0 {
                return try _zoom(low: current, high: previous, value: value, slope: slope, &evaluations, trial)
            }
            previous = current
            step *= 2
        }
        return nil
    }

    /// Zoom between a low and a high trial (N&W Algorithm 3.6) with safeguarded cubic steps.
    private func _zoom<E: Error>(
        low: _Trial, high: _Trial, value: Double, slope: Double, _ evaluations: inout Int,
        _ trial: (Double) throws(E) -> _Trial
    ) throws(E) -> _Trial? {
        var low = low
        var high = high
        while evaluations < maxLineSearchEvaluations {
            let width = high.step - low.step
            if abs(width) <= 1e-16 * max(1, abs(low.step)) { break }
            var step = _cubicMinimizer(low, high)
            let lower = min(low.step, high.step) + 0.1 * abs(width)
            let upper = max(low.step, high.step) - 0.1 * abs(width)
            if !step.isFinite || step < lower || step > upper { step = 0.5 * (low.step + high.step) }
            let current = try trial(step)
            evaluations += 1
            if !current.value.isFinite || current.value > value + c1 * step * slope || current.value >= low.value {
                high = current
            } else {
                if abs(current.slope) <= -c2 * slope { return current }
                if current.slope * (high.step - low.step) >= 0 { high = low }
                low = current
            }
        }
        // No Wolfe point, but a decrease is still progress (the low end always satisfies Armijo).
        return low.step > 0 && low.value < value ? low : nil
    }

    /// The minimizer of the cubic interpolating values and slopes at two trials (N&W eq. 3.59);
    /// NaN when the cubic has no minimizer.
    private func _cubicMinimizer(_ a: _Trial, _ b: _Trial) -> Double {
        guard a.slope.isFinite, b.slope.isFinite, a.value.isFinite, b.value.isFinite else { return .nan }
        let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
        let radicand = d1 * d1 - a.slope * b.slope
        guard radicand >= 0 else { return .nan }
        let d2 = (b.step > a.step ? 1.0 : -1.0) * radicand.squareRoot()
        return b.step - (b.step - a.step) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
    }
}

/// The dot product of two vectors of equal length.
func _dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}

/// The infinity norm max |v_i| (0 for an empty vector, NaN when an element is NaN).
func _maxAbs(_ v: [Double]) -> Double {
    var result = 0.0
    for value in v {
        if value.isNaN { return .nan }
        result = max(result, abs(value))
    }
    return result
}
