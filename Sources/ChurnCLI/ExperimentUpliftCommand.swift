import ArgumentParser
import ChurnKit

/// `churn uplift`: evaluate uplift scores on a randomized sample.
struct ExperimentUpliftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uplift",
        abstract: "Evaluate uplift scores on a randomized sample: Qini, AUUC, uplift@k, uplift by decile.",
        discussion: """
            Normalisation as scikit-uplift: (model - random) / (perfect - random). The response is \
            --outcome-column, or its negation with --churn-outcome (a churn campaign wants retention).
            """)

    @Argument(help: "CSV with outcome, treatment and score columns.")
    var file: String

    @Option(help: "Binary outcome column (0/1 or yes/no).")
    var outcomeColumn: String

    @Flag(help: "The outcome is churn: evaluate the uplift in retention (not churned).")
    var churnOutcome = false

    @Option(help: "Treatment column: 0/1, yes/no, or labels with --control-label.")
    var treatmentColumn: String

    @Option(help: "Label of the control group when the treatment column holds labels.")
    var controlLabel: String?

    @Option(help: "Predicted uplift column.")
    var scoreColumn: String

    @Option(help: "Fraction for uplift@k.")
    var k = 0.3

    @Option(help: "Number of bins of the percentile table.")
    var bins = 10

    @OptionGroup var output: OutputOptions

    func run() throws { print(try makeOutput()) }

    /// The text or JSON printed.
    func makeOutput() throws -> String {
        let table = try readTable(file)
        var outcome = try ExperimentColumns.flags(table, outcomeColumn, file: file)
        if churnOutcome { outcome = outcome.map { !$0 } }
        let treatment: [Bool]
        if let controlLabel {
            let labels = try ExperimentColumns.texts(table, treatmentColumn, file: file)
            guard labels.contains(controlLabel) else { throw ValidationError("\(file): no row has \(treatmentColumn) = \"\(controlLabel)\"") }
            treatment = labels.map { $0 != controlLabel }
        } else {
            treatment = try ExperimentColumns.flags(table, treatmentColumn, file: file)
        }
        let evaluation = try UpliftEvaluation(outcome: outcome, treatment: treatment, scores: try ExperimentColumns.numbers(table, scoreColumn, file: file))
        let result = UpliftResult(
            qiniCoefficient: evaluation.qiniCoefficient, upliftAUC: evaluation.upliftAUC, k: k,
            upliftAtKOverall: try evaluation.upliftAtK(fraction: k, strategy: .overall),
            upliftAtKByGroup: try evaluation.upliftAtK(fraction: k, strategy: .byGroup),
            percentiles: try evaluation.upliftByPercentile(bins: bins))
        switch output.format {
        case .json: return try jsonText(result)
        case .text:
            var text = "Qini coefficient \(formatted(result.qiniCoefficient)), AUUC \(formatted(result.upliftAUC)) (normalised: (model - random) / (perfect - random))\n"
            text += "uplift@\(formatted(k)): overall \(formatted(result.upliftAtKOverall)), by group \(formatted(result.upliftAtKByGroup))\n\n"
            var rows = TextTable(headers: ["percentile", "treated", "rate", "control", "rate", "uplift", "s.e."],
                                 alignments: [.right, .right, .right, .right, .right, .right, .right])
            for row in result.percentiles {
                rows.append([String(row.percentile), String(row.treatedCount), formatted(row.treatedRate), String(row.controlCount),
                             formatted(row.controlRate), formatted(row.uplift), formatted(row.upliftStandardError)])
            }
            return text + rows.render()
        }
    }
}

private struct UpliftResult: Encodable {
    let qiniCoefficient: Double, upliftAUC: Double, k: Double
    let upliftAtKOverall: Double, upliftAtKByGroup: Double
    let percentiles: [UpliftPercentileRow]
}
