#if canImport(Glibc)
import _ChurnKitCore
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinearAlgebra

// Wald inference for logistic regression coefficients, as in statsmodels' `Logit.summary()`.
//
// Goals: standard errors from the inverse of the Hessian of the negative log-likelihood at the
// optimum (the observed Fisher information), computed stably and with collinearity reported
// instead of silently returning enormous numbers. The Hessian is first scaled to unit diagonal,
// C = D H D with D = diag(H)^(-1/2), which makes the Cholesky factorization (LAPACK dpotrf) and
// its inverse (dpotri) independent of the features' units; the diagonal of C⁻¹ is then a
// variance inflation factor, and a factorization failure at order k, or a factor above 1e10,
// marks term k as collinear with the terms before it. Two-sided p-values use the normal tail
// 2 (1 - Φ(|z|)) = erfc(|z| / √2), which keeps full relative accuracy for large |z|, and the 95%
// interval is estimate ± 1.959963984540054 SE (Φ⁻¹(0.975)).
// Reference: A. Agresti, "Categorical Data Analysis", 3rd ed., §4.2 and §5.2 (Wald inference
// for logistic regression); Golub & Van Loan, "Matrix Computations", 4th ed., §4.2 (Cholesky).

/// The Wald statistics of one term of a fitted logistic regression.
public struct LogisticCoefficientInference: Sendable, Hashable, Codable {
    /// Which term: the intercept or a feature.
    public let term: LogisticTerm
    /// The estimated coefficient (log odds ratio per unit of the feature).
    public let estimate: Double
    /// The standard error, √((H⁻¹)_jj).
    public let standardError: Double
    /// The Wald statistic estimate / standardError.
    public let zScore: Double
    /// The two-sided p-value under the standard normal, erfc(|z| / √2).
    public let pValue: Double
    /// Lower end of the 95% Wald interval.
    public let lowerBound: Double
    /// Upper end of the 95% Wald interval.
    public let upperBound: Double

    /// The odds ratio exp(estimate).
    public var oddsRatio: Double { exp(estimate) }
    /// Lower end of the 95% interval of the odds ratio, exp(lowerBound).
    public var oddsRatioLowerBound: Double { exp(lowerBound) }
    /// Upper end of the 95% interval of the odds ratio, exp(upperBound).
    public var oddsRatioUpperBound: Double { exp(upperBound) }

    /// Builds the statistics of one term from its estimate and standard error.
    init(term: LogisticTerm, estimate: Double, standardError: Double) {
        self.term = term
        self.estimate = estimate
        self.standardError = standardError
        let z = estimate / standardError
        self.zScore = z
        self.pValue = 2 * SpecialFunctions.normalSurvival(abs(z))
        self.lowerBound = estimate - LogisticInferenceTable.normalQuantile975 * standardError
        self.upperBound = estimate + LogisticInferenceTable.normalQuantile975 * standardError
    }
}

/// The coefficient table of a fitted logistic regression (like statsmodels' `Logit.summary()`):
/// one row per term, the intercept first.
public struct LogisticInferenceTable: Sendable, Hashable, Codable {
    /// Φ⁻¹(0.975), the normal quantile of the 95% two-sided intervals.
    public static let normalQuantile975 = SpecialFunctions.normalQuantile(0.975)
    /// The confidence level of the intervals.
    public static let confidenceLevel = 0.95

    /// One row per term: the intercept (when fitted) first, then features in column order;
    /// aliased columns (`LogisticRegressionModel.aliasedTerms`) have no row.
    public let rows: [LogisticCoefficientInference]
    /// The l2 penalty of the fit.
    public let l2: Double

    /// Whether the fit was penalized. The standard errors then come from the penalized Hessian
    /// and are shrunk along with the estimates: the intervals and p-values are *not* valid
    /// inference (statsmodels likewise reports none for regularized fits).
    public var isPenalized: Bool { l2 > 0 }
    /// A caveat to print under the table, or nil for an unpenalized fit.
    public var note: String? {
        isPenalized
            ? "l2 = \(l2): penalized estimates; standard errors, p-values and intervals are not valid inference"
            : nil
    }
}

/// What the fit stored for the inference table.
enum _InferenceState: Sendable, Hashable {
    /// Standard errors of the parameters θ = (intercept?, coefficients...).
    case standardErrors([Double])
    /// The Hessian was singular at these terms.
    case singular([LogisticTerm])
    /// Not computed; the reason.
    case notComputed(String)

    /// Above this, a diagonal element of the inverse of the unit-diagonal Hessian (a variance
    /// inflation factor) marks its term as collinear: the term's direction carries less than
    /// 1e-10 of its own curvature, less than rounding in a sum of thousands of rows allows.
    static let inflationLimit = 1e10

    /// Standard errors from the Hessian at the optimum, or the terms that make it singular.
    /// - Parameters:
    ///   - hessian: the p x p Hessian of the penalized objective.
    ///   - fitIntercept: whether parameter 0 is the intercept.
    /// - Returns: `.standardErrors` or `.singular`.
    /// - Complexity: O(p³).
    static func from(hessian: Matrix, fitIntercept: Bool) -> _InferenceState {
        let p = hessian.rows
        func term(_ j: Int) -> LogisticTerm { fitIntercept ? (j == 0 ? .intercept : .feature(j - 1)) : .feature(j) }
        var scale = [Double](repeating: 0, count: p)
        var degenerate: [LogisticTerm] = []
        for j in 0..<p {
            let diagonal = hessian[j, j]
            if diagonal > 0, diagonal.isFinite {
                scale[j] = 1 / diagonal.squareRoot()
            } else {
                degenerate.append(term(j))
            }
        }
        if !degenerate.isEmpty { return .singular(degenerate) }
        var scaled = hessian
        for i in 0..<p {
            for j in 0..<p { scaled[i, j] = hessian[i, j] * scale[i] * scale[j] }
        }
        let inverse: Matrix
        do {
            inverse = try scaled.cholesky().inverse()
        } catch .notPositiveDefinite(let order) {
            return .singular([term(order - 1)])
        } catch {
            return .notComputed("the Hessian could not be inverted: \(error)")
        }
        var standardErrors = [Double](repeating: 0, count: p)
        var collinear: [LogisticTerm] = []
        for j in 0..<p {
            let inflation = inverse[j, j]
            if !(inflation <= inflationLimit) { collinear.append(term(j)) }
            standardErrors[j] = inflation.squareRoot() * scale[j]
        }
        return collinear.isEmpty ? .standardErrors(standardErrors) : .singular(collinear)
    }
}

extension LogisticRegressionModel {
    /// The coefficient table: estimate, standard error, z, two-sided p-value and 95% interval of
    /// every term, with odds ratios (like statsmodels' `Logit.summary()`).
    ///
    /// The standard errors come from the inverse Hessian of the (weighted, penalized) negative
    /// log-likelihood at the optimum, computed at fit time. Sample weights act as frequency
    /// weights. For a penalized fit see `LogisticInferenceTable.isPenalized`.
    /// - Returns: the table, intercept first, without the aliased columns.
    /// - Throws: `LinearModelsError.singularHessian(terms:)` when features are collinear (the
    ///   terms named take part in the collinearity; drop some or refit with l2 > 0), and
    ///   `.inferenceUnavailable` when the fit skipped the Hessian (L-BFGS with more than
    ///   `LogisticRegression.inferenceFeatureLimit` features).
    /// - Complexity: O(d).
    public func inferenceTable() throws(LinearModelsError) -> LogisticInferenceTable {
        switch inferenceState {
        case .notComputed(let reason):
            throw .inferenceUnavailable(reason: reason)
        case .singular(let terms):
            throw .singularHessian(terms: terms)
        case .standardErrors(let errors):
            let estimates = fitsIntercept ? [intercept] + coefficients : coefficients
            let offset = fitsIntercept ? 1 : 0
            let aliased = Set(aliasedTerms.map(\.column))
            var rows: [LogisticCoefficientInference] = []
            for (j, estimate) in estimates.enumerated() where !aliased.contains(j - offset) {
                let term: LogisticTerm = j < offset ? .intercept : .feature(j - offset)
                rows.append(LogisticCoefficientInference(term: term, estimate: estimate, standardError: errors[j]))
            }
            return LogisticInferenceTable(rows: rows, l2: l2)
        }
    }
}
