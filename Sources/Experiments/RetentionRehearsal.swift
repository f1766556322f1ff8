import LinearModels
import ModelMetrics
import Pipelines
import Survival
import Tabular

/// The AXA rehearsal: a simulated insurance portfolio, a churn model trained on last year's
/// cancellations, two risk tiers (top 20% high, rest low) each with a randomized control group and
/// action arms, simulated outcomes, and the analysis set against the scenario's true effects, with
/// the Qini of targeting by risk and by the true uplift, measured and expected, and the retention
/// curves of the campaign year by group (Kaplan-Meier, log-rank).
///
/// Streams: the portfolio uses `seed`; last year's cancellations the `history` stream of seed + 1,
/// the assignment seed + 2, this year's outcomes the `outcomes` stream of seed + 3 and the months
/// of their cancellations the `tenure` stream of seed + 3 (see `InsurancePortfolio.Stream`), so
/// history, outcomes and months are independent.
public struct RetentionRehearsal: Sendable {
    /// One tier × arm: the analysis cell and the truth for its treated customers.
    public struct Cell: Sendable, Codable, Equatable {
        /// The measured comparison, Holm p-value and economics.
        public var measured: ExperimentReport.Cell
        /// The scenario's truth for the cell's treated customers.
        public var truth: SimulatedTruth
    }

    /// One tier, every arm together against the tier's control.
    public struct Tier: Sendable, Codable, Equatable {
        /// Tier name.
        public var name: String
        /// All treated customers of the tier against its control.
        public var comparison: ProportionComparison
        /// The scenario's truth for the tier's treated customers.
        public var truth: SimulatedTruth
        /// Smallest relative reduction this tier's sizes detect with 80% power at α = 0.05.
        public var minimumDetectableRelativeReduction: Double
    }

    /// Uplift evaluation of the rehearsal (treated = any arm, response = staying), measured beside
    /// what the scenario's known probabilities make of it (`ExpectedQini`).
    public struct UpliftCheck: Sendable, Codable, Equatable {
        /// Ranking by the churn model's score (targeting by risk).
        public var byRisk: ExpectedQini
        /// Ranking by the scenario's true uplift: its expectation is the true Qini.
        public var byTrueUplift: ExpectedQini
    }

    /// Retention over the campaign year, every tier together: a Kaplan-Meier curve of the months
    /// to cancellation per group (control, then each arm) and the log-rank test across them.
    public struct RetentionCurves: Sendable, Codable, Equatable {
        /// Group names: the control group's, then the arms in design order.
        public var groups: [String]
        /// The log-rank test of equal retention across the groups.
        public var logRank: LogRankTest
        /// The curve of each group (months 1...12; customers who stayed are censored at 12).
        public var curves: [KaplanMeierCurve]
    }

    /// Policyholders simulated.
    public let policyholders: Int
    /// Hold-out report of the churn model trained on last year's cancellations.
    public let model: BinaryClassificationReport
    /// The full analysis (cells, pooled arms, overall, sample-ratio checks, economics).
    public let report: ExperimentReport
    /// Cells with their truths, in design order.
    public let cells: [Cell]
    /// Tiers, every arm together, with their truths.
    public let tiers: [Tier]
    /// Truth over every treated customer (the pooled effect's target).
    public let overallTruth: SimulatedTruth
    /// Smallest overall relative reduction detectable (80% power, α = 0.05) with these sizes.
    public let overallMinimumDetectableRelativeReduction: Double
    /// The simulation's audit record.
    public let manifest: SimulationManifest
    /// Qini of targeting by risk and by the true uplift, measured and expected.
    public let qini: UpliftCheck
    /// Retention curves of the campaign year by group, with the log-rank test.
    public let retention: RetentionCurves

    /// Runs the rehearsal.
    /// - Parameters:
    ///   - policyholders: Portfolio size (the scenario's default is 2,000,000).
    ///   - seed: Seed of the portfolio; the other streams derive from it (see the type's summary).
    ///   - arms: Action arm names with their cost per treated customer, in order.
    ///   - highFraction: Share of customers in the high-risk tier, default 0.2.
    ///   - controlShare: Control share in every tier, default 0.1.
    /// - Throws: `ExperimentsError` or the pipeline's errors when a step cannot run (for example a
    ///   portfolio too small to hold every group).
    /// - Complexity: O(n·d²) for the model fit, O(n log n) for the tiers, O(n) otherwise.
    public init(
        policyholders: Int, seed: UInt64, arms: [(name: String, cost: Double)] = [("call", 15), ("discount", 40)],
        highFraction: Double = 0.2, controlShare: Double = 0.1
    ) throws {
        let portfolio = try InsurancePortfolio(scenario: InsuranceScenario.axa.with(customerCount: policyholders), seed: seed)
        let attributes = try portfolio.table()
        let history = portfolio.history(seed: seed &+ 1)
        let training = try Table(columns: attributes.columns + [
            Column(name: "cancelled", values: .boolean(history, trueLabel: "yes", falseLabel: "no"))
        ])
        let trained = try PipelineTrainer(options: TrainingOptions(target: "cancelled", idColumn: "id", testFraction: 0.2, seed: seed))
            .train(training, model: .logisticRegression(LogisticRegression(l2: 0)))
        guard let holdout = trained.holdout else { throw ExperimentsError.emptyInput("the rehearsal's churn model has no hold-out rows") }
        let scores = try trained.pipeline.probabilities(for: attributes).probabilities
        let design = try ExperimentDesign.highLow(highFraction: highFraction, controlShare: controlShare, arms: arms.map(\.name))
        let assignment = try Assignment.randomize(design: design, ids: portfolio.ids, scores: scores, seed: seed &+ 2)
        let outcomes = try portfolio.outcomes(for: assignment, seed: seed &+ 3)
        let report = try ExperimentAnalysis.analyze(
            assignment: assignment, outcomes: outcomes, customerValue: .fromOutcomes,
            costPerCustomer: Dictionary(arms.map { ($0.name, $0.cost) }, uniquingKeysWith: { first, _ in first }))
        let months = try portfolio.cancellationMonths(for: assignment, outcomes: outcomes, seed: seed &+ 3)
        let groupNames = design.tiers.first?.groupNames ?? []
        let tenure = SurvivalData(durations: months, events: outcomes.events, groups: assignment.ids.indices.map(assignment.groupName(row:)))
        retention = RetentionCurves(
            groups: groupNames, logRank: try LogRankTest(tenure),
            curves: try groupNames.map { name in
                let group = tenure.subset(group: name)
                return try KaplanMeier().fit(durations: group.durations, events: group.events)
            })
        let rows = try portfolio.rows(of: assignment)
        let truth = try portfolio.trueProbabilities(for: assignment)
        let stay = truth.cancellation.map { 1 - $0 }, retained = outcomes.events.map { !$0 }, treated = assignment.groups.map { $0 > 0 }
        func expectedQini(_ ranking: [Double]) throws -> ExpectedQini {
            try UpliftEvaluation(outcome: retained, treatment: treated, scores: ranking).expectedQini(responseProbability: stay)
        }
        qini = UpliftCheck(byRisk: try expectedQini(rows.map { scores[$0] }), byTrueUplift: try expectedQini(truth.reduction))
        var cellRows = design.tiers.map { [[Int]](repeating: [], count: $0.arms.count + 1) }
        for k in rows.indices { cellRows[assignment.tiers[k]][assignment.groups[k]].append(rows[k]) }

        var cells: [Cell] = []
        var tiers: [Tier] = []
        var index = 0
        for (t, tier) in design.tiers.enumerated() {
            for a in tier.arms.indices {
                cells.append(Cell(measured: report.cells[index], truth: portfolio.truth(rows: cellRows[t][a + 1])))
                index += 1
            }
            let treatedRows = cellRows[t].dropFirst().flatMap { $0 }
            let tierCells = report.cells.filter { $0.tier == tier.name }
            guard let control = tierCells.first?.comparison.control else { throw ExperimentsError.emptyInput("tier \"\(tier.name)\" has no arm") }
            let treated = try BinomialCount(
                events: tierCells.reduce(0) { $0 + $1.comparison.treatment.events }, total: tierCells.reduce(0) { $0 + $1.comparison.treatment.total })
            tiers.append(Tier(
                name: tier.name, comparison: ProportionComparison(treatment: treated, control: control),
                truth: portfolio.truth(rows: treatedRows),
                minimumDetectableRelativeReduction: try PowerAnalysis.minimumDetectableRelativeReduction(
                    baselineRate: max(min(control.rate, 1 - 1e-9), 1e-9), controlSize: max(control.total, 1), treatmentSize: max(treated.total, 1))))
        }
        let controlTotal = tiers.reduce(0) { $0 + $1.comparison.control.total }
        let controlEvents = tiers.reduce(0) { $0 + $1.comparison.control.events }
        let treatedTotal = tiers.reduce(0) { $0 + $1.comparison.treatment.total }
        let baseline = controlTotal > 0 ? Double(controlEvents) / Double(controlTotal) : 0.5
        overallMinimumDetectableRelativeReduction = try PowerAnalysis.minimumDetectableRelativeReduction(
            baselineRate: max(min(baseline, 1 - 1e-9), 1e-9), controlSize: max(controlTotal, 1), treatmentSize: max(treatedTotal, 1))
        overallTruth = portfolio.truth(rows: cellRows.flatMap { $0.dropFirst().flatMap { $0 } })
        self.policyholders = policyholders
        self.model = holdout
        self.report = report
        self.cells = cells
        self.tiers = tiers
        self.manifest = portfolio.manifest
    }
}
