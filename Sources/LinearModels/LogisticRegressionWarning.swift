/// A problem found while fitting that does not prevent returning a model, but that the caller
/// should see (it is stored on the model and printed by the CLI).
public enum LogisticRegressionWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The solver stopped before the gradient criterion held: after `iterations` iterations the
    /// gradient norm (infinity norm of the objective's gradient divided by the total weight) was
    /// `gradientNorm`. Raise `maxIterations` or loosen `tolerance`.
    case notConverged(iterations: Int, gradientNorm: Double)
    /// Without a penalty, `rows` rows are predicted with probability 0 or 1 (|logit| > 30) and
    /// correctly: the data are (quasi-)completely separated, the maximum likelihood estimate does
    /// not exist, and the coefficients only reflect where the solver stopped.
    case quasiCompleteSeparation(rows: Int)
    /// Newton's method met a Hessian that is not positive definite (collinear features, or
    /// separation) and the fit continued with L-BFGS; the coefficients may not be unique.
    case singularHessian

    /// A one-line explanation with the remedy.
    public var description: String {
        switch self {
        case .notConverged(let iterations, let gradientNorm):
            return "did not converge in \(iterations) iterations (gradient norm \(gradientNorm)); "
                + "increase maxIterations or tolerance"
        case .quasiCompleteSeparation(let rows):
            return "quasi-complete separation: \(rows) rows are predicted with probability 0 or 1; "
                + "the unpenalized coefficients are not identified and grow without bound (set l2 > 0)"
        case .singularHessian:
            return "the Hessian is singular (collinear features or separation); switched to L-BFGS, "
                + "the coefficients may not be unique"
        }
    }
}
