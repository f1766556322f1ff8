// The shifted-beta-geometric (sBG) model of contract renewals.
//
// Model (P. S. Fader and B. G. S. Hardie, "How to Project Customer Retention", Journal of
// Interactive Marketing 21(1), 2007): each customer renews at the end of every period with a
// constant probability 1 − θ, θ ~ Beta(α, β) across customers. Then
//   P(T = 1) = α/(α+β),  P(T = t) = (β+t−2)/(α+β+t−1) · P(T = t−1),
//   S(t) = B(α, β+t)/B(α, β),  retention rate r_t = S(t)/S(t−1) = (β+t−1)/(α+β+t−1),
// and the discounted expected residual lifetime of a customer who has made n − 1 renewals
// (Fader and Hardie, "Customer-Base Valuation in a Contractual Setting", Marketing Science 29(1),
// 2010, eq. 6) is DERL(d) = (β+n−1)/(α+β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d)).
// Goal: α, β of the paper's "regular" (0.704, 1.182) and "high end" (0.668, 3.806) cohorts by
// maximum likelihood, Σ_t n_t ln P(T = t) + (survivors at the end) · ln S(last), in logarithms.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinearAlgebra
import _ChurnKitCore

/// The sBG trainer: maximum likelihood by damped Newton over log α and log β.
public struct ShiftedBetaGeometric: Sendable {
    /// The Newton iteration cap.
    public var maxIterations: Int

    /// Creates a trainer.
    /// - Parameter maxIterations: The Newton iteration cap (default 200).
    public init(maxIterations: Int = 200) { self.maxIterations = maxIterations }

    /// Fits the model to a cohort's survivors at the end of each period.
    /// - Parameters:
    ///   - survivors: Customers still active at the end of periods 1, 2, …, k (non-increasing).
    ///   - initial: Customers at the start (period 0).
    /// - Returns: The fitted model.
    /// - Throws: `SurvivalError.invalidInput` when the counts are not finite, negative,
    ///   increasing, above `initial`, or empty; `.fitFailed` when no maximum is found (for
    ///   example when nobody ever leaves).
    /// - Complexity: O(T · k).
    public func fit(survivors: [Double], initial: Double) throws(SurvivalError) -> ShiftedBetaGeometricModel {
        guard !survivors.isEmpty, initial > 0, initial.isFinite else {
            throw .invalidInput("sBG needs a positive initial count and at least one period of survivors")
        }
        var previous = initial
        for (t, s) in survivors.enumerated() {
            guard s.isFinite, s >= 0, s <= previous else {
                throw .invalidInput("survivors must be finite, ≥ 0 and non-increasing from \(initial); period \(t + 1) has \(s) after \(previous)")
            }
            previous = s
        }
        guard survivors.last ?? initial < initial else { throw .fitFailed(model: "sBG", reason: "nobody left the cohort, so churn cannot be estimated") }
        let lost = zip([initial] + survivors.dropLast(), survivors).map { $0 - $1 }
        let remaining = survivors.last ?? 0
        do {
            let fit = try NewtonMaximizer(maxIterations: maxIterations).maximizePositive(start: [1, 1]) { p in
                ShiftedBetaGeometricModel._logLikelihood(alpha: p[0], beta: p[1], lost: lost, remaining: remaining)
            }
            return ShiftedBetaGeometricModel(
                alpha: fit.parameters[0], beta: fit.parameters[1], logLikelihood: fit.logLikelihood,
                standardErrors: fit.standardErrors, periodsObserved: survivors.count, iterationCount: fit.iterations)
        } catch {
            throw .fitFailed(model: "sBG", reason: error.description)
        }
    }
}

/// A fitted sBG model.
public struct ShiftedBetaGeometricModel: Sendable, Codable, Equatable {
    /// First shape of the beta distribution of churn probabilities.
    public var alpha: Double
    /// Second shape of the beta distribution of churn probabilities.
    public var beta: Double
    /// The maximised log-likelihood.
    public var logLikelihood: Double
    /// Standard errors of α and β.
    public var standardErrors: [Double]
    /// Periods the model was fitted to.
    public var periodsObserved: Int
    /// Newton iterations of the fit.
    public var iterationCount: Int

    /// Creates a model from known parameters.
    /// - Parameters: alpha, beta: the parameters; the fit statistics default to NaN / 0.
    public init(
        alpha: Double, beta: Double, logLikelihood: Double = .nan, standardErrors: [Double] = [.nan, .nan],
        periodsObserved: Int = 0, iterationCount: Int = 0
    ) {
        self.alpha = alpha
        self.beta = beta
        self.logLikelihood = logLikelihood
        self.standardErrors = standardErrors
        self.periodsObserved = periodsObserved
        self.iterationCount = iterationCount
    }

    static func _logLikelihood(alpha: Double, beta: Double, lost: [Double], remaining: Double) -> Double {
        var logP = log(alpha) - log(alpha + beta)
        var total = 0.0
        for (index, count) in lost.enumerated() {
            let t = Double(index + 1)
            if index > 0 { logP += log(beta + t - 2) - log(alpha + beta + t - 1) }
            if count > 0 { total += count * logP }
        }
        let logS = SpecialFunctions.logBeta(alpha, beta + Double(lost.count)) - SpecialFunctions.logBeta(alpha, beta)
        total += remaining > 0 ? remaining * logS : 0
        return total.isNaN ? -.infinity : total
    }

    /// S(t) = B(α, β+t)/B(α, β): the share of a cohort still active after t periods.
    /// - Parameter t: Periods (≥ 0).
    /// - Returns: The survival probability.
    /// - Complexity: O(1).
    public func survival(after t: Int) -> Double {
        t <= 0 ? 1 : exp(SpecialFunctions.logBeta(alpha, beta + Double(t)) - SpecialFunctions.logBeta(alpha, beta))
    }

    /// P(T = t): the probability of leaving at the end of period t.
    /// - Parameter t: The period (≥ 1).
    /// - Returns: α·B… = S(t−1) − S(t).
    /// - Complexity: O(1).
    public func churnProbability(period t: Int) -> Double {
        t < 1 ? 0 : exp(SpecialFunctions.logBeta(alpha + 1, beta + Double(t) - 1) - SpecialFunctions.logBeta(alpha, beta))
    }

    /// The retention rate of period t among those active at its start, (β+t−1)/(α+β+t−1).
    /// - Parameter t: The period (≥ 1).
    /// - Returns: S(t)/S(t−1).
    /// - Complexity: O(1).
    public func retentionRate(period t: Int) -> Double {
        (beta + Double(t) - 1) / (alpha + beta + Double(t) - 1)
    }

    /// The discounted expected residual lifetime of a customer who has renewed n − 1 times, in
    /// periods (the current period's payment is not counted; a payment at the end of each renewal).
    /// - Parameters:
    ///   - d: The discount rate per period d (> 0).
    ///   - renewals: Renewals made so far, n − 1 (0 for a customer at the end of period 1).
    /// - Returns: (β+n−1)/(α+β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d)); NaN for d ≤ 0.
    /// - Complexity: O(terms of the ₂F₁ series).
    public func discountedExpectedResidualLifetime(discountRate d: Double, renewals: Int = 0) -> Double {
        guard d > 0, renewals >= 0 else { return .nan }
        let n = Double(renewals + 1)
        return (beta + n - 1) / (alpha + beta + n - 1)
            * SpecialFunctions.hypergeometric2F1(1, beta + n, alpha + beta + n, 1 / (1 + d))
    }
}
