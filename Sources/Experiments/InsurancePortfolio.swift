import Tabular

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a customer responds to a retention contact (the four classic uplift types).
public enum UpliftType: UInt8, Sendable, Codable, CaseIterable {
    /// Leaves without contact, stays with it.
    case persuadable
    /// Stays either way (no effect).
    case sureThing
    /// Leaves either way (no effect).
    case lostCause
    /// Contact pushes them away.
    case sleepingDog
}

/// The realized figures of a simulation, written beside its data for audit.
public struct SimulationManifest: Sendable, Codable, Equatable {
    /// Format name, "churnkit-simulation".
    public var format: String
    /// Format version (1).
    public var version: Int
    /// The seed as a decimal string.
    public var seed: String
    /// All assumed parameters.
    public var scenario: InsuranceScenario
    /// Mean cancellation probability without action.
    public var meanBaselineProbability: Double
    /// Mean cancellation probability if everyone were contacted.
    public var meanTreatedProbability: Double
    /// 1 − Σp₁/Σp₀ over the whole portfolio (equals the target by calibration).
    public var relativeReduction: Double
    /// The calibrated relative reduction r of a persuadable's probability.
    public var persuadableReduction: Double
    /// Customers of each uplift type, in `UpliftType.allCases` order.
    public var typeCounts: [Int]
    /// Labels of `typeCounts`.
    public var typeNames: [String]
}

/// What the scenario knows about a group of treated customers: the targets of the measured figures.
public struct SimulatedTruth: Sendable, Codable, Equatable {
    /// Customers in the group.
    public var customers: Int
    /// 1 − Σp₁/Σp₀: the true relative reduction of cancellations.
    public var relativeReduction: Double
    /// Σ(p₀ − p₁): expected customers retained.
    public var customersRetained: Double
    /// Σ premium × (p₀ − p₁): expected value (premium) retained.
    public var valueRetained: Double
    /// Share of sleeping dogs (a contact raises their risk).
    public var sleepingDogShare: Double
    /// Share of persuadables.
    public var persuadableShare: Double
    /// Share of lost causes.
    public var lostCauseShare: Double
    /// Mean p₀.
    public var meanBaselineProbability: Double
}

/// A generated insurance portfolio: attributes, true probabilities with and without the action,
/// uplift types and a model-like churn score (see `InsuranceScenario` for every assumption).
public struct InsurancePortfolio: Sendable {
    /// The scenario.
    public let scenario: InsuranceScenario
    /// The seed it was generated with.
    public let seed: UInt64
    /// Policy ids "P0000001", ...
    public let ids: [String]
    /// Age in years.
    public let age: [Double]
    /// Tenure in years.
    public let tenure: [Double]
    /// Annual premium in euros.
    public let premium: [Double]
    /// Claims in the last three years.
    public let claims: [Double]
    /// Channel code (index into `InsuranceScenario.channelNames`).
    public let channel: [Int32]
    /// Payment-frequency code (index into `InsuranceScenario.paymentNames`).
    public let paymentFrequency: [Int32]
    /// Vehicle age in years.
    public let vehicleAge: [Double]
    /// Region code (index into `InsuranceScenario.regionNames`).
    public let region: [Int32]
    /// True cancellation probability without action.
    public let baselineProbability: [Double]
    /// True cancellation probability when contacted.
    public let treatedProbability: [Double]
    /// Uplift type per customer.
    public let upliftType: [UpliftType]
    /// The churn score a fitted model would give (true logit plus noise, through σ).
    public let riskScore: [Double]
    /// The audit record.
    public let manifest: SimulationManifest

    /// Generates a portfolio.
    /// - Parameters:
    ///   - scenario: The scenario (for example `.axa`).
    ///   - seed: The seed; the same seed gives the same portfolio on every machine.
    /// - Throws: `ExperimentsError` when the scenario is invalid or its effects cannot be calibrated
    ///   (the persuadables would need a reduction outside [0, 1]).
    /// - Complexity: O(n) time and memory (about 100 bytes per customer).
    public init(scenario: InsuranceScenario, seed: UInt64) throws(ExperimentsError) {
        try scenario.validate()
        let n = scenario.customerCount
        var rng = SeededRandom(seed: seed)
        var age = [Double](repeating: 0, count: n), tenure = age, premium = age, claims = age, vehicleAge = age
        var p0 = age, score = age
        var channel = [Int32](repeating: 0, count: n), payment = channel, region = channel
        var types = [UpliftType](repeating: .sureThing, count: n)
        let s = scenario
        for i in 0..<n {
            let a = min(max((48 + 15 * rng.nextGaussian()).rounded(), 18), 90)
            let t = min((-7 * log(1 - rng.nextUnitDouble())).rounded(.down), a - 18)
            let logPremium = 6.5 + 0.4 * rng.nextGaussian()
            let c = Double(rng.nextPoisson(mean: 0.25))
            let ch = rng.nextIndex(weights: s.channelShares), pay = rng.nextIndex(weights: s.paymentShares)
            let v = min((-6 * log(1 - rng.nextUnitDouble())).rounded(.down), 25)
            let r = rng.nextIndex(weights: s.regionShares)
            var eta = s.intercept + s.ageEffect * (a - 48) / 15 + s.tenureEffect * log1p(t)
            eta += s.premiumEffect * (logPremium - 6.5) / 0.4 + s.claimEffect * c
            eta += s.channelEffects[ch] + s.paymentEffects[pay] + s.vehicleAgeEffect * v + s.regionEffects[r]
            eta += s.dispositionSD * rng.nextGaussian()
            let p = _sigmoid(eta)
            let dog = rng.nextUnitDouble() < _sigmoid(-2.6 + 1.0 * c + 0.8 * (logPremium - 6.5) / 0.4 + (ch == 2 ? 0.8 : 0))
            let persuadable = rng.nextUnitDouble() < _sigmoid(-0.2 + (pay == 2 ? 0.8 : 0) + (ch == 0 ? 0.5 : 0))
            types[i] = dog ? .sleepingDog : persuadable ? .persuadable : p >= s.lostCauseThreshold ? .lostCause : .sureThing
            score[i] = _sigmoid(eta + s.scoreNoiseSD * rng.nextGaussian())
            age[i] = a; tenure[i] = t; premium[i] = exp(logPremium); claims[i] = c; vehicleAge[i] = v
            channel[i] = Int32(ch); payment[i] = Int32(pay); region[i] = Int32(r); p0[i] = p
        }
        var total = 0.0, persuadableTotal = 0.0, dogIncrease = 0.0
        for i in 0..<n {
            total += p0[i]
            switch types[i] {
            case .persuadable: persuadableTotal += p0[i]
            case .sleepingDog: dogIncrease += min(1, p0[i] * (1 + s.sleepingDogIncrease)) - p0[i]
            case .sureThing, .lostCause: break
            }
        }
        let reduction = persuadableTotal > 0 ? (s.targetRelativeReduction * total + dogIncrease) / persuadableTotal : .nan
        guard reduction >= 0, reduction <= 1 else {
            throw .invalidArgument(name: "targetRelativeReduction", value: "\(s.targetRelativeReduction)",
                                   reason: "needs a persuadable reduction of \(reduction), outside [0, 1]")
        }
        var p1 = p0
        var typeCounts = [Int](repeating: 0, count: UpliftType.allCases.count)
        for i in 0..<n {
            typeCounts[Int(types[i].rawValue)] += 1
            switch types[i] {
            case .persuadable: p1[i] = p0[i] * (1 - reduction)
            case .sleepingDog: p1[i] = min(1, p0[i] * (1 + s.sleepingDogIncrease))
            case .sureThing, .lostCause: break
            }
        }
        let treatedTotal = p1.reduce(0, +)
        self.scenario = scenario
        self.seed = seed
        self.ids = (0..<n).map { _policyID($0 + 1) }
        self.age = age; self.tenure = tenure; self.premium = premium; self.claims = claims
        self.channel = channel; self.paymentFrequency = payment; self.vehicleAge = vehicleAge; self.region = region
        self.baselineProbability = p0
        self.treatedProbability = p1
        self.upliftType = types
        self.riskScore = score
        self.manifest = SimulationManifest(
            format: "churnkit-simulation", version: 1, seed: String(seed), scenario: scenario,
            meanBaselineProbability: total / Double(n), meanTreatedProbability: treatedTotal / Double(n),
            relativeReduction: 1 - treatedTotal / total, persuadableReduction: reduction, typeCounts: typeCounts,
            typeNames: UpliftType.allCases.map { "\($0)" })
    }

    /// Number of policyholders.
    public var count: Int { ids.count }

    /// The attributes (and, optionally, the churn score) as a table, one row per policyholder.
    /// - Parameter includingScore: Whether to add a `score` column.
    /// - Returns: Columns id, age, tenure, premium, claims, channel, payment_frequency, vehicle_age,
    ///   region (and score).
    /// - Throws: `TabularError` if the columns cannot form a table (they always have n rows).
    /// - Complexity: O(n).
    public func table(includingScore: Bool = false) throws(TabularError) -> Table {
        func categorical(_ name: String, _ codes: [Int32], _ levels: [String]) -> Column {
            Column(name: name, labels: codes.map { levels[Int($0)] })
        }
        var columns = [
            Column(name: "id", labels: ids), Column(name: "age", numeric: age), Column(name: "tenure", numeric: tenure),
            Column(name: "premium", numeric: premium), Column(name: "claims", numeric: claims),
            categorical("channel", channel, InsuranceScenario.channelNames),
            categorical("payment_frequency", paymentFrequency, InsuranceScenario.paymentNames),
            Column(name: "vehicle_age", numeric: vehicleAge), categorical("region", region, InsuranceScenario.regionNames),
        ]
        if includingScore { columns.append(Column(name: "score", numeric: riskScore)) }
        return try Table(columns: columns)
    }

    /// The independent random streams of a simulation. Each stream's generator is xoshiro256**
    /// (`SeededRandom`) seeded with the first SplitMix64 output of (seed XOR the stream's tag), the tag
    /// being the stream's name in ASCII as a big-endian integer ("history", "outcomes", "tenure"). So
    /// one seed gives last year's cancellations, this year's outcomes and the months in which the
    /// cancellations fell from unrelated streams: the same seed for both never makes this year
    /// repeat last year, and adding the months left the outcomes' draws unchanged.
    public enum Stream: UInt64, Sendable, CaseIterable {
        /// Last year's cancellations (`history(seed:)`).
        case history = 0x68_69_73_74_6F_72_79
        /// The outcomes of an assignment (`outcomes(for:seed:)`).
        case outcomes = 0x6F_75_74_63_6F_6D_65_73
        /// The month of each cancellation of the outcomes (`cancellationMonths(for:outcomes:seed:)`).
        case tenure = 0x74_65_6E_75_72_65

        /// The generator of this stream for `seed`.
        /// - Parameter seed: The user's seed.
        /// - Returns: The stream's generator.
        public func generator(seed: UInt64) -> SeededRandom {
            SeededRandom(seed: seed, stream: rawValue)
        }
    }

    /// Last year's cancellations without any action, to train a churn model on: one Bernoulli(p₀)
    /// draw per policyholder, in portfolio order, from the `history` stream of `seed`.
    /// - Parameter seed: Seed of the draws.
    /// - Returns: Whether each policyholder cancelled.
    /// - Complexity: O(n).
    public func history(seed: UInt64) -> [Bool] {
        var rng = Stream.history.generator(seed: seed)
        return baselineProbability.map { rng.nextUnitDouble() < $0 }
    }

    /// The cancellation probability of row `row` under a treatment of strength `scale` (0 = no
    /// action, 1 = the scenario's action).
    func probability(row: Int, scale: Double) -> Double {
        let p0 = baselineProbability[row]
        return min(max(p0 + scale * (treatedProbability[row] - p0), 0), 1)
    }

    /// Simulates the outcomes of an assignment: control customers cancel with p₀, treated ones
    /// with p₁ (scaled per arm). The customer value is the annual premium.
    /// - Parameters:
    ///   - assignment: An assignment of (a subset of) this portfolio's ids.
    ///   - seed: Seed of the Bernoulli draws (the `outcomes` stream, drawn in assignment order;
    ///     independent of `history(seed:)` even for the same seed).
    ///   - armEffectScale: Strength of each arm's action relative to the scenario's (default 1).
    /// - Returns: Outcomes for every assigned customer.
    /// - Throws: `ExperimentsError.invalidArgument` for an id that is not in the portfolio.
    /// - Complexity: O(n) expected.
    public func outcomes(for assignment: Assignment, seed: UInt64, armEffectScale: [String: Double] = [:]) throws(ExperimentsError) -> ExperimentOutcomes {
        let rows = try rows(of: assignment)
        let probabilities = try trueProbabilities(for: assignment, armEffectScale: armEffectScale).cancellation
        var rng = Stream.outcomes.generator(seed: seed)
        let events = probabilities.map { rng.nextUnitDouble() < $0 }
        return try ExperimentOutcomes(ids: assignment.ids, events: events, customerValue: rows.map { premium[$0] })
    }

    /// The tenure over the campaign year of an assignment's customers: the month (1...12) in which
    /// each customer who cancelled did so, and 12 (still a customer at the year's end, censored)
    /// for the others, so that retention curves of control and treated customers can be drawn.
    ///
    /// A customer's hazard is constant over the year, so with a yearly cancellation probability p
    /// the hazard is h = −ln(1 − p) and the time of a cancellation within the year, given that it
    /// happens, is T = ln(1 − U p) / ln(1 − p) years (U uniform); the month is ⌈12 T⌉. One U per
    /// customer in assignment order comes from the `tenure` stream of `seed`, so the outcomes'
    /// draws (the `outcomes` stream) are the same with or without the months.
    /// - Parameters:
    ///   - assignment: The assignment the outcomes were simulated for.
    ///   - outcomes: Its outcomes (`outcomes(for:seed:armEffectScale:)`, in assignment order).
    ///   - seed: Seed of the draws (the outcomes' seed may be reused: the streams differ).
    ///   - armEffectScale: Strength of each arm's action, as for the outcomes.
    /// - Returns: Months of tenure in the campaign year, in assignment order.
    /// - Throws: `ExperimentsError.invalidArgument` for an id that is not in the portfolio or
    ///   outcomes that are not the assignment's.
    /// - Complexity: O(n) expected.
    public func cancellationMonths(
        for assignment: Assignment, outcomes: ExperimentOutcomes, seed: UInt64, armEffectScale: [String: Double] = [:]
    ) throws(ExperimentsError) -> [Double] {
        guard outcomes.ids == assignment.ids else {
            throw .invalidArgument(name: "outcomes", value: "\(outcomes.ids.count) customers", reason: "are not the assignment's customers in its order")
        }
        let probabilities = try trueProbabilities(for: assignment, armEffectScale: armEffectScale).cancellation
        var rng = Stream.tenure.generator(seed: seed)
        return zip(probabilities, outcomes.events).map { p, cancelled in
            let u = rng.nextUnitDouble()
            guard cancelled else { return 12 }
            let years = p < 1 ? log1p(-u * p) / log1p(-p) : u
            return min(max((12 * years).rounded(.up), 1), 12)
        }
    }

    /// The truth behind `outcomes(for:seed:armEffectScale:)`, per assigned customer.
    /// - Parameters:
    ///   - assignment: An assignment of (a subset of) this portfolio's ids.
    ///   - armEffectScale: Strength of each arm's action, as for the outcomes.
    /// - Returns: In assignment order, each customer's true cancellation probability in its own
    ///   group (p₀ for control, the arm's p₁ for treated) and its true reduction p₀ − p₁ if given
    ///   the scenario's action (the true uplift in retention; negative for sleeping dogs).
    /// - Throws: `ExperimentsError.invalidArgument` for an id that is not in the portfolio.
    /// - Complexity: O(n) expected.
    public func trueProbabilities(for assignment: Assignment, armEffectScale: [String: Double] = [:]) throws(ExperimentsError)
        -> (cancellation: [Double], reduction: [Double]) {
        let rows = try rows(of: assignment)
        let scales = assignment.design.tiers.map { tier in [0] + tier.arms.map { armEffectScale[$0.name] ?? 1 } }
        let cancellation = rows.indices.map { k in probability(row: rows[k], scale: scales[assignment.tiers[k]][assignment.groups[k]]) }
        return (cancellation, rows.map { baselineProbability[$0] - treatedProbability[$0] })
    }

    /// The scenario's truth for treating the given rows with the scenario's action.
    /// - Parameters:
    ///   - rows: Portfolio rows (for example the treated customers of a cell).
    ///   - scale: Strength of the action, default 1.
    /// - Returns: True relative reduction, customers and value (premium) retained, type shares.
    /// - Complexity: O(rows.count).
    public func truth(rows: some Collection<Int>, scale: Double = 1) -> SimulatedTruth {
        var counts = [Int](repeating: 0, count: UpliftType.allCases.count)
        var base = 0.0, treated = 0.0, value = 0.0
        for r in rows {
            counts[Int(upliftType[r].rawValue)] += 1
            let p0 = baselineProbability[r], p1 = probability(row: r, scale: scale)
            base += p0
            treated += p1
            value += premium[r] * (p0 - p1)
        }
        let n = Double(max(rows.count, 1))
        func share(_ type: UpliftType) -> Double { Double(counts[Int(type.rawValue)]) / n }
        return SimulatedTruth(
            customers: rows.count, relativeReduction: base > 0 ? 1 - treated / base : .nan, customersRetained: base - treated,
            valueRetained: value, sleepingDogShare: share(.sleepingDog), persuadableShare: share(.persuadable),
            lostCauseShare: share(.lostCause), meanBaselineProbability: rows.isEmpty ? .nan : base / n)
    }

    /// The truth of every tier × arm of an assignment (the treated customers of each cell).
    /// - Parameters:
    ///   - assignment: An assignment of this portfolio's ids.
    ///   - armEffectScale: Strength of each arm's action, as for `outcomes(for:seed:armEffectScale:)`.
    /// - Returns: One entry per tier × arm, in design order.
    /// - Throws: `ExperimentsError.invalidArgument` for an id that is not in the portfolio.
    /// - Complexity: O(n) expected.
    public func truth(of assignment: Assignment, armEffectScale: [String: Double] = [:]) throws(ExperimentsError) -> [(tier: String, arm: String, truth: SimulatedTruth)] {
        let rows = try rows(of: assignment)
        let design = assignment.design
        var cellRows = design.tiers.map { [[Int]](repeating: [], count: $0.arms.count + 1) }
        for k in rows.indices { cellRows[assignment.tiers[k]][assignment.groups[k]].append(rows[k]) }
        return design.tiers.enumerated().flatMap { t, tier in
            tier.arms.enumerated().map { a, arm in
                (tier.name, arm.name, truth(rows: cellRows[t][a + 1], scale: armEffectScale[arm.name] ?? 1))
            }
        }
    }

    /// Portfolio rows of the assignment's customers, in assignment order.
    /// - Parameter assignment: The assignment.
    /// - Returns: Row indices.
    /// - Throws: `ExperimentsError.invalidArgument` for an unknown id.
    /// - Complexity: O(n) expected.
    public func rows(of assignment: Assignment) throws(ExperimentsError) -> [Int] {
        if assignment.ids == ids { return Array(ids.indices) }
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { index[id] = i }
        var rows: [Int] = []
        rows.reserveCapacity(assignment.count)
        for (k, id) in assignment.ids.enumerated() {
            guard let row = index[id] else {
                throw .invalidArgument(name: "assignment row \(k + 1) id", value: id, reason: "not in the simulated portfolio")
            }
            rows.append(row)
        }
        return rows
    }
}

/// "P" followed by the number zero-padded to 7 digits.
private func _policyID(_ number: Int) -> String {
    let digits = String(number)
    return "P" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
}

/// 1 / (1 + e^(−x)), without overflow for large |x|.
func _sigmoid(_ x: Double) -> Double {
    x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
}
