// A retention campaign's contact list, chosen from scores and economics, with what it is expected
// to keep.
//
// Expected effect of contacting customer i, e_i (the reduction of its churn probability):
// - its uplift score u_i when one is given (the retention uplift of `churn uplift score` for a
//   `--churn-outcome` model; negative for a sleeping dog);
// - otherwise its churn probability times the save rate, p_i · s, s being the relative reduction
//   of a contacted customer's churn probability (the AXA campaign's 9% is s = 0.09).
// Expected value retained by the contact: g_i = v_i · e_i (v_i the customer's value); the contact
// pays when g_i exceeds the cost c of one contact.
//
// Choice: every customer with g_i > c, largest g_i first (earlier rows first among ties), which
// maximises the expected net value Σ (g_i − c); a budget caps the list at k contacts (k given, or
// ⌊money / c⌋; a quotient within 1e-12 relative of an integer counts as that integer, so a budget
// of 0.3 at 0.1 per contact buys 3). A budget that allows more contacts than there are customers
// worth contacting is left partly unused: each further contact would lower the expected net value.
//
// Intervals: prediction intervals for the campaign's realised outcome when the scores are right.
// Under the monotone model (a contact never makes a customer with e_i ≥ 0 leave), contacted
// customer i is kept by the contact with probability e_i (lost by it with probability −e_i when
// e_i < 0): a Bernoulli variable of variance |e_i|(1 − |e_i|), independent across customers. So
// customers retained has variance Σ |e_i|(1 − |e_i|) and value retained Σ v_i² |e_i|(1 − |e_i|);
// the interval is the mean ± z·sd with z the normal quantile (a sum of many small independent
// terms, Lyapunov's central limit theorem). They do not contain the error of the scores
// themselves: a randomized control group (`churn experiment design`) measures that.
//
// Alternatives: the same number of contacts chosen by churn risk, by uplift and at random, valued
// with the same expected effects (`TargetingComparison` with the effects, then with the gains).

import _ChurnKitCore

/// A contact list for a retention campaign and its expected customers and value retained, with
/// intervals, beside the same number of contacts chosen by risk, by uplift and at random (see the
/// file header for every formula).
public struct TargetingPlan: Sendable, Codable, Equatable {
    /// How many customers may be contacted.
    public enum Budget: Sendable, Codable, Equatable {
        /// Every customer whose expected value retained exceeds the cost of a contact.
        case maximumNetValue
        /// At most this many contacts.
        case contacts(Int)
        /// At most ⌊amount / cost per contact⌋ contacts (money, in the unit of the values).
        case money(Double)
    }

    /// What a set of contacts is expected to achieve.
    public struct Expectation: Sendable, Codable, Equatable {
        /// Customers contacted.
        public var contacts: Int
        /// Σ e_i over the contacts: expected customers kept by the contact.
        public var customersRetained: Double
        /// Prediction interval of the customers retained (sum of Bernoulli variances); `nil` for
        /// the alternatives.
        public var customersRetainedInterval: ConfidenceInterval?
        /// Σ v_i · e_i over the contacts.
        public var valueRetained: Double
        /// Prediction interval of the value retained; `nil` for the alternatives.
        public var valueRetainedInterval: ConfidenceInterval?
        /// contacts × cost per contact.
        public var cost: Double
        /// valueRetained − cost.
        public var netValue: Double
        /// `valueRetainedInterval` minus the (known) cost.
        public var netValueInterval: ConfidenceInterval?
        /// netValue / cost; `nil` when nothing is spent.
        public var returnOnInvestment: Double?
    }

    /// A way of choosing the same number of contacts.
    public enum Rule: String, Sendable, Codable, CaseIterable {
        /// This plan: largest expected value retained first.
        case expectedNetValue
        /// Largest uplift score first.
        case uplift
        /// Largest churn probability first.
        case risk
        /// A random set (the expectation over random sets).
        case random
    }

    /// One rule and what its contacts are expected to achieve.
    public struct Alternative: Sendable, Codable, Equatable {
        /// The rule.
        public var rule: Rule
        /// Its expected figures (without intervals).
        public var expectation: Expectation
    }

    /// Rows to contact, best first.
    public let contacts: [Int]
    /// e_i per customer (uplift, or risk × save rate).
    public let expectedEffect: [Double]
    /// v_i · e_i per customer.
    public let expectedGain: [Double]
    /// Cost of one contact.
    public let costPerContact: Double
    /// Contacts the budget allows (`nil` for `.maximumNetValue`).
    public let budgetContacts: Int?
    /// Customers whose expected value retained exceeds the cost of a contact.
    public let worthContacting: Int
    /// Confidence level of the intervals.
    public let confidence: Double
    /// What the contact list is expected to achieve, with prediction intervals.
    public let expected: Expectation
    /// The same number of contacts chosen by this plan, by uplift (when given), by risk (when
    /// given) and at random, in that order.
    public let alternatives: [Alternative]

    /// Chooses the contacts.
    /// - Parameters:
    ///   - risk: Churn probability per customer, in [0, 1] (`churn score`), or `nil`.
    ///   - uplift: Expected reduction of each customer's churn probability when contacted, in
    ///     [−1, 1] (`churn uplift score`), or `nil`; one of `risk` and `uplift` is required.
    ///   - saveRate: Relative reduction of a contacted customer's churn probability, in [0, 1];
    ///     required without `uplift`, refused with it.
    ///   - values: Value of keeping each customer (finite, any unit).
    ///   - costPerContact: Cost of one contact, finite and ≥ 0 (> 0 for a money budget).
    ///   - budget: The cap on contacts, default none (maximum expected net value).
    ///   - confidence: Level of the prediction intervals, in (0, 1), default 0.95.
    /// - Throws: `ExperimentsError` naming the first invalid argument or value.
    /// - Complexity: O(n log n) time, O(n) memory (four sorts of the n customers).
    public init(
        risk: [Double]?, uplift: [Double]?, saveRate: Double?, values: [Double], costPerContact: Double,
        budget: Budget = .maximumNetValue, confidence: Double = 0.95
    ) throws(ExperimentsError) {
        let n = values.count
        guard n > 0 else { throw .emptyInput("no customers to target") }
        try _checkScores(risk, name: "risk", range: 0...1, count: n)
        try _checkScores(uplift, name: "uplift", range: -1...1, count: n)
        if let bad = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(argument: "values", index: bad, value: values[bad]) }
        guard costPerContact.isFinite, costPerContact >= 0 else {
            throw .invalidArgument(name: "costPerContact", value: "\(costPerContact)", reason: "must be a finite number >= 0")
        }
        guard confidence > 0, confidence < 1 else {
            throw .invalidArgument(name: "confidence", value: "\(confidence)", reason: "must lie in (0, 1)")
        }
        let effect: [Double]
        if let uplift {
            if let rate = saveRate {
                throw .invalidArgument(name: "saveRate", value: "\(rate)", reason: "applies only without uplift scores (the uplift is the effect)")
            }
            effect = uplift
        } else if let risk {
            guard let rate = saveRate else {
                throw .invalidArgument(name: "saveRate", value: "nil", reason: "needed without uplift scores: the relative reduction of a contacted customer's churn probability")
            }
            guard rate >= 0, rate <= 1 else { throw .invalidArgument(name: "saveRate", value: "\(rate)", reason: "must lie in [0, 1]") }
            effect = risk.map { $0 * rate }
        } else {
            throw .invalidArgument(name: "risk, uplift", value: "nil", reason: "give churn probabilities, uplift scores or both")
        }
        let cap = try _contactCap(budget, costPerContact: costPerContact, customers: n)
        let gain = zip(values, effect).map { $0 * $1 }
        let worth = gain.reduce(0) { $0 + ($1 > costPerContact ? 1 : 0) }
        let chosen = Array(_top(gain, min(cap ?? n, worth)))

        let z = SpecialFunctions.normalQuantile(0.5 + confidence / 2)
        var customersVariance = 0.0, valueVariance = 0.0
        for i in chosen {
            let e = abs(effect[i]), variance = e * (1 - e)
            customersVariance += variance
            valueVariance += values[i] * values[i] * variance
        }
        func interval(_ mean: Double, _ variance: Double) -> ConfidenceInterval {
            ConfidenceInterval(lower: mean - z * variance.squareRoot(), upper: mean + z * variance.squareRoot())
        }
        let retained = chosen.reduce(0) { $0 + effect[$1] }, value = chosen.reduce(0) { $0 + gain[$1] }
        let valueInterval = interval(value, valueVariance)
        let cost = Double(chosen.count) * costPerContact
        expected = Expectation(
            contacts: chosen.count, customersRetained: retained, customersRetainedInterval: interval(retained, customersVariance),
            valueRetained: value, valueRetainedInterval: valueInterval, cost: cost, netValue: value - cost,
            netValueInterval: ConfidenceInterval(lower: valueInterval.lower - cost, upper: valueInterval.upper - cost),
            returnOnInvestment: cost > 0 ? (value - cost) / cost : nil)

        let k = chosen.count, riskScores = risk ?? effect, upliftScores = uplift ?? effect
        let customers = try TargetingComparison(trueReduction: effect, riskScores: riskScores, upliftScores: upliftScores, targeted: k)
        let money = try TargetingComparison(trueReduction: gain, riskScores: riskScores, upliftScores: upliftScores, targeted: k)
        func alternative(_ rule: Rule, _ retained: Double, _ value: Double) -> Alternative {
            Alternative(rule: rule, expectation: Expectation(
                contacts: k, customersRetained: retained, customersRetainedInterval: nil, valueRetained: value, valueRetainedInterval: nil,
                cost: cost, netValue: value - cost, netValueInterval: nil, returnOnInvestment: cost > 0 ? (value - cost) / cost : nil))
        }
        var alternatives = [Alternative(rule: .expectedNetValue, expectation: expected)]
        if uplift != nil { alternatives.append(alternative(.uplift, customers.retainedByUplift, money.retainedByUplift)) }
        if risk != nil { alternatives.append(alternative(.risk, customers.retainedByRisk, money.retainedByRisk)) }
        alternatives.append(alternative(.random, customers.retainedAtRandom, money.retainedAtRandom))

        contacts = chosen
        expectedEffect = effect
        expectedGain = gain
        self.costPerContact = costPerContact
        budgetContacts = cap
        worthContacting = worth
        self.confidence = confidence
        self.alternatives = alternatives
    }
}

/// Checks an optional score array: its length and that every value is finite and in `range`.
private func _checkScores(_ scores: [Double]?, name: String, range: ClosedRange<Double>, count: Int) throws(ExperimentsError) {
    guard let scores else { return }
    guard scores.count == count else { throw .lengthMismatch(argument: name, count: scores.count, expected: count) }
    if let bad = scores.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(argument: name, index: bad, value: scores[bad]) }
    if let bad = scores.firstIndex(where: { !range.contains($0) }) {
        throw .invalidArgument(name: "\(name)[\(bad)]", value: "\(scores[bad])", reason: "must lie in [\(range.lowerBound), \(range.upperBound)]")
    }
}

/// The most contacts a budget allows (`nil`: no cap), at most `customers`.
private func _contactCap(_ budget: TargetingPlan.Budget, costPerContact: Double, customers n: Int) throws(ExperimentsError) -> Int? {
    switch budget {
    case .maximumNetValue: return nil
    case .contacts(let k):
        guard k >= 0 else { throw .invalidCount(argument: "contacts", value: k, reason: "must be 0 or more") }
        return min(k, n)
    case .money(let amount):
        guard amount.isFinite, amount >= 0 else { throw .invalidArgument(name: "budget", value: "\(amount)", reason: "must be a finite amount >= 0") }
        guard costPerContact > 0 else {
            throw .invalidArgument(name: "costPerContact", value: "\(costPerContact)", reason: "a money budget needs a positive cost per contact")
        }
        let quotient = (amount / costPerContact * (1 + 1e-12)).rounded(.down)
        return quotient >= Double(n) ? n : Int(quotient)
    }
}
