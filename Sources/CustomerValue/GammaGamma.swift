// The Gamma-Gamma model of spend per transaction.
//
// Model (Fader, Hardie and Lee, "RFM and CLV: Using Iso-Value Curves for Customer Base
// Analysis", JMR 2005; Fader and Hardie, "The Gamma-Gamma Model of Monetary Value", 2013): a
// customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ); only repeat customers
// (x > 0) with their mean repeat spend mₓ enter the fit. Goal: p, q, γ = 6.25, 3.74, 15.44 on CDNOW,
// and the `lifetimes` package's likelihood and conditional expectation. Per customer,
//   ln L = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln mₓ + px ln x − (px+q) ln(x mₓ + γ).
// The fit's gradient and Hessian are analytic, in digamma ψ and trigamma ψ′ functions: with
// s = px+q and u = x mₓ + γ,
//   ∂p = x (ψ(s) − ψ(px) + ln mₓ + ln x − ln u),  ∂q = ψ(s) − ψ(q) + ln γ − ln u,  ∂γ = q/γ − s/u,
//   ∂pp = x² (ψ′(s) − ψ′(px)),  ∂pq = x ψ′(s),  ∂pγ = −x/u,  ∂qq = ψ′(s) − ψ′(q),
//   ∂qγ = 1/γ − 1/u,  ∂γγ = s/u² − q/γ².

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinearAlgebra
import _ChurnKitCore

/// The Gamma-Gamma trainer: maximum likelihood by damped Newton over the logarithms of p, q, γ.
public struct GammaGamma: Sendable {
    /// The Newton iteration cap.
    public var maxIterations: Int

    /// Creates a trainer.
    /// - Parameter maxIterations: The Newton iteration cap (default 200).
    public init(maxIterations: Int = 200) { self.maxIterations = maxIterations }

    /// Fits the model to the repeat customers among the given ones (x > 0; others are skipped).
    /// - Parameters:
    ///   - frequency: Repeat purchases x per customer.
    ///   - monetaryValue: Mean repeat spend mₓ per customer (> 0 where x > 0).
    /// - Returns: The fitted model.
    /// - Throws: `CustomerValueError.invalidInput` for unequal lengths, no repeat customer, or a
    ///   repeat customer whose mean spend is not positive; `.fitFailed` when the likelihood cannot
    ///   be maximised.
    /// - Complexity: O(T · n).
    public func fit(frequency: [Double], monetaryValue: [Double]) throws(CustomerValueError) -> GammaGammaModel {
        guard frequency.count == monetaryValue.count else {
            throw .invalidInput("frequency has \(frequency.count) values but monetary value has \(monetaryValue.count)")
        }
        var x: [Double] = [], m: [Double] = []
        for i in frequency.indices where frequency[i] > 0 {
            guard monetaryValue[i] > 0, monetaryValue[i].isFinite, frequency[i].isFinite else {
                throw .invalidInput("customer \(i + 1): a repeat customer's mean spend must be positive, got \(monetaryValue[i])")
            }
            x.append(frequency[i])
            m.append(monetaryValue[i])
        }
        guard !x.isEmpty else { throw .invalidInput("no repeat customer (x > 0) to fit the spend model to") }
        // Newton from (1, 1, 1) can climb the degenerate ridge p -> inf, q, gamma -> 0 when spends are
        // far from 1 (20,000 customers simulated from CDNOW's fit did): it then starts from points
        // whose population mean spend p gamma / (q - 1) is the sample's, and keeps the first fit
        // that ends at an interior maximum with a finite information matrix.
        let meanSpend = m.reduce(0, +) / Double(m.count)
        let distinct = _DistinctRows(x, m)
        var chosen: (parameters: [Double], logLikelihood: Double, standardErrors: [Double], iterations: Int)?
        var failure = "no start converged"
        for start in [[1, 1, 1], [1, 2, meanSpend], [4, 3, meanSpend / 2]] {
            do {
                let fit = try NewtonMaximizer(maxIterations: maxIterations).maximizePositive(
                    start: start, logLikelihood: { GammaGammaModel._logLikelihood($0, distinct.columns[0], distinct.columns[1], weights: distinct.count) },
                    derivatives: { GammaGammaModel._logLikelihoodDerivatives($0, distinct.columns[0], distinct.columns[1], weights: distinct.count) })
                guard fit.standardErrors.allSatisfy(\.isFinite), fit.parameters.allSatisfy({ $0 > 1e-8 && $0 < 1e8 }) else {
                    failure = "the likelihood has no interior maximum from start \(start) (p, q, gamma -> \(fit.parameters))"
                    continue
                }
                chosen = fit
                break
            } catch {
                failure = error.description
            }
        }
        guard let fit = chosen else { throw .fitFailed(model: "Gamma-Gamma", reason: failure) }
        return GammaGammaModel(
            p: fit.parameters[0], q: fit.parameters[1], gamma: fit.parameters[2], logLikelihood: fit.logLikelihood,
            standardErrors: fit.standardErrors, customerCount: x.count, iterationCount: fit.iterations)
    }
}

/// A fitted Gamma-Gamma spend model.
public struct GammaGammaModel: Sendable, Codable, Equatable {
    /// Shape of the transaction-value distribution.
    public var p: Double
    /// Shape of the gamma distribution of ν.
    public var q: Double
    /// Scale of the gamma distribution of ν (`v` in `lifetimes`).
    public var gamma: Double
    /// The maximised log-likelihood.
    public var logLikelihood: Double
    /// Standard errors of p, q, γ.
    public var standardErrors: [Double]
    /// Repeat customers the model was fitted to.
    public var customerCount: Int
    /// Newton iterations of the fit.
    public var iterationCount: Int

    /// Creates a model from known parameters.
    /// - Parameters: p, q, gamma: the parameters; the fit statistics default to NaN / 0.
    public init(
        p: Double, q: Double, gamma: Double, logLikelihood: Double = .nan, standardErrors: [Double] = [.nan, .nan, .nan],
        customerCount: Int = 0, iterationCount: Int = 0
    ) {
        self.p = p
        self.q = q
        self.gamma = gamma
        self.logLikelihood = logLikelihood
        self.standardErrors = standardErrors
        self.customerCount = customerCount
        self.iterationCount = iterationCount
    }

    /// Σ wᵢ ln L(p, q, γ | xᵢ, mᵢ) (every weight 1 when `weights` is nil).
    static func _logLikelihood(_ parameters: [Double], _ x: [Double], _ m: [Double], weights: [Double]? = nil) -> Double {
        let (p, q, v) = (parameters[0], parameters[1], parameters[2])
        var total = 0.0
        let common = -lgamma(q) + q * log(v)
        // The terms of x alone, recomputed when x changes (rows sorted by x reuse them).
        var lastX = Double.nan, px = 0.0, ofX = 0.0
        for i in x.indices {
            if x[i] != lastX {
                lastX = x[i]
                px = p * x[i]
                ofX = lgamma(px + q) - lgamma(px) + common + px * log(x[i])
            }
            total += (weights?[i] ?? 1) * (ofX + (px - 1) * log(m[i]) - (px + q) * log(x[i] * m[i] + v))
        }
        return total.isNaN ? -.infinity : total
    }

    /// The gradient and Hessian (row-major 3 × 3) in (p, q, γ) of Σ wᵢ ln L (see the file header).
    static func _logLikelihoodDerivatives(_ parameters: [Double], _ x: [Double], _ m: [Double], weights: [Double]) -> NewtonDerivatives {
        let (p, q, v) = (parameters[0], parameters[1], parameters[2])
        var gP = 0.0, gQ = 0.0, gV = 0.0, hPP = 0.0, hPQ = 0.0, hPV = 0.0, hQQ = 0.0, hQV = 0.0, hVV = 0.0
        // The terms of x alone, recomputed when x changes (rows sorted by x reuse them).
        var lastX = Double.nan, s = 0.0, psiS = 0.0, ofX = 0.0, triS = 0.0, triPX = 0.0
        for i in x.indices {
            let xi = x[i], w = weights[i]
            if xi != lastX {
                lastX = xi
                s = p * xi + q
                psiS = SpecialFunctions.digamma(s)
                ofX = psiS - SpecialFunctions.digamma(p * xi) + log(xi)
                triS = SpecialFunctions.trigamma(s)
                triPX = SpecialFunctions.trigamma(p * xi)
            }
            let inverseU = 1 / (xi * m[i] + v), logU = log(xi * m[i] + v)
            gP += w * xi * (ofX + log(m[i]) - logU)
            gQ += w * (psiS - logU)
            gV -= w * s * inverseU
            hPP += w * xi * xi * (triS - triPX)
            hPQ += w * xi * triS
            hPV -= w * xi * inverseU
            hQQ += w * triS
            hQV -= w * inverseU
            hVV += w * s * inverseU * inverseU
        }
        // n (−lnΓ(q) + q ln γ).
        let n = weights.reduce(0, +)
        gQ += n * (log(v) - SpecialFunctions.digamma(q))
        gV += n * q / v
        hQQ -= n * SpecialFunctions.trigamma(q)
        hQV += n / v
        hVV -= n * q / (v * v)
        return ([gP, gQ, gV], [hPP, hPQ, hPV, hPQ, hQQ, hQV, hPV, hQV, hVV])
    }

    /// The expected spend per future transaction of a customer, E[M | x, mₓ] =
    /// (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · mₓ (the population mean pγ/(q−1) when x = 0).
    /// - Parameters:
    ///   - x: Repeat purchases x.
    ///   - m: Mean repeat spend mₓ (ignored when x = 0).
    /// - Returns: The conditional expected spend (NaN when q ≤ 1, where the mean does not exist).
    /// - Complexity: O(1).
    public func conditionalExpectedSpend(frequency x: Double, monetaryValue m: Double) -> Double {
        guard q > 1 else { return .nan }
        let px = p * x
        return (q - 1) / (px + q - 1) * (gamma * p / (q - 1)) + (x > 0 ? px / (px + q - 1) * m : 0)
    }
}
