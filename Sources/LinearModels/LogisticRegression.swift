#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinearAlgebra

/// Binary logistic regression with an optional l2 penalty: the hyperparameters, and `fit`.
///
/// `fit` minimizes the penalized negative log-likelihood
///
///     f(b, w) = Σ_i s_i [ -y_i log p_i - (1 - y_i) log(1 - p_i) ] + (l2 / 2) ‖w‖²,
///     p_i = 1 / (1 + exp(-(b + x_iᵀ w))),
///
/// where s_i is the sample weight times the class weight of row i, and the intercept b is never
/// penalized. This is scikit-learn's objective `C Σ s_i ℓ_i + ½ ‖w‖²` divided by C, so
/// **l2 = 1 / C** gives the same coefficients as `sklearn.linear_model.LogisticRegression(C:)`
/// (l2 = 0 is C = inf, no penalty). The penalty acts on the sum of losses, so its relative
/// weight shrinks as the number of rows grows.
///
/// ```swift
/// let model = try LogisticRegression(l2: 1.0, classWeight: .balanced).fit(x, churned)
/// let risk = try model.predictProbabilities(newCustomers)
/// ```
public struct LogisticRegression: Sendable, Hashable, Codable {
    /// How the two classes are weighted in the loss (multiplying any sample weights).
    public enum ClassWeight: Sendable, Hashable, Codable {
        /// Both classes weigh 1.
        case none
        /// Each class weighs W / (2 W_class), as scikit-learn's `class_weight="balanced"`, where
        /// W_class is the total sample weight of the class (its row count without sample
        /// weights) and W that of all rows, so both classes weigh the same in total.
        case balanced
        /// Explicit weights of the negative (false) and positive (true) class.
        case explicit(negative: Double, positive: Double)
    }

    /// The optimization method.
    public enum Solver: String, Sendable, Hashable, Codable, CaseIterable {
        /// Newton when d <= `LogisticRegression.newtonFeatureLimit`, L-BFGS above.
        case auto
        /// Damped Newton (IRLS) with Cholesky steps: O(n d²) per iteration, few iterations.
        case newton
        /// Limited-memory BFGS: O(n d) per iteration, more iterations, no d x d matrix.
        case lbfgs
    }

    /// With `.auto`, fits with more features than this use L-BFGS instead of Newton.
    public static let newtonFeatureLimit = 500
    /// L-BFGS fits with more features than this skip the Hessian, so they have no inference table.
    public static let inferenceFeatureLimit = 500
    /// A penalized fit whose coefficients are all at most this in absolute value (on the features'
    /// scale: 1e-6 per standard deviation of a standardized feature moves the logit by 1e-6) gets
    /// the warning `penaltyZeroedCoefficients`.
    public static let negligibleCoefficient = 1e-6

    /// Strength of the l2 penalty on the coefficients (not the intercept); 0 for none. Equals
    /// 1 / C of scikit-learn.
    public var l2: Double
    /// Whether to fit an intercept (unpenalized).
    public var fitIntercept: Bool
    /// The class weights.
    public var classWeight: ClassWeight
    /// Iteration budget of the solver; running out is a warning on the model, not an error.
    public var maxIterations: Int
    /// Convergence when max_j |∂f/∂θ_j| / Σ s_i <= tolerance (the gradient of the mean
    /// loss, the scale of scikit-learn's `tol` for lbfgs).
    public var tolerance: Double
    /// The optimization method.
    public var solver: Solver

    /// Creates a logistic regression trainer.
    /// - Parameters:
    ///   - l2: penalty strength on the coefficients, >= 0 (1 / C of scikit-learn; default 1).
    ///   - fitIntercept: whether to fit an unpenalized intercept (default true).
    ///   - classWeight: class weights (default none).
    ///   - maxIterations: iteration budget, > 0 (default 100).
    ///   - tolerance: gradient tolerance of the mean loss, > 0 (default 1e-6).
    ///   - solver: the optimization method (default `.auto`).
    public init(
        l2: Double = 1.0, fitIntercept: Bool = true, classWeight: ClassWeight = .none,
        maxIterations: Int = 100, tolerance: Double = 1e-6, solver: Solver = .auto
    ) {
        self.l2 = l2
        self.fitIntercept = fitIntercept
        self.classWeight = classWeight
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.solver = solver
    }

    /// Fits the model to a design matrix and binary labels.
    ///
    /// Without a penalty (l2 = 0, up to `inferenceFeatureLimit` features) the columns are first
    /// scanned for exact linear dependence (`DesignCollinearity`): a column that is a linear
    /// combination of earlier columns and the intercept is *aliased*, left out of the fit (its
    /// coefficient is 0, so the model still takes all d columns) and reported as a
    /// `.aliased` warning naming the terms it is aliased with, as R's `glm` does; kept columns with
    /// a variance inflation factor above 10 get a `.nearCollinear` warning. Penalized fits are
    /// unique with aliased columns and are not scanned.
    ///
    /// Newton's method is used up to `newtonFeatureLimit` features (quadratic convergence, one
    /// blocked pass over X per iteration, Hessian by BLAS level 3 on row blocks and step by LAPACK Cholesky); L-BFGS
    /// above, on request, or when the Hessian turns out singular. Rows are split across two
    /// threads from 16,384 rows on, in a fixed way, so results do not depend on the machine.
    /// - Parameters:
    ///   - x: the n x d design matrix (already encoded and, ideally, standardized).
    ///   - y: n labels, `true` for the positive class (e.g. churned).
    ///   - sampleWeights: n finite non-negative weights, or nil for all ones.
    /// - Returns: the fitted model, with warnings for non-convergence, separation, aliased and
    ///   near-collinear columns.
    /// - Throws: `LinearModelsError` for invalid hyperparameters, mismatched lengths, an empty X,
    ///   NaN or infinite features (with row and column), invalid weights, a single class, or more
    ///   coefficients than rows without a penalty.
    /// - Complexity: Newton: O(T n d²) for T iterations (usually 5 to 10); L-BFGS: O(T n d); the
    ///   unpenalized alias scan O(n d² + d³). Memory: O(d²) besides X, plus a copy of the kept
    ///   columns when some are aliased.
    public func fit(_ x: Matrix, _ y: [Bool], sampleWeights: [Double]? = nil) throws(LinearModelsError)
        -> LogisticRegressionModel
    {
        try validateHyperparameters()
        let weights = try rowWeights(x, y, sampleWeights: sampleWeights)
        guard l2 == 0, x.columns <= Self.inferenceFeatureLimit else {
            return try fitDesign(x, y, weights: weights)
        }
        let collinearity: DesignCollinearity
        let design: Matrix
        do {
            collinearity = try DesignCollinearity(x, fitIntercept: fitIntercept)
            design = collinearity.aliased.isEmpty ? x : try x.keepingColumns(collinearity.keptColumns)
        } catch {
            throw .linearAlgebra(error)
        }
        let reduced = try fitDesign(design, y, weights: weights)
        return reduced.expanded(
            to: x.columns, keptColumns: collinearity.keptColumns,
            warnings: collinearity.aliased.map { .aliased($0) } + collinearity.nearCollinear.map { .nearCollinear($0) })
    }

    /// Fits on a design whose inputs were validated, without the alias scan.
    private func fitDesign(_ x: Matrix, _ y: [Bool], weights: _RowWeights) throws(LinearModelsError)
        -> LogisticRegressionModel
    {
        let objective = _LogisticObjective(
            x: x, labels: y.map { $0 ? 1 : 0 }, weights: weights.perRow, l2: l2, fitIntercept: fitIntercept)
        var start = [Double](repeating: 0, count: objective.parameterCount)
        if fitIntercept { start[0] = log(weights.positive / weights.negative) }
        let total = weights.positive + weights.negative
        let useNewton = solver == .newton || (solver == .auto && x.columns <= Self.newtonFeatureLimit)
        do {
            return try useNewton
                ? fitNewton(objective, start: start, totalWeight: total)
                : fitLBFGS(objective, start: start, totalWeight: total, iterations: 0, warnings: [])
        } catch {
            throw .linearAlgebra(error)
        }
    }

    /// Newton's method, continued by L-BFGS if the Hessian is singular.
    private func fitNewton(_ objective: _LogisticObjective, start: [Double], totalWeight: Double)
        throws(LinearAlgebraError) -> LogisticRegressionModel
    {
        let newton = _NewtonSolver(maxIterations: maxIterations, gradientTolerance: tolerance * totalWeight)
        let result = try newton.minimize(objective, from: start)
        switch result.stop {
        case .singularHessian:
            return try fitLBFGS(
                objective, start: result.theta, totalWeight: totalWeight, iterations: result.iterations,
                warnings: [.singularHessian])
        case .lineSearchFailed:
            // Newton's direction no longer decreases f measurably (an extremely ill-conditioned
            // Hessian); L-BFGS with its Wolfe search continues from here.
            return try fitLBFGS(
                objective, start: result.theta, totalWeight: totalWeight, iterations: result.iterations,
                warnings: [])
        case .converged, .stationary, .maxIterations:
            break
        }
        return try makeModel(
            objective, theta: result.theta, evaluation: result.evaluation, solver: .newton,
            iterations: result.iterations, totalWeight: totalWeight, warnings: [],
            stationary: result.stop == .stationary)
    }

    /// L-BFGS on the mean-scaled objective f / Σ s_i, from `start`.
    private func fitLBFGS(
        _ objective: _LogisticObjective, start: [Double], totalWeight: Double, iterations: Int,
        warnings: [LogisticRegressionWarning]
    ) throws(LinearAlgebraError) -> LogisticRegressionModel {
        let minimizer = _LBFGS(maxIterations: maxIterations, gradientTolerance: tolerance)
        let scale = 1 / totalWeight
        let result = try minimizer.minimize(from: start) { (theta) throws(LinearAlgebraError) in
            let evaluation = try objective.evaluate(theta, hessian: false)
            return (evaluation.value * scale, evaluation.gradient.map { $0 * scale })
        }
        let withHessian = objective.x.columns <= Self.inferenceFeatureLimit
        let evaluation = try objective.evaluate(result.x, hessian: withHessian)
        return try makeModel(
            objective, theta: result.x, evaluation: evaluation, solver: .lbfgs,
            iterations: iterations + result.iterations, totalWeight: totalWeight, warnings: warnings)
    }

    /// The immutable model from the final point, with warnings and inference.
    private func makeModel(
        _ objective: _LogisticObjective, theta: [Double], evaluation: _LogisticObjective.Evaluation,
        solver: Solver, iterations: Int, totalWeight: Double, warnings: [LogisticRegressionWarning],
        stationary: Bool = false
    ) throws(LinearAlgebraError) -> LogisticRegressionModel {
        var warnings = warnings
        let gradientNorm = _maxAbs(evaluation.gradient) / totalWeight
        let converged = gradientNorm <= tolerance || stationary
        if !converged { warnings.append(.notConverged(iterations: iterations, gradientNorm: gradientNorm)) }
        if l2 == 0, evaluation.saturatedRows > 0 {
            warnings.append(.quasiCompleteSeparation(rows: evaluation.saturatedRows))
        }
        let offset = objective.coefficientOffset
        if l2 > 0, theta.count > offset {
            let largest = theta[offset...].reduce(0) { max($0, abs($1)) }
            if largest <= Self.negligibleCoefficient { warnings.append(.penaltyZeroedCoefficients(l2: l2, largest: largest)) }
        }
        let inference: _InferenceState
        if let hessian = evaluation.hessian {
            inference = .from(hessian: hessian, fitIntercept: fitIntercept)
        } else {
            inference = .notComputed(
                "L-BFGS fit with \(objective.x.columns) features (more than \(Self.inferenceFeatureLimit)) "
                    + "skips the d x d Hessian")
        }
        return LogisticRegressionModel(
            coefficients: Array(theta[offset...]), intercept: fitIntercept ? theta[0] : 0,
            fitsIntercept: fitIntercept, l2: l2, solver: solver, iterationCount: iterations,
            gradientNorm: gradientNorm, converged: converged, objective: evaluation.value,
            warnings: warnings, inferenceState: inference)
    }
}
