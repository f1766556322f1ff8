import ChurnKit
import Foundation

/// The AXA rehearsal of the demo: a simulated insurance portfolio, a churn model trained on last
/// year's cancellations, two risk tiers with a control group and two action arms each, simulated
/// outcomes, and the analysis set against the scenario's true effect.
struct Rehearsal {
    /// One analysed cell with the scenario's true relative reduction for its customers.
    struct Cell: Encodable {
        let tier: String
        let arm: String
        let customers: Int
        let controlRate: Double
        let armRate: Double
        let relativeReduction: Double
        let relativeReductionLower: Double?
        let relativeReductionUpper: Double?
        let trueRelativeReduction: Double
        let pValue: Double
        let netValue: Double?

        /// Whether the 95% interval covers the truth.
        var covers: Bool {
            guard let relativeReductionLower, let relativeReductionUpper else { return false }
            return relativeReductionLower <= trueRelativeReduction && trueRelativeReduction <= relativeReductionUpper
        }
    }

    let policyholders: Int
    let modelAUC: Double
    let cells: [Cell]
    let sampleRatioPValues: [Double]
    let manifest: SimulationManifest

    /// Runs the rehearsal on `policyholders` simulated customers.
    /// - Parameters:
    ///   - policyholders: portfolio size (the scenario's default is 2,000,000).
    ///   - seed: seed of the portfolio; the history, assignment and outcome draws use seed + 1, + 2, + 3.
    init(policyholders: Int, seed: UInt64) throws {
        let portfolio = try InsurancePortfolio(scenario: InsuranceScenario.axa.with(customerCount: policyholders), seed: seed)
        let attributes = try portfolio.table()
        let history = portfolio.history(seed: seed &+ 1)
        let training = try Table(columns: attributes.columns + [
            Column(name: "cancelled", values: .boolean(history, trueLabel: "yes", falseLabel: "no"))
        ])
        let trained = try PipelineTrainer(options: TrainingOptions(target: "cancelled", idColumn: "id", testFraction: 0.2, seed: seed))
            .train(training, model: .logisticRegression(LogisticRegression(l2: 0)))
        let scores = try trained.pipeline.probabilities(for: attributes).probabilities
        let design = try ExperimentDesign.highLow(highFraction: 0.2, controlShare: 0.1, arms: ["call", "discount"])
        let assignment = try Assignment.randomize(design: design, ids: portfolio.ids, scores: scores, seed: seed &+ 2)
        let outcomes = try portfolio.outcomes(for: assignment, seed: seed &+ 3)
        let report = try ExperimentAnalysis.analyze(
            assignment: assignment, outcomes: outcomes, customerValue: .fromOutcomes,
            costPerCustomer: ["call": 15, "discount": 40])
        let rows = try portfolio.rows(of: assignment)
        var cellRows: [String: [Int]] = [:]
        for k in rows.indices {
            let tier = design.tiers[assignment.tiers[k]]
            guard assignment.groups[k] > 0 else { continue }
            cellRows[tier.name + "/" + tier.groupNames[assignment.groups[k]], default: []].append(rows[k])
        }
        cells = report.cells.map { cell in
            let comparison = cell.comparison
            return Cell(
                tier: cell.tier, arm: cell.arm, customers: comparison.treatment.total, controlRate: comparison.controlRate,
                armRate: comparison.treatmentRate, relativeReduction: comparison.relativeReduction,
                relativeReductionLower: comparison.relativeReductionInterval?.lower,
                relativeReductionUpper: comparison.relativeReductionInterval?.upper,
                trueRelativeReduction: portfolio.trueRelativeReduction(rows: cellRows[cell.tier + "/" + cell.arm] ?? []),
                pValue: comparison.pValue, netValue: cell.economics?.netValue)
        }
        self.policyholders = policyholders
        modelAUC = trained.holdout?.auc ?? .nan
        sampleRatioPValues = report.sampleRatio.map(\.check.pValue)
        manifest = portfolio.manifest
    }

    /// The cells as a table for people.
    var table: String {
        var table = TextTable(
            headers: ["tier", "arm", "customers", "control rate", "arm rate", "relative reduction [95% CI]", "true", "covered", "net value"],
            alignments: [.left, .left, .right, .right, .right, .left, .right, .left, .right])
        for cell in cells {
            let interval = cell.relativeReductionLower.map { lower in
                "[\(percent(lower)), \(percent(cell.relativeReductionUpper ?? .nan))]"
            } ?? "(undefined)"
            table.append([
                cell.tier, cell.arm, String(cell.customers), percent(cell.controlRate), percent(cell.armRate),
                "\(percent(cell.relativeReduction)) \(interval)", percent(cell.trueRelativeReduction),
                cell.covers ? "yes" : "no", cell.netValue.map { formatted($0, digits: 6) } ?? "-",
            ])
        }
        return table.render()
    }
}
