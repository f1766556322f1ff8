// The Qini a ranking should give on a randomized sample when every customer's response
// probability is known (a simulation), and its sampling error.
//
// Given the sample's treatment flags and the ranking, the Qini curve at each evaluated point j
// (the last row of a run of equal scores, as in `UpliftEvaluation`) is
//   Q_j = Σ_{treated in top} Y_i − r_j · Σ_{control in top} Y_i,   r_j = n_t(j) / n_c(j),
// linear in the responses Y_i. So is the Qini coefficient's numerator, the area between the curve
// and the random line, G = A_model − A_random = Σ_j w_j Q_j (trapezoid weights
// w_j = (x_{j+1} − x_{j−1}) / 2, the last one (x_J − x_{J−1}) / 2 − x_J / 2 for the random line
// x_J Q_J / 2). Hence G = Σ_i c_i Y_i with c_i = Σ_{j ≥ j(i)} w_j for a treated customer and
// −Σ_{j ≥ j(i)} w_j r_j for a control one (j(i) the first point that includes i), and with
// independent Bernoulli responses of known probabilities π_i:
//   E[G] = Σ c_i π_i,   Var[G] = Σ c_i² π_i (1 − π_i)      (exact, given the assignment).
// The expected curve is E[Q_j] with π in place of Y. The true Qini is the expectation for the
// ranking by the true uplift. The normalised coefficient divides by the observed
// A_perfect − A_random (scikit-uplift's), so the expected coefficient is E[G] / (A_perfect −
// A_random) and its standard deviation sd(G) / (A_perfect − A_random), conditional on that
// denominator (a sum over all customers, whose relative variation is small next to G's).

/// The expected Qini of a ranking from known response probabilities, beside the measured one.
public struct ExpectedQini: Sendable, Codable, Equatable {
    /// The expected Qini curve E[Q_j] at the measured curve's points.
    public var curve: UpliftCurvePoints
    /// E[A_model − A_random]: the expected area between the Qini curve and the random line.
    public var expectedGain: Double
    /// Standard deviation of A_model − A_random from the Bernoulli responses.
    public var gainStandardDeviation: Double
    /// The measured A_model − A_random.
    public var measuredGain: Double
    /// expectedGain / (A_perfect − A_random) of the sample.
    public var expectedCoefficient: Double
    /// gainStandardDeviation / (A_perfect − A_random).
    public var coefficientStandardDeviation: Double
    /// The measured Qini coefficient (`UpliftEvaluation.qiniCoefficient`).
    public var measuredCoefficient: Double

    /// (measured − expected) gain in standard deviations.
    public var standardizedDifference: Double { (measuredGain - expectedGain) / gainStandardDeviation }
}

extension UpliftEvaluation {
    /// The Qini these scores should give on this sample when each customer's probability of the
    /// desired response in its own group is known (see the file header for the formulas).
    /// - Parameter π: P(desired response) of each customer given its group
    ///   (for churn: the probability of staying, treated or not), in [0, 1].
    /// - Returns: Expected and measured Qini gain and coefficient, the gain's standard deviation.
    /// - Throws: `ExperimentsError.lengthMismatch` or `.invalidArgument` for a probability outside
    ///   [0, 1].
    /// - Complexity: O(n log n) (the perfect curve's ranking), O(n) otherwise.
    public func expectedQini(responseProbability π: [Double]) throws(ExperimentsError) -> ExpectedQini {
        guard π.count == outcome.count else { throw .lengthMismatch(argument: "responseProbability", count: π.count, expected: outcome.count) }
        if let bad = π.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw .invalidArgument(name: "responseProbability[\(bad)]", value: "\(π[bad])", reason: "must lie in [0, 1]")
        }
        // Points j: positions ending a run of equal scores, with x_j, r_j and E[Q_j].
        var ends: [Int] = [], ratios: [Double] = []
        var targeted: [Double] = [0], expected: [Double] = [0]
        var nt = 0.0, nc = 0.0, pt = 0.0, pc = 0.0
        for (position, row) in order.enumerated() {
            if treatment[row] { nt += 1; pt += π[row] } else { nc += 1; pc += π[row] }
            guard position == order.count - 1 || scores[order[position + 1]] != scores[row] else { continue }
            let r = nc > 0 ? nt / nc : 0
            ends.append(position)
            ratios.append(r)
            targeted.append(Double(position + 1))
            expected.append(pt - r * pc)
        }
        // Trapezoid weights of Q_1 ... Q_J (x_0 = 0, Q_0 = 0), the random line taken off the last.
        let points = ends.count
        var weights = [Double](repeating: 0, count: points)
        for j in 1...points {
            let next = j < points ? targeted[j + 1] : targeted[j]
            weights[j - 1] = (next - targeted[j - 1]) / 2
        }
        weights[points - 1] -= targeted[points] / 2
        // Suffix sums give each customer's coefficient c_i from the first point that includes it.
        var treatedWeight = 0.0, controlWeight = 0.0
        var mean = 0.0, variance = 0.0, measured = 0.0
        var j = points
        for position in stride(from: order.count - 1, through: 0, by: -1) {
            while j > 0, ends[j - 1] >= position {
                j -= 1
                treatedWeight += weights[j]
                controlWeight += weights[j] * ratios[j]
            }
            let row = order[position]
            let c = treatment[row] ? treatedWeight : -controlWeight
            mean += c * π[row]
            variance += c * c * π[row] * (1 - π[row])
            if outcome[row] { measured += c }
        }
        let perfect = perfectQiniCurve
        let last = perfect.targeted.count - 1
        let denominator = perfect.area - perfect.targeted[last] * perfect.value[last] / 2
        return ExpectedQini(
            curve: UpliftCurvePoints(targeted: targeted, value: expected), expectedGain: mean, gainStandardDeviation: variance.squareRoot(),
            measuredGain: measured, expectedCoefficient: mean / denominator,
            coefficientStandardDeviation: variance.squareRoot() / denominator, measuredCoefficient: qiniCoefficient)
    }
}
