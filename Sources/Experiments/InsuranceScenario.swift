// A documented simulation scenario for rehearsing a retention campaign on insurance policyholders.
//
// Everything below is an assumption of the scenario, not a fact about any insurer; every figure is
// a stored property, so it is written into the simulation manifest with the data.
//
// Attributes (per policyholder, independent draws from the seeded generator):
// - age: normal(48, 15) rounded, clipped to 18...90 years.
// - tenure: years with the insurer, ⌊Exp(mean 7)⌋ clipped to 0...age − 18.
// - premium: annual premium in euros, lognormal(log-mean 6.5, log-sd 0.4) (median ≈ 665 €).
// - claims: claims in the last three years, Poisson(0.25).
// - channel: agent 45%, broker 25%, online 30%.
// - payment frequency: annual 40%, quarterly 15%, monthly 45%.
// - vehicle age: ⌊Exp(mean 6)⌋ clipped to 0...25 years.
// - region: north 20%, south 25%, east 15%, west 20%, capital 20%.
// - a latent disposition ε ~ normal(0, `dispositionSD`) that no attribute reveals.
//
// True yearly cancellation probability without action, p₀ = σ(η):
//   η = intercept − 0.25·(age − 48)/15 − 0.35·ln(1 + tenure) + 0.45·(ln premium − 6.5)/0.4
//       + 0.30·claims + 0.35·[online] + 0.15·[broker] + 0.30·[monthly] + 0.10·[quarterly]
//       + 0.03·vehicle age + region (capital +0.15, south +0.05, others 0) + ε
// (coefficients in `InsuranceScenario`; with the defaults the mean p₀ is about 12%).
//
// Response to the action (a retention contact), by latent type:
// - sleeping dog, with probability σ(−2.6 + 1.0·claims + 0.8·(ln premium − 6.5)/0.4 + 0.8·[online]):
//   price-sensitive online customers with recent claims, whom a contact prompts to compare offers;
//   contact raises the probability, p₁ = min(1, p₀·(1 + `sleepingDogIncrease`)). These customers
//   are also high-risk, so targeting by risk alone contacts many of them.
// - otherwise persuadable, with probability σ(−0.2 + 0.8·[monthly] + 0.5·[agent]):
//   p₁ = p₀·(1 − r), r the same for all persuadables.
// - otherwise a lost cause when p₀ ≥ `lostCauseThreshold`, else a sure thing: p₁ = p₀.
// r is calibrated on the generated population so that Σ(p₀ − p₁)/Σp₀ equals
// `targetRelativeReduction` (9%): treating everyone, or a random subset, lowers cancellations by
// 9% relative on average, with the heterogeneity above.
//
// The churn score used for tiering imitates a fitted churn model: σ(η + normal(0, `scoreNoiseSD`)).

import LinearAlgebra

/// Parameters of the simulated insurance portfolio and its response to a retention action.
public struct InsuranceScenario: Sendable, Codable, Equatable {
    /// Number of policyholders.
    public var customerCount: Int
    /// Intercept of the cancellation logit.
    public var intercept: Double
    /// Coefficient on (age − 48)/15.
    public var ageEffect: Double
    /// Coefficient on ln(1 + tenure).
    public var tenureEffect: Double
    /// Coefficient on (ln premium − 6.5)/0.4.
    public var premiumEffect: Double
    /// Coefficient per claim.
    public var claimEffect: Double
    /// Channel effects: [agent, broker, online].
    public var channelEffects: [Double]
    /// Payment-frequency effects: [annual, quarterly, monthly].
    public var paymentEffects: [Double]
    /// Coefficient per year of vehicle age.
    public var vehicleAgeEffect: Double
    /// Region effects: [north, south, east, west, capital].
    public var regionEffects: [Double]
    /// Standard deviation of the unobserved disposition on the logit scale.
    public var dispositionSD: Double
    /// Channel shares: [agent, broker, online].
    public var channelShares: [Double]
    /// Payment-frequency shares: [annual, quarterly, monthly].
    public var paymentShares: [Double]
    /// Region shares: [north, south, east, west, capital].
    public var regionShares: [Double]
    /// Average relative reduction of cancellations when treated (0.09 = 9%).
    public var targetRelativeReduction: Double
    /// Relative increase of a sleeping dog's cancellation probability when contacted.
    public var sleepingDogIncrease: Double
    /// p₀ at or above which an unresponsive customer is labelled a lost cause.
    public var lostCauseThreshold: Double
    /// Noise (logit scale) of the churn score relative to the true logit.
    public var scoreNoiseSD: Double

    /// The `axa` preset: 2,000,000 policyholders with the figures in the file header.
    public static let axa = InsuranceScenario(
        customerCount: 2_000_000, intercept: -2.27, ageEffect: -0.25, tenureEffect: -0.35, premiumEffect: 0.45,
        claimEffect: 0.30, channelEffects: [0, 0.15, 0.35], paymentEffects: [0, 0.10, 0.30], vehicleAgeEffect: 0.03,
        regionEffects: [0, 0.05, 0, 0, 0.15], dispositionSD: 0.5, channelShares: [0.45, 0.25, 0.30],
        paymentShares: [0.40, 0.15, 0.45], regionShares: [0.20, 0.25, 0.15, 0.20, 0.20], targetRelativeReduction: 0.09,
        sleepingDogIncrease: 0.4, lostCauseThreshold: 0.3, scoreNoiseSD: 0.5)

    /// Channel labels, in the order of `channelShares`.
    public static let channelNames = ["agent", "broker", "online"]
    /// Payment-frequency labels, in the order of `paymentShares`.
    public static let paymentNames = ["annual", "quarterly", "monthly"]
    /// Region labels, in the order of `regionShares`.
    public static let regionNames = ["north", "south", "east", "west", "capital"]

    /// The same scenario with another number of policyholders.
    /// - Parameter customerCount: The new size.
    /// - Returns: The scenario.
    public func with(customerCount: Int) -> InsuranceScenario {
        var copy = self
        copy.customerCount = customerCount
        return copy
    }

    /// Memory one simulated policyholder takes while a portfolio is generated, scored and written
    /// (its attributes, probabilities and table columns), for the size check of `validate()`.
    public static let bytesPerCustomer = 200

    /// Checks the parameters.
    /// - Throws: `ExperimentsError` naming the first invalid parameter.
    public func validate() throws(ExperimentsError) {
        guard customerCount > 0 else { throw .invalidCount(argument: "customerCount", value: customerCount, reason: "must be positive") }
        do {
            try InputLimits.elements([customerCount], bytesEach: Self.bytesPerCustomer, name: "customerCount",
                                     what: "a portfolio of \(customerCount) policyholders")
        } catch { throw .limit(error) }
        for (name, shares, count) in [("channelShares", channelShares, 3), ("paymentShares", paymentShares, 3), ("regionShares", regionShares, 5)] {
            guard shares.count == count else { throw .lengthMismatch(argument: name, count: shares.count, expected: count) }
            guard shares.allSatisfy({ $0 >= 0 }), abs(shares.reduce(0, +) - 1) <= 1e-9 else {
                throw .sharesDoNotSumToOne(tier: name, sum: shares.reduce(0, +))
            }
        }
        for (name, effects, count) in [("channelEffects", channelEffects, 3), ("paymentEffects", paymentEffects, 3), ("regionEffects", regionEffects, 5)] {
            guard effects.count == count else { throw .lengthMismatch(argument: name, count: effects.count, expected: count) }
        }
        guard targetRelativeReduction > -1, targetRelativeReduction < 1 else {
            throw .invalidArgument(name: "targetRelativeReduction", value: "\(targetRelativeReduction)", reason: "must lie in (-1, 1)")
        }
        guard sleepingDogIncrease >= 0, dispositionSD >= 0, scoreNoiseSD >= 0 else {
            throw .invalidArgument(name: "sleepingDogIncrease / dispositionSD / scoreNoiseSD", value: "\(sleepingDogIncrease), \(dispositionSD), \(scoreNoiseSD)", reason: "must be non-negative")
        }
    }
}
