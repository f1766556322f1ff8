// BG/NBD: the beta-geometric / negative binomial model of repeat purchasing.
//
// Model (Fader, Hardie and Lee, "Counting Your Customers the Easy Way", Marketing Science 24(2),
// 2005): while active, a customer buys at Poisson rate λ ~ Gamma(r, α); after every purchase the
// customer drops out with probability p ~ Beta(a, b).
// Goals: the maximum-likelihood fit on the paper's CDNOW data reproduces its r, α, a, b
// (0.243, 4.414, 0.793, 2.426) and log-likelihood (−9582.4); predictions equal the `lifetimes`
// package's formulas. Numerics: the per-customer likelihood is formed in logarithms,
// ln L = A₁ + A₂ + ln(e^{A₃} + δ_{x>0} e^{A₄}) with
//   A₁ = lnΓ(r+x) − lnΓ(r) + r ln α,  A₂ = ln B(a, b+x) − ln B(a, b),
//   A₃ = −(r+x) ln(α+T),               A₄ = ln a − ln(b+x−1) − (r+x) ln(α+tₓ),
// and the last sum by log-sum-exp, so long histories neither overflow nor underflow. The fit's
// gradient and Hessian are analytic: with π₄ = e^{A₄}/(e^{A₃} + e^{A₄}) the softmax weight of A₄,
//   ∇ ln(e^{A₃} + e^{A₄}) = π₃∇A₃ + π₄∇A₄,
//   ∇² ln(e^{A₃} + e^{A₄}) = π₃∇²A₃ + π₄∇²A₄ + π₃π₄ (∇A₃ − ∇A₄)(∇A₃ − ∇A₄)ᵀ,
// and the log-gamma terms give digamma and trigamma functions. The conditional expectation
// (paper eq. 10) uses ₂F₁ in logarithms (SpecialFunctions).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinearAlgebra
import _ChurnKitCore

/// The BG/NBD trainer: maximum likelihood by damped Newton over the logarithms of r, α, a, b.
public struct BetaGeometricNBD: Sendable {
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
    /// - Complexity: O(n + T · d) for T Newton iterations (one derivative pass and a few
    ///   likelihood passes each), n customers and d distinct histories (x, tₓ, T).
    public func fit(frequency: [Double], recency: [Double], age: [Double]) throws(CustomerValueError) -> BetaGeometricNBDModel {
        try _validateRepeatData(frequency: frequency, recency: recency, age: age)
        let meanAge = age.reduce(0, +) / Double(age.count)
        let start = [1.0, max(meanAge, 1e-3), 1.0, 1.0]
        let histories = _DistinctRows(frequency, recency, age)
        do {
            let (x, tx, t) = (histories.columns[0], histories.columns[1], histories.columns[2])
            let fit = try NewtonMaximizer(maxIterations: maxIterations).maximizePositive(
                start: start, logLikelihood: { BetaGeometricNBDModel._logLikelihood($0, x, tx, t, weights: histories.count) },
                derivatives: { BetaGeometricNBDModel._logLikelihoodDerivatives($0, x, tx, t, weights: histories.count) })
            return BetaGeometricNBDModel(
                r: fit.parameters[0], alpha: fit.parameters[1], a: fit.parameters[2], b: fit.parameters[3],
                logLikelihood: fit.logLikelihood, standardErrors: fit.standardErrors,
                customerCount: frequency.count, iterationCount: fit.iterations)
        } catch {
            throw .fitFailed(model: "BG/NBD", reason: error.description)
        }
    }
}

/// A fitted BG/NBD model.
public struct BetaGeometricNBDModel: RepeatPurchaseModel, Codable, Equatable {
    /// Shape of the gamma distribution of purchase rates.
    public var r: Double
    /// Scale (in time units) of the gamma distribution of purchase rates.
    public var alpha: Double
    /// First shape of the beta distribution of dropout probabilities.
    public var a: Double
    /// Second shape of the beta distribution of dropout probabilities.
    public var b: Double
    /// The maximised log-likelihood.
    public var logLikelihood: Double
    /// Standard errors of r, α, a, b (NaN when the information is singular).
    public var standardErrors: [Double]
    /// Customers the model was fitted to.
    public var customerCount: Int
    /// Newton iterations of the fit.
    public var iterationCount: Int

    /// Creates a model from known parameters (for prediction or simulation).
    /// - Parameters: r, alpha, a, b: the parameters; the remaining fit statistics default to NaN / 0.
    public init(
        r: Double, alpha: Double, a: Double, b: Double, logLikelihood: Double = .nan,
        standardErrors: [Double] = [.nan, .nan, .nan, .nan], customerCount: Int = 0, iterationCount: Int = 0
    ) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
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
    /// - Returns: Σ ln L(r, α, a, b | xᵢ, tₓᵢ, Tᵢ).
    /// - Complexity: O(n).
    public func logLikelihood(frequency: [Double], recency: [Double], age: [Double]) -> Double {
        Self._logLikelihood([r, alpha, a, b], frequency, recency, age)
    }

    /// Σ wᵢ ln L(r, α, a, b | xᵢ, tₓᵢ, Tᵢ) (every weight 1 when `weights` is nil).
    static func _logLikelihood(_ p: [Double], _ x: [Double], _ tx: [Double], _ t: [Double], weights: [Double]? = nil) -> Double {
        let (r, alpha, a, b) = (p[0], p[1], p[2], p[3])
        let common = -lgamma(r) + r * log(alpha) + lgamma(a + b) - lgamma(b)
        let logA = log(a)
        var total = 0.0
        // The terms of x alone, recomputed when x changes (rows sorted by x reuse them).
        var lastX = Double.nan, a1a2 = 0.0, logB = 0.0
        for i in x.indices {
            let xi = x[i], w = weights?[i] ?? 1
            if xi != lastX {
                lastX = xi
                a1a2 = lgamma(r + xi) + lgamma(b + xi) - lgamma(a + b + xi)
                logB = xi > 0 ? log(b + xi - 1) : 0
            }
            let a3 = -(r + xi) * log(alpha + t[i])
            if xi > 0 {
                let a4 = logA - logB - (r + xi) * log(alpha + tx[i])
                let top = max(a3, a4)
                total += w * (a1a2 + top + log(exp(a3 - top) + exp(a4 - top)))
            } else {
                total += w * (a1a2 + a3)
            }
        }
        let value = total + (weights?.reduce(0, +) ?? Double(x.count)) * common
        return value.isNaN ? -.infinity : value
    }

    /// The gradient and Hessian (row-major 4 × 4) in (r, α, a, b) of Σ wᵢ ln L (see the file header).
    static func _logLikelihoodDerivatives(_ p: [Double], _ x: [Double], _ tx: [Double], _ t: [Double], weights: [Double]) -> NewtonDerivatives {
        let (r, alpha, a, b) = (p[0], p[1], p[2], p[3])
        let psiAB = SpecialFunctions.digamma(a + b), triAB = SpecialFunctions.trigamma(a + b)
        // Sums of wᵢ ∂ ln Lᵢ and wᵢ ∂² ln Lᵢ, common terms included at the end.
        var gR = 0.0, gAlpha = 0.0, gA = 0.0, gB = 0.0
        var hRR = 0.0, hRAlpha = 0.0, hAlphaAlpha = 0.0, hAA = 0.0, hAB = 0.0, hBB = 0.0
        var hRA = 0.0, hRB = 0.0, hAlphaA = 0.0, hAlphaB = 0.0
        var lastX = Double.nan
        var psiRX = 0.0, psiBX = 0.0, psiABX = 0.0, triRX = 0.0, triBX = 0.0, triABX = 0.0, logB = 0.0, inverseB = 0.0
        for i in x.indices {
            let xi = x[i], w = weights[i]
            if xi != lastX {
                lastX = xi
                psiRX = SpecialFunctions.digamma(r + xi)
                psiBX = SpecialFunctions.digamma(b + xi)
                psiABX = SpecialFunctions.digamma(a + b + xi)
                triRX = SpecialFunctions.trigamma(r + xi)
                triBX = SpecialFunctions.trigamma(b + xi)
                triABX = SpecialFunctions.trigamma(a + b + xi)
                logB = xi > 0 ? log(b + xi - 1) : 0
                inverseB = xi > 0 ? 1 / (b + xi - 1) : 0
            }
            // lnΓ(r+x) + lnΓ(b+x) − lnΓ(a+b+x).
            gR += w * psiRX
            gA -= w * psiABX
            gB += w * (psiBX - psiABX)
            hRR += w * triRX
            hAA -= w * triABX
            hAB -= w * triABX
            hBB += w * (triBX - triABX)
            // A₃ = −(r+x) ln(α+T): ∇A₃ = (−ln(α+T), −(r+x)/(α+T), 0, 0).
            let rx = r + xi
            let logT = log(alpha + t[i]), inverseT = 1 / (alpha + t[i])
            guard xi > 0 else {
                gR -= w * logT
                gAlpha -= w * rx * inverseT
                hRAlpha -= w * inverseT
                hAlphaAlpha += w * rx * inverseT * inverseT
                continue
            }
            // A₄ = ln a − ln(b+x−1) − (r+x) ln(α+tₓ): ∇A₄ = (−ln(α+tₓ), −(r+x)/(α+tₓ), 1/a, −1/(b+x−1)).
            let logTx = log(alpha + tx[i]), inverseTx = 1 / (alpha + tx[i])
            let a3 = -rx * logT, a4 = log(a) - logB - rx * logTx
            let pi4 = a4 > a3 ? 1 / (1 + exp(a3 - a4)) : exp(a4 - a3) / (1 + exp(a4 - a3))
            let pi3 = 1 - pi4, mix = w * pi3 * pi4
            let dR = logTx - logT, dAlpha = rx * (inverseTx - inverseT), dA = -1 / a, dB = inverseB  // ∇A₃ − ∇A₄
            gR -= w * (pi3 * logT + pi4 * logTx)
            gAlpha -= w * rx * (pi3 * inverseT + pi4 * inverseTx)
            gA += w * pi4 / a
            gB -= w * pi4 * inverseB
            hRR += mix * dR * dR
            hRAlpha += -w * (pi3 * inverseT + pi4 * inverseTx) + mix * dR * dAlpha
            hAlphaAlpha += w * rx * (pi3 * inverseT * inverseT + pi4 * inverseTx * inverseTx) + mix * dAlpha * dAlpha
            hRA += mix * dR * dA
            hRB += mix * dR * dB
            hAlphaA += mix * dAlpha * dA
            hAlphaB += mix * dAlpha * dB
            hAA += -w * pi4 / (a * a) + mix * dA * dA
            hAB += mix * dA * dB
            hBB += w * pi4 * inverseB * inverseB + mix * dB * dB
        }
        // n (−lnΓ(r) + r ln α + lnΓ(a+b) − lnΓ(b)).
        let n = weights.reduce(0, +)
        gR += n * (log(alpha) - SpecialFunctions.digamma(r))
        gAlpha += n * r / alpha
        gA += n * psiAB
        gB += n * (psiAB - SpecialFunctions.digamma(b))
        hRR -= n * SpecialFunctions.trigamma(r)
        hRAlpha += n / alpha
        hAlphaAlpha -= n * r / (alpha * alpha)
        hAA += n * triAB
        hAB += n * triAB
        hBB += n * (triAB - SpecialFunctions.trigamma(b))
        return ([gR, gAlpha, gA, gB], [
            hRR, hRAlpha, hRA, hRB,
            hRAlpha, hAlphaAlpha, hAlphaA, hAlphaB,
            hRA, hAlphaA, hAA, hAB,
            hRB, hAlphaB, hAB, hBB,
        ])
    }

    /// P(alive | x, tₓ, T) = 1 / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+tₓ))^{r+x}) (paper eq. 11).
    /// - Parameters:
    ///   - frequency: Repeat purchases x.
    ///   - recency: Time of the last purchase tₓ.
    ///   - age: Time since the first purchase T.
    /// - Returns: The probability that the customer is still active.
    /// - Complexity: O(1).
    public func probabilityAlive(frequency: Double, recency: Double, age: Double) -> Double {
        guard frequency > 0 else { return 1 }
        let logOdds = (r + frequency) * log((alpha + age) / (alpha + recency)) + log(a / (b + frequency - 1))
        return 1 / (1 + exp(logOdds))
    }

    /// E[X(T, T+t) | x, tₓ, T] (paper eq. 10), with ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t)).
    /// - Parameters:
    ///   - t: The horizon t.
    ///   - x: Repeat purchases x.
    ///   - tx: Time of the last purchase tₓ.
    ///   - age: Time since the first purchase T.
    /// - Returns: The expected purchases in the next t time units (NaN when a ≤ 1 makes the
    ///   formula undefined at a = 1 or a + b + x ≤ 1).
    /// - Complexity: O(terms of the ₂F₁ series).
    public func conditionalExpectedPurchases(duration t: Double, frequency x: Double, recency tx: Double, age: Double) -> Double {
        if t == 0 { return 0 }
        let logHyper = SpecialFunctions.logHypergeometric2F1(r + x, b + x, a + b + x - 1, t / (alpha + age + t))
        let first = (a + b + x - 1) / (a - 1)
        let second = -expm1(logHyper + (r + x) * log((alpha + age) / (alpha + t + age)))
        let denominator = 1 + (x > 0 ? (a / (b + x - 1)) * exp((r + x) * log((alpha + age) / (alpha + tx))) : 0)
        return first * second / denominator
    }

    /// E[X(t)], the purchases expected in the first t time units of a new customer (paper eq. 9).
    /// - Parameter t: The time since the first purchase.
    /// - Returns: (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
    /// - Complexity: O(terms of the ₂F₁ series).
    public func expectedPurchases(duration t: Double) -> Double {
        if t == 0 { return 0 }
        let logHyper = SpecialFunctions.logHypergeometric2F1(r, b, a + b - 1, t / (alpha + t))
        return (a + b - 1) / (a - 1) * -expm1(r * log(alpha / (alpha + t)) + logHyper)
    }
}
