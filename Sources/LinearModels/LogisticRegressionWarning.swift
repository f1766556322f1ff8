import Foundation

/// A problem found while fitting that does not prevent returning a model, but that the caller
/// should see (it is stored on the model and printed by the CLI).
public enum LogisticRegressionWarning: Sendable, Hashable, CustomStringConvertible {
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
    /// Without a penalty, this column is an exact linear combination of earlier columns (and the
    /// intercept): it was left out of the fit (coefficient 0) and has no row in the inference table.
    case aliased(AliasedTerm)
    /// Without a penalty, this kept column's variance inflation factor exceeds
    /// `DesignCollinearity.varianceInflationThreshold`: its standard error is inflated by
    /// √VIF and its estimate is hard to separate from its partner's.
    case nearCollinear(NearCollinearTerm)
    /// The L2 penalty `l2` left no coefficient larger than `largest` in absolute value
    /// (`LogisticRegression.negligibleCoefficient`): the model scores every row at about the same
    /// probability, the base rate; a smaller penalty lets the features count.
    case penaltyZeroedCoefficients(l2: Double, largest: Double)

    /// A one-line explanation with the remedy, columns named "feature j".
    public var description: String { description(featureNames: []) }

    /// A one-line explanation with the remedy, columns named by `featureNames`.
    /// - Parameter names: the names of the columns of X ("feature j" beyond the array).
    /// - Returns: the message.
    /// - Complexity: O(d) for an aliased term's list.
    public func description(featureNames names: [String]) -> String {
        switch self {
        case .aliased(let term):
            let name = LogisticTerm.feature(term.column).name(featureNames: names)
            guard !term.aliasedWith.isEmpty else { return "\(name) is zero in every row and was dropped" }
            let with = term.aliasedWith.map { $0.name(featureNames: names) }.joined(separator: ", ")
            return "\(name) is aliased with \(with) and was dropped (an exact linear combination of them; "
                + "its coefficient is 0)"
        case .nearCollinear(let term):
            let name = LogisticTerm.feature(term.column).name(featureNames: names)
            let partner = LogisticTerm.feature(term.partner).name(featureNames: names)
            let inflation = term.varianceInflation
            return "\(name) is near-collinear with \(partner) (partial correlation "
                + "\(Self._short(term.partialCorrelation))): variance inflation \(Self._short(inflation)) "
                + "> \(Self._short(DesignCollinearity.varianceInflationThreshold)), its standard error is "
                + "\(Self._short(inflation.squareRoot())) times what it would be without collinearity"
        case .notConverged(let iterations, let gradientNorm):
            return "did not converge in \(iterations) iterations (gradient norm \(gradientNorm)); "
                + "increase maxIterations or tolerance"
        case .quasiCompleteSeparation(let rows):
            return "quasi-complete separation: \(rows) rows are predicted with probability 0 or 1; "
                + "the unpenalized coefficients are not identified and grow without bound (set l2 > 0)"
        case .penaltyZeroedCoefficients(let l2, let largest):
            return "the L2 penalty \(Self._short(l2)) shrank every coefficient to at most \(Self._short(largest)) in absolute value: "
                + "the model gives every row about the base rate; use a smaller l2"
        case .singularHessian:
            return "the Hessian is singular (collinear features or separation); switched to L-BFGS, "
                + "the coefficients may not be unique"
        }
    }

    /// Three significant digits, scientific notation from 1e6 on.
    static func _short(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1e6 || (magnitude > 0 && magnitude < 1e-3) { return String(format: "%.3g", value) }
        return String(format: magnitude >= 100 ? "%.1f" : "%.3g", value)
    }
}
