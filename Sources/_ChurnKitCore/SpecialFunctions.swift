// Special functions shared by the statistics of every ChurnKit module (experiments, survival, customer value).
//
// Goals: p-values and interval critical values that agree with scipy.stats to about 1e-12
// relative in the body and stay accurate in the tails (p-values down to 1e-300), without
// overflow for the large counts of a two-million-customer campaign.
//
// - Normal distribution: the CDF from the C library's `erfc` (accurate in both tails); the quantile
//   by Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988), polished by one Newton step.
// - Regularized incomplete gamma P(a, x) and Q(a, x): series and Lentz continued fraction as in
//   Press et al., "Numerical Recipes", 3rd ed., §6.2; the chi-square survival function is Q(k/2, x/2).
// - Regularized incomplete beta I_x(a, b): continued fraction (Numerical Recipes §6.4); Student's t
//   CDF from it, and the t quantile by safeguarded Newton iteration on that CDF.
// - Hypergeometric probabilities (for Fisher's exact test): the ratio recurrence
//   p(x+1)/p(x) = (K-x)(n-x) / ((x+1)(N-K-n+x+1)) from the mode outwards, then normalised, so no
//   factorial is ever formed.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distribution functions used by the analysis, power and Fisher-test code.
///
/// All functions are pure and accept any finite input; arguments outside a function's domain
/// return NaN rather than trapping.
package enum SpecialFunctions {
    /// The standard normal cumulative distribution function Φ(x).
    /// - Parameter x: The point.
    /// - Returns: P(Z ≤ x) for a standard normal Z.
    package static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The standard normal survival function 1 − Φ(x), accurate in the upper tail.
    /// - Parameter x: The point.
    /// - Returns: P(Z > x) for a standard normal Z.
    package static func normalSurvival(_ x: Double) -> Double {
        0.5 * erfc(x / 2.0.squareRoot())
    }

    /// The standard normal density φ(x).
    /// - Parameter x: The point.
    /// - Returns: exp(−x²/2)/√(2π).
    package static func normalDensity(_ x: Double) -> Double {
        exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
    }

    /// The standard normal quantile Φ⁻¹(p) (AS 241 plus one Newton step).
    /// - Parameter p: A probability in [0, 1].
    /// - Returns: The z with Φ(z) = p; −∞ for 0, +∞ for 1, NaN outside [0, 1].
    package static func normalQuantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        var z: Double
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r
                + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r
                + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
                + 1.3314166789178437745e2) * r + 3.3871328727963666080e0)
            let den = (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r
                + 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r
                + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
                + 4.2313330701600911252e1) * r + 1.0)
            z = q * num / den
        } else {
            var r = q < 0 ? p : 1 - p
            r = (-log(r)).squareRoot()
            if r <= 5 {
                r -= 1.6
                let num = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                    + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r
                    + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                    + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
                let den = (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                    + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                    + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                    + 2.05319162663775882187e0) * r + 1.0)
                z = num / den
            } else {
                r -= 5
                let num = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                    + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                    + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
                    + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
                let den = (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                    + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                    + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                    + 5.99832206555887937690e-1) * r + 1.0)
                z = num / den
            }
            if q < 0 { z = -z }
        }
        // One Newton step on the tail that is computed without cancellation.
        let density = normalDensity(z)
        if density > 0 {
            let error = p < 0.5 ? normalCDF(z) - p : (1 - p) - normalSurvival(z)
            let step = error / density
            if step.isFinite { z -= step }
        }
        return z
    }

    /// The regularized lower incomplete gamma function P(a, x).
    /// - Parameters:
    ///   - a: Shape, > 0.
    ///   - x: Point, ≥ 0.
    /// - Returns: P(a, x) in [0, 1]; NaN outside the domain.
    package static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x >= 0, a.isFinite else { return .nan }
        if x == 0 { return 0 }
        if x.isInfinite { return 1 }
        return x < a + 1 ? _gammaSeries(a, x) : 1 - _gammaContinuedFraction(a, x)
    }

    /// The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x).
    /// - Parameters:
    ///   - a: Shape, > 0.
    ///   - x: Point, ≥ 0.
    /// - Returns: Q(a, x) in [0, 1], accurate when it is tiny; NaN outside the domain.
    package static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x >= 0, a.isFinite else { return .nan }
        if x == 0 { return 1 }
        if x.isInfinite { return 0 }
        return x < a + 1 ? 1 - _gammaSeries(a, x) : _gammaContinuedFraction(a, x)
    }

    /// The chi-square survival function P(X > x) with `degreesOfFreedom` degrees of freedom.
    /// - Parameters:
    ///   - x: The statistic.
    ///   - degreesOfFreedom: Degrees of freedom, > 0.
    /// - Returns: The upper-tail probability (a p-value); 1 for x ≤ 0.
    package static func chiSquareSurvival(_ x: Double, degreesOfFreedom: Double) -> Double {
        guard degreesOfFreedom > 0, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        return regularizedGammaQ(degreesOfFreedom / 2, x / 2)
    }

    /// The natural logarithm of the chi-square survival function, ln P(X > x), finite far below
    /// the smallest Double (a statistic of 5,000 on 1 degree of freedom gives about -2,504.6,
    /// where P itself underflows to 0).
    /// - Parameters:
    ///   - x: The statistic.
    ///   - degreesOfFreedom: Degrees of freedom, > 0.
    /// - Returns: ln of the upper-tail probability; 0 for x ≤ 0.
    package static func chiSquareLogSurvival(_ x: Double, degreesOfFreedom: Double) -> Double {
        guard degreesOfFreedom > 0, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        if x.isInfinite { return -.infinity }
        let a = degreesOfFreedom / 2, half = x / 2
        return half < a + 1 ? log(1 - _gammaSeries(a, half)) : _gammaContinuedFractionLog(a, half)
    }

    /// The regularized incomplete beta function I_x(a, b).
    /// - Parameters:
    ///   - x: Point in [0, 1].
    ///   - a: First shape, > 0.
    ///   - b: Second shape, > 0.
    /// - Returns: I_x(a, b) in [0, 1]; NaN outside the domain.
    package static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        guard a > 0, b > 0, x >= 0, x <= 1 else { return .nan }
        if x == 0 { return 0 }
        if x == 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        let front = exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            return front * _betaContinuedFraction(x, a, b) / a
        }
        return 1 - front * _betaContinuedFraction(1 - x, b, a) / b
    }

    /// Student's t cumulative distribution function.
    /// - Parameters:
    ///   - t: The point.
    ///   - degreesOfFreedom: Degrees of freedom ν > 0 (need not be an integer).
    /// - Returns: P(T ≤ t).
    package static func studentTCDF(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0, !t.isNaN else { return .nan }
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let tail = 0.5 * regularizedBeta(nu / (nu + t * t), nu / 2, 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// Student's t quantile.
    /// - Parameters:
    ///   - p: A probability in (0, 1).
    ///   - degreesOfFreedom: Degrees of freedom ν > 0.
    /// - Returns: The t with P(T ≤ t) = p; NaN outside the domain.
    /// - Complexity: A few dozen incomplete-beta evaluations at most.
    package static func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0, p > 0, p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        if p == 0.5 { return 0 }
        // Work in the upper half and use symmetry.
        let upper = p > 0.5 ? p : 1 - p
        let tailTarget = 1 - upper
        var lo = 0.0
        var hi = max(1.0, 2 * normalQuantile(upper))
        while _tTail(hi, nu) > tailTarget { lo = hi; hi *= 2; if hi > 1e300 { break } }
        var t = min(max(normalQuantile(upper), lo), hi)
        let logNorm = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
        for _ in 0..<100 {
            let f = _tTail(t, nu) - tailTarget
            if f > 0 { lo = t } else { hi = t }
            let density = exp(logNorm - (nu + 1) / 2 * log1p(t * t / nu))
            var next = t + f / density
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if abs(next - t) <= 1e-15 * max(1, abs(t)) { t = next; break }
            t = next
        }
        return p > 0.5 ? t : -t
    }

    /// The hypergeometric distribution of the number of successes in `draws` draws without
    /// replacement from a population of `population` holding `successes` successes.
    /// - Parameters:
    ///   - population: N ≥ 0.
    ///   - successes: K in 0...N.
    ///   - draws: n in 0...N.
    /// - Returns: The smallest possible count and the probabilities of every count from it to the
    ///   largest possible one; `nil` when the arguments are inconsistent.
    /// - Complexity: O(min(K, n)).
    package static func hypergeometricProbabilities(
        population: Int, successes: Int, draws: Int
    ) -> (lowest: Int, probabilities: [Double])? {
        guard population >= 0, successes >= 0, draws >= 0, successes <= population, draws <= population
        else { return nil }
        let lowest = max(0, draws + successes - population)
        let highest = min(successes, draws)
        let count = highest - lowest + 1
        let big = Double(population), k = Double(successes), n = Double(draws)
        let mode = min(max(Int((n + 1) * (k + 1) / (big + 2)), lowest), highest)
        var weights = [Double](repeating: 0, count: count)
        weights[mode - lowest] = 1
        var x = mode
        while x < highest {
            let xd = Double(x)
            let ratio = (k - xd) * (n - xd) / ((xd + 1) * (big - k - n + xd + 1))
            weights[x + 1 - lowest] = weights[x - lowest] * ratio
            x += 1
        }
        x = mode
        while x > lowest {
            let xd = Double(x - 1)
            let ratio = (k - xd) * (n - xd) / ((xd + 1) * (big - k - n + xd + 1))
            weights[x - 1 - lowest] = weights[x - lowest] / ratio
            x -= 1
        }
        let total = weights.reduce(0, +)
        return (lowest, weights.map { $0 / total })
    }
}

/// Upper tail P(T > t) for t ≥ 0.
private func _tTail(_ t: Double, _ nu: Double) -> Double {
    0.5 * SpecialFunctions.regularizedBeta(nu / (nu + t * t), nu / 2, 0.5)
}

private let _tiny = 1e-300
private let _epsilon = 1e-16

/// Series for P(a, x), valid for x < a + 1.
private func _gammaSeries(_ a: Double, _ x: Double) -> Double {
    var ap = a
    var term = 1 / a
    var sum = term
    for _ in 0..<100_000 {
        ap += 1
        term *= x / ap
        sum += term
        if abs(term) < abs(sum) * _epsilon { break }
    }
    return sum * exp(-x + a * log(x) - lgamma(a))
}

/// Continued fraction for Q(a, x) (modified Lentz), valid for x ≥ a + 1.
private func _gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
    exp(_gammaContinuedFractionLog(a, x))
}

/// ln Q(a, x) by the continued fraction (modified Lentz), for x ≥ a + 1.
private func _gammaContinuedFractionLog(_ a: Double, _ x: Double) -> Double {
    var b = x + 1 - a
    var c = 1 / _tiny
    var d = 1 / b
    var h = d
    var i = 1.0
    while i < 100_000 {
        let an = -i * (i - a)
        b += 2
        d = an * d + b
        if abs(d) < _tiny { d = _tiny }
        c = b + an / c
        if abs(c) < _tiny { c = _tiny }
        d = 1 / d
        let delta = d * c
        h *= delta
        if abs(delta - 1) < _epsilon { break }
        i += 1
    }
    return -x + a * log(x) - lgamma(a) + log(h)
}

/// Continued fraction for the incomplete beta function (modified Lentz).
private func _betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    let qab = a + b, qap = a + 1, qam = a - 1
    var c = 1.0
    var d = 1 - qab * x / qap
    if abs(d) < _tiny { d = _tiny }
    d = 1 / d
    var h = d
    var m = 1.0
    while m < 100_000 {
        let m2 = 2 * m
        var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        if abs(d) < _tiny { d = _tiny }
        c = 1 + aa / c
        if abs(c) < _tiny { c = _tiny }
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        if abs(d) < _tiny { d = _tiny }
        c = 1 + aa / c
        if abs(c) < _tiny { c = _tiny }
        d = 1 / d
        let delta = d * c
        h *= delta
        if abs(delta - 1) < _epsilon { break }
        m += 1
    }
    return h
}
