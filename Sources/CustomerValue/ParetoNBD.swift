// Pareto/NBD: Poisson purchasing at rate λ ~ Gamma(r, α) and an exponential lifetime with rate
// μ ~ Gamma(s, β) (Schmittlein, Morrison and Colombo 1987).
//
// Goals: the maximum-likelihood fit and predictions of the `lifetimes` package (0.11.3) and of
// Fader and Hardie's note "A Note on Deriving the Pareto/NBD Model and Related Expressions" (2005),
// with a log-likelihood never below theirs. Numerics: the likelihood needs
//   A₀ = ₂F₁(r+s+x, t; r+s+x+1; |α−β|/(m+tₓ))/(m+tₓ)^{r+s+x} − ₂F₁(…; |α−β|/(m+T))/(m+T)^{r+s+x},
// with m = max(α, β) and t = r+x when α < β, s+1 otherwise. Both terms are formed in logarithms
// and subtracted as u + log1p(−e^{v−u}) (u ≥ v), so no term overflows and the difference keeps its
// relative precision; A₀ = 0 exactly when tₓ = T.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinearAlgebra
import _ChurnKitCore

/// The Pareto/NBD trainer: maximum likelihood by damped Newton over the logarithms of r, α, s, β.
public struct ParetoNBD: Sendable {
    /// The Newton iteration cap.
    public var maxIterations: Int

    /// Creates a trainer.
    /// - Parameter maxIterations: The Newton iteration cap (default 200).
    public init(maxIterations: Int = 200) { self.maxIterations = maxIterations }

    /// Fits the model to customers' repeat-purchase histories.
    /// - Parameters:
    ///   - frequency: Repeat purchases x per customer.
    ///   - recency: Time of the last purchase tₓ per customer.
    ///   - age: Time since the first purchase T per customer.
    /// - Returns: The fitted model with standard errors from the observed information.
    /// - Throws: `CustomerValueError.invalidInput` for inconsistent histories, `.fitFailed`
    ///   when the likelihood cannot be maximised.
    /// - Complexity: O(n + T · d · h) for T iterations, d distinct histories (x, tₓ, T) of the n
    ///   customers and h terms per ₂F₁ series.
    public func fit(frequency: [Double], recency: [Double], age: [Double]) throws(CustomerValueError) -> ParetoNBDModel {
        try _validateRepeatData(frequency: frequency, recency: recency, age: age)
        let meanAge = age.reduce(0, +) / Double(age.count)
        let start = [1.0, max(meanAge, 1e-3), 1.0, max(meanAge, 1e-3)]
        let histories = _DistinctRows(frequency, recency, age)
        do {
            let fit = try NewtonMaximizer(maxIterations: maxIterations).maximizePositive(start: start) { p in
                ParetoNBDModel._logLikelihood(p, histories.columns[0], histories.columns[1], histories.columns[2], weights: histories.count)
            }
            return ParetoNBDModel(
                r: fit.parameters[0], alpha: fit.parameters[1], s: fit.parameters[2], beta: fit.parameters[3],
                logLikelihood: fit.logLikelihood, standardErrors: fit.standardErrors,
                customerCount: frequency.count, iterationCount: fit.iterations)
        } catch {
            throw .fitFailed(model: "Pareto/NBD", reason: error.description)
        }
    }
}

/// A fitted Pareto/NBD model.
public struct ParetoNBDModel: RepeatPurchaseModel, Codable, Equatable {
    /// Shape of the gamma distribution of purchase rates.
    public var r: Double
    /// Scale of the gamma distribution of purchase rates.
    public var alpha: Double
    /// Shape of the gamma distribution of dropout rates.
    public var s: Double
    /// Scale of the gamma distribution of dropout rates.
    public var beta: Double
    /// The maximised log-likelihood.
    public var logLikelihood: Double
    /// Standard errors of r, α, s, β.
    public var standardErrors: [Double]
    /// Customers the model was fitted to.
    public var customerCount: Int
    /// Newton iterations of the fit.
    public var iterationCount: Int

    /// Creates a model from known parameters.
    /// - Parameters: r, alpha, s, beta: the parameters; the fit statistics default to NaN / 0.
    public init(
        r: Double, alpha: Double, s: Double, beta: Double, logLikelihood: Double = .nan,
        standardErrors: [Double] = [.nan, .nan, .nan, .nan], customerCount: Int = 0, iterationCount: Int = 0
    ) {
        self.r = r
        self.alpha = alpha
        self.s = s
        self.beta = beta
        self.logLikelihood = logLikelihood
        self.standardErrors = standardErrors
        self.customerCount = customerCount
        self.iterationCount = iterationCount
    }

    /// The log-likelihood of histories under these parameters.
    /// - Parameters:
    ///   - frequency: Repeat purchases per customer.
    ///   - recency: Recency per customer.
    ///   - age: Age per customer.
    /// - Returns: Σ ln L(r, α, s, β | xᵢ, tₓᵢ, Tᵢ).
    /// - Complexity: O(n · h).
    public func logLikelihood(frequency: [Double], recency: [Double], age: [Double]) -> Double {
        Self._logLikelihood([r, alpha, s, beta], frequency, recency, age)
    }

    /// Σ wᵢ ln L(r, α, s, β | xᵢ, tₓᵢ, Tᵢ) (every weight 1 when `weights` is nil).
    static func _logLikelihood(_ p: [Double], _ x: [Double], _ tx: [Double], _ t: [Double], weights: [Double]? = nil) -> Double {
        var total = 0.0
        for i in x.indices { total += (weights?[i] ?? 1) * _customerLogLikelihood(p, x[i], tx[i], t[i]) }
        return total.isNaN ? -.infinity : total
    }

    /// log A₀ (see the file header); −∞ when tₓ = T.
    static func _logA0(_ p: [Double], _ x: Double, _ tx: Double, _ t: Double) -> Double {
        let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3])
        let (low, high, shape) = alpha < beta ? (alpha, beta, r + x) : (beta, alpha, s + 1)
        let spread = high - low
        let rsx = r + s + x
        let u = SpecialFunctions.logHypergeometric2F1(rsx, shape, rsx + 1, spread / (high + tx)) - rsx * log(high + tx)
        let v = SpecialFunctions.logHypergeometric2F1(rsx, shape, rsx + 1, spread / (high + t)) - rsx * log(high + t)
        if tx == t { return -.infinity }
        return u + log1p(-exp(v - u))
    }

    static func _customerLogLikelihood(_ p: [Double], _ x: Double, _ tx: Double, _ t: Double) -> Double {
        let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3])
        let a1 = lgamma(r + x) - lgamma(r) + r * log(alpha) + s * log(beta)
        let first = -(r + x) * log(alpha + t) - s * log(beta + t)
        let second = log(s) + _logA0(p, x, tx, t) - log(r + s + x)
        let top = max(first, second)
        return a1 + top + log(exp(first - top) + exp(second - top))
    }

    /// P(alive | x, tₓ, T) = 1 / (1 + s/(r+s+x) · (α+T)^{r+x} (β+T)^s · A₀).
    /// - Parameters:
    ///   - x: Repeat purchases x.
    ///   - tx: Time of the last purchase tₓ.
    ///   - t: Time since the first purchase T.
    /// - Returns: The probability that the customer is still active.
    /// - Complexity: O(h).
    public func probabilityAlive(frequency x: Double, recency tx: Double, age t: Double) -> Double {
        let p = [r, alpha, s, beta]
        let logRatio = log(s) - log(r + s + x) + (r + x) * log(alpha + t) + s * log(beta + t) + Self._logA0(p, x, tx, t)
        return 1 / (1 + exp(logRatio))
    }

    /// E[X(T, T+t) | x, tₓ, T] (Fader and Hardie 2005, eq. 21).
    /// - Parameters:
    ///   - duration: The horizon t.
    ///   - x: Repeat purchases x.
    ///   - tx: Time of the last purchase tₓ.
    ///   - t: Time since the first purchase T.
    /// - Returns: The expected purchases in the next t time units.
    /// - Complexity: O(h).
    public func conditionalExpectedPurchases(duration: Double, frequency x: Double, recency tx: Double, age t: Double) -> Double {
        if duration == 0 { return 0 }
        let p = [r, alpha, s, beta]
        let likelihood = Self._customerLogLikelihood(p, x, tx, t)
        let first = lgamma(r + x) - lgamma(r) + r * log(alpha) + s * log(beta) - (r + x) * log(alpha + t) - s * log(beta + t)
        let second = log(r + x) + log(beta + t) - log(alpha + t)
        let ratio = log((beta + t) / (beta + t + duration))
        // (1 − ((β+T)/(β+T+t))^{s−1}) / (s−1), whose limit at s = 1 is −log((β+T)/(β+T+t)).
        let third = abs(s - 1) < 1e-12 ? log(-ratio) : log(-expm1((s - 1) * ratio) / (s - 1))
        return exp(first + second + third - likelihood)
    }
}
