import ArgumentParser
import ChurnKit

/// `churn uplift evaluate UPLIFT.json FILE` (or `--score-column COL FILE`): uplift metrics on a
/// randomized sample, and who to target.
struct ExperimentUpliftEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate an uplift model (or a score column) on a randomized sample: Qini, AUUC, uplift@k, deciles, targeting.",
        discussion: """
            Scores FILE with the model written by `churn uplift train`, or reads the scores from \
            --score-column. Normalisation as scikit-uplift: (model - random) / (perfect - random) \
            for both the Qini coefficient and the AUUC. The response is --outcome, or its negation \
            with --churn-outcome; --treatment, --control, --outcome and --churn-outcome default to \
            the model's. A model trained on the outcome itself (without --churn-outcome) and \
            evaluated with --churn-outcome is ranked by minus its uplift, the uplift in retention, \
            and the output says so. The targeting comparison estimates, from the randomized sample, the extra \
            responses (customers retained for churn) when the top --k of customers are contacted \
            by predicted uplift, at random, and by churn risk when --risk-column or --churn-model \
            (a `churn train` model file) is given.
            """)

    @Argument(help: "UPLIFT.json FILE, or FILE alone with --score-column.")
    var paths: [String] = []

    @Option(help: "Predicted uplift column of FILE (instead of a model).")
    var scoreColumn: String?

    @Option(help: "Treatment column: 0/1, yes/no, or labels with --control.")
    var treatment: String?

    @Option(help: "Label of the control group when the treatment column holds labels.")
    var control: String?

    @Option(help: "Binary outcome column (0/1 or yes/no).")
    var outcome: String?

    @Flag(help: "The outcome is churn: evaluate the uplift in retention (not churned).")
    var churnOutcome = false

    @Option(help: "Fraction for uplift@k and the targeting budget.")
    var k = 0.3

    @Option(help: "Number of bins of the percentile table.")
    var bins = 10

    @Option(help: "Churn score column of FILE, to compare targeting by risk.")
    var riskColumn: String?

    @Option(help: "Churn model file (`churn train`), scored on FILE to compare targeting by risk.")
    var churnModel: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if scoreColumn != nil {
            guard paths.count == 1 else { throw ValidationError("with --score-column give one FILE, not \(paths.count) paths") }
            guard treatment != nil, outcome != nil else { throw ValidationError("with --score-column give --treatment and --outcome") }
        } else {
            guard paths.count == 2 else { throw ValidationError("give UPLIFT.json FILE (or FILE with --score-column), not \(paths.count) paths") }
        }
        guard k > 0, k < 1 else { throw ValidationError("--k must lie in (0, 1), not \(k)") }
        guard bins > 0 else { throw ValidationError("--bins must be positive, not \(bins)") }
        guard riskColumn == nil || churnModel == nil else { throw ValidationError("give --risk-column or --churn-model, not both") }
    }

    func run() throws { print(try makeOutput()) }

    /// The text or JSON printed.
    func makeOutput() throws -> String {
        let model = scoreColumn == nil ? try FittedUpliftModel.load(from: paths[0]) : nil
        let file = paths[paths.count - 1]
        let pipeline = try churnModel.map { try FittedPipeline.load(from: $0) }
        var schemaColumns = model?.schema.columns ?? []
        for column in pipeline?.schema.columns ?? [] where !schemaColumns.contains(where: { $0.name == column.name }) { schemaColumns.append(column) }
        let table = try readTable(file, schema: CSVSchema(columns: schemaColumns))
        let treatmentColumn = treatment ?? model?.columns.treatment ?? ""
        let controlLabel = treatment == nil ? model?.columns.controlLabel : control
        let outcomeColumn = outcome ?? model?.columns.outcome ?? ""
        // A model scored on its own outcome keeps its direction unless --churn-outcome asks for
        // retention of a model trained on the outcome itself: then its uplift is negated, since the
        // uplift in retention is minus the uplift in churn (ranking by the model's raw score would
        // put the customers the action harms most first).
        let onModelOutcome = model.map { outcomeColumn == $0.columns.outcome } ?? false
        let modelIsChurn = model?.columns.churnOutcome ?? false
        let isChurn = churnOutcome || (onModelOutcome && modelIsChurn)
        let negateModel = onModelOutcome && churnOutcome && !modelIsChurn
        let treated = try ExperimentColumns.treatment(table, treatmentColumn, control: controlLabel, file: file)
        let response = try ExperimentColumns.response(table, outcomeColumn, churnOutcome: isChurn, file: file)
        let modelScores = try model.map { try $0.predict(table) }.map { negateModel ? $0.map { -$0 } : $0 }
        let scores = try modelScores ?? (try ExperimentColumns.numbers(table, scoreColumn ?? "", file: file))
        let evaluation = try UpliftEvaluation(outcome: response, treatment: treated, scores: scores)

        let risk: [Double]?
        if let riskColumn { risk = try ExperimentColumns.numbers(table, riskColumn, file: file) } else { risk = try pipeline.map { try $0.probabilities(for: table).probabilities } }
        // "Churned" for the comparison is the undesired outcome, so gains count extra responses.
        let targeting = try TargetingComparison(
            churned: response.map { !$0 }, treatment: treated, riskScores: risk ?? scores, upliftScores: scores, budgetFraction: k)
        let result = UpliftEvaluateJSON(
            qiniCoefficient: evaluation.qiniCoefficient, upliftAUC: evaluation.upliftAUC, k: k,
            upliftAtKOverall: try evaluation.upliftAtK(fraction: k, strategy: .overall),
            upliftAtKByGroup: try evaluation.upliftAtK(fraction: k, strategy: .byGroup),
            percentiles: try evaluation.upliftByPercentile(bins: bins),
            targeting: targeting, hasRisk: risk != nil, response: isChurn ? "retained (not \(outcomeColumn))" : outcomeColumn,
            scoreDirection: negateModel
                ? "the model was trained on \(outcomeColumn) itself (no --churn-outcome): ranked by minus its uplift, the uplift in retention"
                : nil,
            treated: treated.filter { $0 }.count, control: treated.filter { !$0 }.count)
        switch output.format {
        case .json: return try jsonText(result)
        case .text: return render(result)
        }
    }

    private func render(_ result: UpliftEvaluateJSON) -> String {
        var text = "\(result.treated) treated and \(result.control) control customers; response: \(result.response)\n"
        if let direction = result.scoreDirection { text += "note: \(direction)\n" }
        text += "Qini coefficient \(formatted(result.qiniCoefficient.value ?? .nan)), AUUC \(formatted(result.auuc.value ?? .nan)) (normalised as scikit-uplift: \(result.normalisation))\n"
        text += "uplift@\(formatted(k)): overall \(formatted(result.upliftAtKOverall.value ?? .nan)), by group \(formatted(result.upliftAtKByGroup.value ?? .nan))\n\n"
        var rows = TextTable(headers: ["percentile", "treated", "rate", "control", "rate", "uplift", "s.e."],
                             alignments: [.right, .right, .right, .right, .right, .right, .right])
        for row in result.percentiles {
            rows.append([String(row.percentile), String(row.treatedCount), formatted(row.treatedRate.value ?? .nan), String(row.controlCount),
                         formatted(row.controlRate.value ?? .nan), formatted(row.uplift.value ?? .nan), formatted(row.upliftStandardError.value ?? .nan)])
        }
        text += rows.render()
        let t = result.targeting
        text += "\n\ncontacting the top \(formatted(100 * k))% (\(t.targeted) customers), estimated extra responses: "
        text += "by uplift \(formatted(t.retainedByUplift.value ?? .nan)), at random \(formatted(t.retainedAtRandom.value ?? .nan))"
        if result.hasRisk { text += ", by churn risk \(formatted(t.retainedByRisk.value ?? .nan))" }
        return text
    }
}

/// The JSON of `churn uplift evaluate`.
struct UpliftEvaluateJSON: Encodable {
    /// One row of the percentile table, NaN rates as null.
    struct Percentile: Encodable {
        let percentile: Int, treatedCount: Int, controlCount: Int
        let treatedRate: JSONNumber, controlRate: JSONNumber, uplift: JSONNumber
        let treatedStandardError: JSONNumber, controlStandardError: JSONNumber, upliftStandardError: JSONNumber
    }

    /// Extra responses when the top `budgetFraction` are contacted by each rule.
    struct Targeting: Encodable {
        let budgetFraction: Double, targeted: Int
        let retainedByUplift: JSONNumber, retainedAtRandom: JSONNumber, retainedByRisk: JSONNumber
    }

    let qiniCoefficient: JSONNumber, upliftAUC: JSONNumber, auuc: JSONNumber
    let normalisation = "(model - random) / (perfect - random) (scikit-uplift)"
    let k: Double
    let upliftAtKOverall: JSONNumber, upliftAtKByGroup: JSONNumber
    let percentiles: [Percentile]
    let targeting: Targeting
    let hasRisk: Bool
    let response: String
    /// Set when the model's uplift was negated to match the evaluated response.
    let scoreDirection: String?
    let treated: Int, control: Int

    private enum CodingKeys: String, CodingKey {
        case qiniCoefficient, upliftAUC, auuc, normalisation, k, upliftAtKOverall, upliftAtKByGroup, percentiles, targeting, response, scoreDirection, treated, control
    }

    init(qiniCoefficient: Double, upliftAUC: Double, k: Double, upliftAtKOverall: Double, upliftAtKByGroup: Double,
         percentiles: [UpliftPercentileRow], targeting: TargetingComparison, hasRisk: Bool, response: String, scoreDirection: String?, treated: Int, control: Int) {
        self.qiniCoefficient = JSONNumber(qiniCoefficient)
        self.upliftAUC = JSONNumber(upliftAUC)
        auuc = JSONNumber(upliftAUC)
        self.k = k
        self.upliftAtKOverall = JSONNumber(upliftAtKOverall)
        self.upliftAtKByGroup = JSONNumber(upliftAtKByGroup)
        self.percentiles = percentiles.map {
            Percentile(percentile: $0.percentile, treatedCount: $0.treatedCount, controlCount: $0.controlCount,
                       treatedRate: JSONNumber($0.treatedRate), controlRate: JSONNumber($0.controlRate), uplift: JSONNumber($0.uplift),
                       treatedStandardError: JSONNumber($0.treatedStandardError), controlStandardError: JSONNumber($0.controlStandardError),
                       upliftStandardError: JSONNumber($0.upliftStandardError))
        }
        self.targeting = Targeting(
            budgetFraction: targeting.budgetFraction, targeted: targeting.targeted, retainedByUplift: JSONNumber(targeting.retainedByUplift),
            retainedAtRandom: JSONNumber(targeting.retainedAtRandom), retainedByRisk: JSONNumber(hasRisk ? targeting.retainedByRisk : nil))
        self.hasRisk = hasRisk
        self.response = response
        self.scoreDirection = scoreDirection
        self.treated = treated
        self.control = control
    }
}
