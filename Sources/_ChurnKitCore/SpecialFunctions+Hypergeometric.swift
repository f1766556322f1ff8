// The Gauss hypergeometric function ₂F₁(a, b; c; z) for the customer-base models.
//
// Goal: the values the buy-till-you-die models need (BG/NBD conditional expectations, Pareto/NBD
// likelihood and P(alive), sBG discounted expected residual lifetime), where a, b, c > 0 and
// 0 ≤ z < 1, to about 1e-14 relative, returned as a logarithm so that large values (long
// horizons, heavy buyers) neither overflow nor lose their relative precision.
//
// Method: the defining series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ. With a, b, c > 0 and z ≥ 0 every term is
// positive, so the sum has no cancellation; it is accumulated relative to a running scale (the
// largest term so far) in the logarithm, so terms that would overflow a Double do not. The ratio
// of consecutive terms tends to z, so the series needs about log(ε)/log(z) terms past its peak
// (≈ 3,600 at z = 0.99); a cap of 10⁷ terms returns NaN rather than a wrong value.
// Reference: Abramowitz and Stegun, "Handbook of Mathematical Functions" (1964), 15.1.1.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SpecialFunctions {
    /// The natural logarithm of the Gauss hypergeometric function ₂F₁(a, b; c; z).
    /// - Parameters:
    ///   - a: First numerator parameter, > 0.
    ///   - b: Second numerator parameter, > 0.
    ///   - c: Denominator parameter, > 0.
    ///   - z: The argument, in [0, 1).
    /// - Returns: log ₂F₁(a, b; c; z); NaN outside that domain or when the series does not
    ///   converge within 10⁷ terms.
    /// - Complexity: O(log(ε)/log(z) + a·b/c) terms.
    package static func logHypergeometric2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
        guard a > 0, b > 0, c > 0, z >= 0, z < 1, a.isFinite, b.isFinite, c.isFinite else { return .nan }
        if z == 0 { return 0 }
        var logScale = 0.0  // log of the scale the running sum and term are divided by
        var term = 1.0
        var sum = 1.0
        var n = 0.0
        while n < 1e7 {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
            sum += term
            n += 1
            if term < sum * 1e-17 && (a + n) * (b + n) / ((c + n) * (n + 1)) * z < 1 { return logScale + log(sum) }
            if sum > 1e280 {
                logScale += log(sum)
                term /= sum
                sum = 1
            }
        }
        return .nan
    }

    /// The Gauss hypergeometric function ₂F₁(a, b; c; z) (see `logHypergeometric2F1`).
    /// - Parameters:
    ///   - a: First numerator parameter, > 0.
    ///   - b: Second numerator parameter, > 0.
    ///   - c: Denominator parameter, > 0.
    ///   - z: The argument, in [0, 1).
    /// - Returns: ₂F₁(a, b; c; z) (infinite when it overflows); NaN outside the domain.
    /// - Complexity: As `logHypergeometric2F1`.
    package static func hypergeometric2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
        exp(logHypergeometric2F1(a, b, c, z))
    }

    /// The logarithm of the beta function, log B(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a + b).
    /// - Parameters:
    ///   - a: First argument, > 0.
    ///   - b: Second argument, > 0.
    /// - Returns: log B(a, b); NaN when an argument is not positive.
    /// - Complexity: O(1).
    package static func logBeta(_ a: Double, _ b: Double) -> Double {
        guard a > 0, b > 0 else { return .nan }
        return lgamma(a) + lgamma(b) - lgamma(a + b)
    }
}
