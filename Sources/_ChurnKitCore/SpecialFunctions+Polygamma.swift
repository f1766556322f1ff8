// The digamma and trigamma functions ψ(x) = d lnΓ(x)/dx and ψ′(x), for the analytic gradients
// and Hessians of the customer-base likelihoods (BG/NBD, Gamma-Gamma), whose parameters enter
// through log-gamma functions.
//
// Goal: about 1e-15 relative for x > 0 (the likelihoods' arguments are positive shapes).
// Method: the recurrences ψ(x) = ψ(x+1) − 1/x and ψ′(x) = ψ′(x+1) + 1/x² lift x to at least 10,
// then the asymptotic (Stirling) series
//   ψ(x) ~ ln x − 1/(2x) − Σₖ B₂ₖ/(2k x²ᵏ),   ψ′(x) ~ 1/x + 1/(2x²) + Σₖ B₂ₖ/x²ᵏ⁺¹,
// with the Bernoulli numbers B₂ … B₁₄: at x ≥ 10 the first omitted terms are below 1e-17 relative.
// Reference: Abramowitz and Stegun, "Handbook of Mathematical Functions" (1964), 6.3.5, 6.3.18,
// 6.4.6 and 6.4.12.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SpecialFunctions {
    /// The digamma function ψ(x), the derivative of lnΓ(x).
    /// - Parameter x: The argument, > 0.
    /// - Returns: ψ(x); NaN when x is not positive and finite.
    /// - Complexity: O(max(1, 10 − x)).
    package static func digamma(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return .nan }
        var y = x, shift = 0.0
        while y < 10 {
            shift -= 1 / y
            y += 1
        }
        let w = 1 / (y * y)
        // B₂/2, B₄/4, …, B₁₄/14 in Horner form over 1/y².
        let series = w * (1.0 / 12 - w * (1.0 / 120 - w * (1.0 / 252 - w * (1.0 / 240 - w * (1.0 / 132 - w * (691.0 / 32760 - w / 12))))))
        return shift + log(y) - 0.5 / y - series
    }

    /// The trigamma function ψ′(x), the second derivative of lnΓ(x).
    /// - Parameter x: The argument, > 0.
    /// - Returns: ψ′(x); NaN when x is not positive and finite.
    /// - Complexity: O(max(1, 10 − x)).
    package static func trigamma(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return .nan }
        var y = x, shift = 0.0
        while y < 10 {
            shift += 1 / (y * y)
            y += 1
        }
        let w = 1 / (y * y)
        // B₂, B₄, …, B₁₄ in Horner form over 1/y², divided by y.
        let series = w * (1.0 / 6 - w * (1.0 / 30 - w * (1.0 / 42 - w * (1.0 / 30 - w * (5.0 / 66 - w * (691.0 / 2730 - w * 7 / 6))))))
        return shift + (1 + 0.5 / y + series) / y
    }
}
