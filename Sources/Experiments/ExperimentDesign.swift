/// How customers are split into risk tiers by their churn score.
public enum TierRule: Sendable, Codable, Equatable {
    /// Cumulative top fractions, increasing: `[0.2]` puts the 20% highest scores in tier 0 and the
    /// rest in tier 1; `[0.05, 0.2]` gives top 5%, next 15%, rest. Ties in score are broken by
    /// input order, so tier sizes are exactly round(fraction × n).
    case topFractions([Double])
    /// Score thresholds, decreasing: `[0.5, 0.2]` gives score ≥ 0.5, 0.2 ≤ score < 0.5, the rest.
    case scoreThresholds([Double])

    /// Number of tiers the rule produces.
    public var tierCount: Int {
        switch self {
        case .topFractions(let cuts), .scoreThresholds(let cuts): return cuts.count + 1
        }
    }
}

/// A treatment arm (an action) and its share of a tier.
public struct TreatmentArm: Sendable, Codable, Equatable {
    /// The arm's name as written in the assignment (for example "call" or "Mens E-Mail").
    public var name: String
    /// Fraction of the tier's customers assigned to this arm.
    public var share: Double
    /// Cost of the action per treated customer (for the economics), default 0.
    public var costPerCustomer: Double

    /// Creates an arm.
    /// - Parameters:
    ///   - name: Arm name.
    ///   - share: Fraction of the tier.
    ///   - costPerCustomer: Action cost per treated customer.
    public init(name: String, share: Double, costPerCustomer: Double = 0) {
        self.name = name
        self.share = share
        self.costPerCustomer = costPerCustomer
    }
}

/// The groups of one tier: a control group and treatment arms whose shares sum to 1.
public struct TierDesign: Sendable, Codable, Equatable {
    /// Tier name (for example "high").
    public var name: String
    /// The label of the control group in the arm column (default "control").
    public var controlName: String
    /// Fraction of the tier kept as control (no action).
    public var controlShare: Double
    /// Treatment arms.
    public var arms: [TreatmentArm]

    /// Creates a tier design.
    /// - Parameters:
    ///   - name: Tier name.
    ///   - controlName: Label of the control group, default "control".
    ///   - controlShare: Control fraction.
    ///   - arms: Treatment arms.
    public init(name: String, controlName: String = "control", controlShare: Double, arms: [TreatmentArm]) {
        self.name = name
        self.controlName = controlName
        self.controlShare = controlShare
        self.arms = arms
    }

    /// Group labels in assignment order: control first, then the arms.
    public var groupNames: [String] { [controlName] + arms.map(\.name) }
    /// Group shares in the order of `groupNames`.
    public var groupShares: [Double] { [controlShare] + arms.map(\.share) }
}

/// A retention experiment: tiers by score, and per tier a control share and treatment arms.
public struct ExperimentDesign: Sendable, Codable, Equatable {
    /// How scores map to tiers.
    public var tierRule: TierRule
    /// One design per tier, from the highest scores to the lowest.
    public var tiers: [TierDesign]

    /// Creates a design and validates it.
    /// - Parameters:
    ///   - tierRule: The tiering rule.
    ///   - tiers: Tier designs, highest-risk first; as many as the rule produces.
    /// - Throws: `ExperimentsError` when the rule's cut points are not ordered or out of range, the
    ///   tier count differs from the rule's, a share is invalid, a tier's shares do not sum to 1, or
    ///   names repeat.
    public init(tierRule: TierRule, tiers: [TierDesign]) throws(ExperimentsError) {
        self.tierRule = tierRule
        self.tiers = tiers
        try validate()
    }

    /// The default AXA-style design: the top `highFraction` of scores is tier "high", the rest
    /// "low"; in each, `controlShare` control and the rest split equally across `arms`.
    /// - Parameters:
    ///   - highFraction: Top fraction forming the high tier, default 0.2.
    ///   - controlShare: Control fraction in every tier, default 0.1.
    ///   - arms: Arm names, default ["action"].
    /// - Returns: The design.
    /// - Throws: `ExperimentsError` as `init(tierRule:tiers:)`.
    public static func highLow(highFraction: Double = 0.2, controlShare: Double = 0.1, arms: [String] = ["action"]) throws(ExperimentsError) -> ExperimentDesign {
        guard !arms.isEmpty else { throw .emptyInput("a design needs at least one treatment arm") }
        let share = (1 - controlShare) / Double(arms.count)
        let tier = { (name: String) in
            TierDesign(name: name, controlShare: controlShare, arms: arms.map { TreatmentArm(name: $0, share: share) })
        }
        return try ExperimentDesign(tierRule: .topFractions([highFraction]), tiers: [tier("high"), tier("low")])
    }

    /// Checks the design (called by the initializer; useful after decoding).
    /// - Throws: `ExperimentsError` describing the first problem found.
    public func validate() throws(ExperimentsError) {
        switch tierRule {
        case .topFractions(let cuts):
            for (i, cut) in cuts.enumerated() {
                guard cut > 0, cut < 1 else {
                    throw .invalidArgument(name: "topFractions[\(i)]", value: "\(cut)", reason: "must lie in (0, 1)")
                }
                if i > 0, !(cut > cuts[i - 1]) {
                    throw .invalidArgument(name: "topFractions[\(i)]", value: "\(cut)", reason: "fractions must increase")
                }
            }
        case .scoreThresholds(let cuts):
            for (i, cut) in cuts.enumerated() {
                guard cut.isFinite else { throw .nonFiniteValue(argument: "scoreThresholds", index: i, value: cut) }
                if i > 0, !(cut < cuts[i - 1]) {
                    throw .invalidArgument(name: "scoreThresholds[\(i)]", value: "\(cut)", reason: "thresholds must decrease")
                }
            }
        }
        guard tiers.count == tierRule.tierCount else {
            throw .lengthMismatch(argument: "tiers", count: tiers.count, expected: tierRule.tierCount)
        }
        var tierNames = Set<String>()
        for tier in tiers {
            guard !tier.name.isEmpty, tierNames.insert(tier.name).inserted else { throw .duplicateName(kind: "tier", name: tier.name) }
            guard !tier.arms.isEmpty else { throw .emptyInput("tier \"\(tier.name)\" has no treatment arm") }
            var groupNames = Set<String>()
            for (name, share) in zip(tier.groupNames, tier.groupShares) {
                guard !name.isEmpty, groupNames.insert(name).inserted else { throw .duplicateName(kind: "group", name: name) }
                guard share >= 0, share <= 1 else { throw .invalidShare(tier: tier.name, group: name, value: share) }
            }
            for arm in tier.arms where !(arm.costPerCustomer.isFinite && arm.costPerCustomer >= 0) {
                throw .invalidArgument(name: "costPerCustomer of arm \"\(arm.name)\"", value: "\(arm.costPerCustomer)", reason: "must be finite and non-negative")
            }
            let sum = tier.groupShares.reduce(0, +)
            guard abs(sum - 1) <= 1e-9 else { throw .sharesDoNotSumToOne(tier: tier.name, sum: sum) }
        }
    }

    /// The tier index of every customer.
    /// - Parameter scores: Churn scores (finite).
    /// - Returns: Tier indices into `tiers` (0 = highest scores).
    /// - Throws: `ExperimentsError.nonFiniteValue` for a NaN or infinite score.
    /// - Complexity: O(n log n) for fractions (one sort), O(n · tiers) for thresholds.
    public func tierIndices(scores: [Double]) throws(ExperimentsError) -> [Int] {
        if let bad = scores.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteValue(argument: "scores", index: bad, value: scores[bad])
        }
        switch tierRule {
        case .scoreThresholds(let cuts):
            return scores.map { score in cuts.firstIndex(where: { score >= $0 }) ?? cuts.count }
        case .topFractions(let cuts):
            let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
            let n = Double(scores.count)
            let bounds = cuts.map { Int(($0 * n).rounded()) }
            var result = [Int](repeating: cuts.count, count: scores.count)
            var tier = 0
            for (rank, index) in order.enumerated() {
                while tier < bounds.count, rank >= bounds[tier] { tier += 1 }
                result[index] = tier
            }
            return result
        }
    }
}
