/// The analysis of a retention experiment: every tier × arm against the same tier's control.
public struct ExperimentReport: Sendable, Codable, Equatable {
    /// One arm of one tier compared with that tier's control.
    public struct Cell: Sendable, Codable, Equatable {
        /// Tier name.
        public var tier: String
        /// Arm name.
        public var arm: String
        /// Counts, rates, reductions, intervals and the unadjusted p-value.
        public var comparison: ProportionComparison
        /// Holm-adjusted p-value across all cells.
        public var adjustedPValue: Double
        /// Welch comparison of the numeric outcome, when outcomes have one and both groups allow it.
        public var numericOutcome: WelchComparison?
        /// Customers and value retained, cost, net value and ROI, when a value source was given.
        public var economics: ArmEconomics?
    }

    /// One arm pooled across the tiers that have it.
    public struct PooledArm: Sendable, Codable, Equatable {
        /// Arm name.
        public var arm: String
        /// Cochran-Mantel-Haenszel summary.
        public var result: MantelHaenszelResult
    }

    /// The sample-ratio check of one tier, on the customers that were analysed.
    public struct TierSampleRatio: Sendable, Codable, Equatable {
        /// Tier name.
        public var tier: String
        /// Group labels, control first.
        public var groups: [String]
        /// The check.
        public var check: SampleRatioCheck
    }

    /// How assignment and outcomes matched: nothing is dropped silently.
    public struct Join: Sendable, Codable, Equatable {
        /// Customers in the assignment.
        public var assigned: Int
        /// Customers with both an assignment and an outcome (the analysed ones).
        public var matched: Int
        /// Assigned customers without an outcome.
        public var assignedWithoutOutcome: Int
        /// Outcome rows whose id is not in the assignment.
        public var outcomesWithoutAssignment: Int
        /// Up to five example ids of each kind of mismatch.
        public var exampleUnassignedOutcomeIDs: [String]
        /// Up to five assigned ids without outcome.
        public var exampleMissingOutcomeIDs: [String]
    }

    /// Per tier × arm results, tiers in design order.
    public var cells: [Cell]
    /// Arms pooled across tiers.
    public var pooled: [PooledArm]
    /// Every treated customer (all arms together) against control, pooled across tiers by
    /// Mantel-Haenszel: the campaign's overall effect (the AXA "cancellations down 9%").
    public var overall: MantelHaenszelResult
    /// Per-tier sample-ratio checks.
    public var sampleRatio: [TierSampleRatio]
    /// The join summary.
    public var join: Join
    /// Problems a reader must see first (sample-ratio mismatch, unmatched ids, undefined figures).
    public var warnings: [String]
}

/// Analyses an experiment from its assignment and outcomes.
public enum ExperimentAnalysis {
    /// Joins outcomes to the assignment by id and compares every tier × arm with its control.
    /// - Parameters:
    ///   - assignment: Who was assigned where.
    ///   - outcomes: What happened, by id (ids absent from the assignment are counted and reported).
    ///   - customerValue: Source of customer value for the economics; `nil` skips economics.
    ///   - costPerCustomer: Action cost per arm name, overriding the design's `costPerCustomer`.
    ///   - confidence: Confidence level of all intervals, default 0.95.
    ///   - sampleRatioThreshold: p-value below which a sample-ratio mismatch is declared, default 0.001.
    /// - Returns: The report.
    /// - Throws: `ExperimentsError.emptyInput` when no assigned customer has an outcome, or
    ///   `.invalidArgument` when `.fromOutcomes` is asked but outcomes have no customer values, or
    ///   when values or costs are so large that an arm's economics overflow (not finite numbers).
    /// - Complexity: O(n) expected, plus O(min(events, n)) per cell that needs Fisher's test.
    public static func analyze(
        assignment: Assignment, outcomes: ExperimentOutcomes, customerValue: CustomerValueSource? = nil,
        costPerCustomer: [String: Double] = [:], confidence: Double = 0.95, sampleRatioThreshold: Double = 0.001
    ) throws(ExperimentsError) -> ExperimentReport {
        if customerValue == .fromOutcomes, outcomes.customerValue == nil {
            throw .invalidArgument(name: "customerValue", value: "fromOutcomes", reason: "the outcomes have no customer value column")
        }
        let (outcomeRow, join, joinWarnings) = try _join(assignment: assignment, outcomeIDs: outcomes.ids)
        var warnings = joinWarnings

        // Gather per tier × group: events, numeric outcomes, values.
        let design = assignment.design
        var events = design.tiers.map { [Int](repeating: 0, count: $0.arms.count + 1) }
        var totals = events
        var numeric = design.tiers.map { [[Double]](repeating: [], count: $0.arms.count + 1) }
        var valueLost = numeric
        for i in 0..<assignment.count where outcomeRow[i] >= 0 {
            let j = outcomeRow[i], t = assignment.tiers[i], g = assignment.groups[i]
            totals[t][g] += 1
            if outcomes.events[j] { events[t][g] += 1 }
            if let n = outcomes.numericOutcome { numeric[t][g].append(n[j]) }
            if customerValue == .fromOutcomes, let value = outcomes.customerValue?[j] {
                valueLost[t][g].append(outcomes.events[j] ? value : 0)
            }
        }

        var cells: [ExperimentReport.Cell] = []
        var sampleRatio: [ExperimentReport.TierSampleRatio] = []
        for (t, tier) in design.tiers.enumerated() {
            let control = try BinomialCount(events: events[t][0], total: totals[t][0])
            for (a, arm) in tier.arms.enumerated() {
                let treated = try BinomialCount(events: events[t][a + 1], total: totals[t][a + 1])
                let comparison = ProportionComparison(treatment: treated, control: control, confidence: confidence)
                var welch: WelchComparison?
                if outcomes.numericOutcome != nil {
                    welch = try? WelchComparison(SampleSummary(numeric[t][a + 1]), SampleSummary(numeric[t][0]), confidence: confidence)
                }
                var economics: ArmEconomics?
                let cost = costPerCustomer[arm.name] ?? arm.costPerCustomer
                switch customerValue {
                case .perCustomer(let value)?:
                    economics = ArmEconomics(comparison: comparison, valuePerCustomer: value, costPerCustomer: cost)
                case .fromOutcomes?:
                    economics = ArmEconomics(
                        comparison: comparison, treatedValueLost: SampleSummary(valueLost[t][a + 1]),
                        controlValueLost: SampleSummary(valueLost[t][0]), costPerCustomer: cost, confidence: confidence)
                case nil: break
                }
                try _checkFinite(economics, tier: tier.name, arm: arm.name, value: customerValue, cost: cost,
                                 valueLost: [valueLost[t][a + 1], valueLost[t][0]])
                if !comparison.note.isEmpty { warnings.append("tier \"\(tier.name)\", arm \"\(arm.name)\": \(comparison.note)") }
                cells.append(.init(tier: tier.name, arm: arm.name, comparison: comparison, adjustedPValue: .nan,
                                   numericOutcome: welch, economics: economics))
            }
            sampleRatio.append(try _sampleRatio(tier: tier, observed: totals[t], threshold: sampleRatioThreshold, warnings: &warnings))
        }
        let adjusted = MultipleTesting.holm(cells.map(\.comparison.pValue))
        for i in cells.indices { cells[i].adjustedPValue = adjusted[i] }

        var armNames: [String] = []
        for tier in design.tiers { for arm in tier.arms where !armNames.contains(arm.name) { armNames.append(arm.name) } }
        let pooled = armNames.map { name in
            let strata = cells.filter { $0.arm == name }.map { (treatment: $0.comparison.treatment, control: $0.comparison.control) }
            return ExperimentReport.PooledArm(arm: name, result: MantelHaenszel.pool(strata, confidence: confidence))
        }
        var strata: [(treatment: BinomialCount, control: BinomialCount)] = []
        for t in design.tiers.indices {
            let treatedEvents = events[t].dropFirst().reduce(0, +), treatedTotal = totals[t].dropFirst().reduce(0, +)
            strata.append((try BinomialCount(events: treatedEvents, total: treatedTotal), try BinomialCount(events: events[t][0], total: totals[t][0])))
        }
        let overall = MantelHaenszel.pool(strata, confidence: confidence)
        return ExperimentReport(cells: cells, pooled: pooled, overall: overall, sampleRatio: sampleRatio, join: join, warnings: warnings)
    }
}

/// Joins outcome ids to the assignment: for each assigned customer the outcome row (−1 when it has
/// none), the join summary and the warnings about unmatched ids.
/// - Throws: `ExperimentsError.emptyInput` when no assigned customer has an outcome.
/// - Complexity: O(n) expected.
func _join(assignment: Assignment, outcomeIDs: [String]) throws(ExperimentsError) -> (outcomeRow: [Int], join: ExperimentReport.Join, warnings: [String]) {
    var row: [String: Int] = [:]
    row.reserveCapacity(assignment.count)
    for (i, id) in assignment.ids.enumerated() { row[id] = i }
    var outcomeRow = [Int](repeating: -1, count: assignment.count)
    var unassigned: [String] = []
    var unassignedCount = 0
    for (j, id) in outcomeIDs.enumerated() {
        if let i = row[id] { outcomeRow[i] = j } else {
            unassignedCount += 1
            if unassigned.count < 5 { unassigned.append(id) }
        }
    }
    let missing = outcomeRow.indices.filter { outcomeRow[$0] < 0 }
    let join = ExperimentReport.Join(
        assigned: assignment.count, matched: assignment.count - missing.count, assignedWithoutOutcome: missing.count,
        outcomesWithoutAssignment: unassignedCount, exampleUnassignedOutcomeIDs: unassigned,
        exampleMissingOutcomeIDs: missing.prefix(5).map { assignment.ids[$0] })
    guard join.matched > 0 else { throw .emptyInput("no assigned customer has an outcome (\(outcomeIDs.count) outcome rows, none matching)") }
    var warnings: [String] = []
    if unassignedCount > 0 {
        warnings.append("\(unassignedCount) outcome rows have ids not in the assignment (e.g. \(unassigned.map { "\"\($0)\"" }.joined(separator: ", "))); they are not analysed")
    }
    if !missing.isEmpty {
        warnings.append("\(missing.count) assigned customers have no outcome (e.g. \(join.exampleMissingOutcomeIDs.map { "\"\($0)\"" }.joined(separator: ", "))); they are not analysed")
    }
    return (outcomeRow, join, warnings)
}

/// One tier's sample-ratio check; a mismatch puts a warning first in `warnings`.
/// - Complexity: O(groups).
func _sampleRatio(tier: TierDesign, observed: [Int], threshold: Double, warnings: inout [String]) throws(ExperimentsError) -> ExperimentReport.TierSampleRatio {
    let check = try SampleRatioCheck(observed: observed, shares: tier.groupShares, threshold: threshold)
    if !check.passed {
        let expected = check.expected.map { String(Int($0.rounded())) }.joined(separator: "/")
        warnings.insert(
            "SAMPLE RATIO MISMATCH in tier \"\(tier.name)\": observed \(observed.map(String.init).joined(separator: "/")) vs designed \(expected) (chi-square \(check.chiSquare), p = \(check.pValue) < \(threshold)); the assignment or the outcome join is broken, so the effects in this tier cannot be trusted",
            at: 0)
    }
    return ExperimentReport.TierSampleRatio(tier: tier.name, groups: tier.groupNames, check: check)
}

/// Throws when an arm's economics are not finite numbers (values or costs so large that their
/// products with the customer counts overflow) or when per-customer values are so large that the
/// spread of value lost overflows, which would leave the value interval silently missing.
/// - Parameters:
///   - economics: the arm's economics (nothing to check when `nil`).
///   - tier: the tier's name, for the message.
///   - arm: the arm's name, for the message.
///   - value: where customer values come from.
///   - cost: the arm's cost per treated customer.
///   - valueLost: value × churned of the arm's and of the control customers (with values from the outcomes).
/// - Throws: `ExperimentsError.invalidArgument` naming the tier, the arm, the figure and the inputs.
func _checkFinite(
    _ economics: ArmEconomics?, tier: String, arm: String, value: CustomerValueSource?, cost: Double, valueLost: [[Double]]
) throws(ExperimentsError) {
    guard let economics else { return }
    var figure = economics.nonFiniteFigure
    if figure == nil, value == .fromOutcomes, economics.valueRetainedInterval == nil,
       valueLost.contains(where: { SampleSummary($0).variance.isInfinite }) {
        figure = "variance of value lost"
    }
    guard let figure else { return }
    let values: String
    switch value {
    case .perCustomer(let v)?: values = "value \(v)"
    case .fromOutcomes?: values = "values up to \(valueLost.joined().max() ?? 0)"
    case nil: values = "no value"
    }
    throw .invalidArgument(
        name: "economics", value: "\(values), cost \(cost) per treated customer",
        reason: "in tier \"\(tier)\", arm \"\(arm)\" the \(figure) (\(economics.customersTreated) treated customers) is not a finite number; "
            + "give values and costs in larger units, for example thousands")
}
