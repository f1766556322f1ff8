import ArgumentParser
import ChurnKit
import Foundation

/// `churn survival cox FILE --duration COL --event COL --covariates A,B,...`: Cox proportional
/// hazards with hazard ratios, concordance and the Schoenfeld proportional-hazards test.
struct SurvivalCoxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cox",
        abstract: "Cox proportional hazards: coefficients, hazard ratios with intervals, concordance, PH test.",
        discussion: """
            Efron's ties, Newton's method. Covariates: numeric columns as they are; Yes/No columns as \
            1 for Yes (the true label); other text columns one-hot, one 0/1 column "name=level" per \
            level except the reference, the first level in the file (printed). A missing covariate \
            value is an error naming its line. The proportional-hazards test is the scaled \
            Schoenfeld residual test against rank-transformed time (lifelines' default); a small p \
            means that covariate's effect changes with time.
            """)

    @Argument(help: "The CSV file, one row per customer.")
    var file: String

    @Option(help: "The duration column.")
    var duration: String

    @Option(help: "The event column: 1 / the event label = cancelled, 0 / the other = still a customer.")
    var event: String

    @Option(help: "The label of --event meaning cancelled (inferred as in train: Yes, True, 1, Churned, ...).")
    var eventLabel: String?

    @Option(help: "Comma-separated covariate columns.")
    var covariates: String

    @OptionGroup(title: "Reading") var reading: ReadOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard let list = columnList(covariates), !list.isEmpty else { throw ValidationError("--covariates must name at least one column") }
    }

    func run() throws { print(try makeOutput()) }

    /// Fits the model and returns the text or JSON report.
    func makeOutput() throws -> String {
        let table = try readSurvivalTable(file, event: event, eventLabel: eventLabel, options: reading.csvOptions)
        let data = try SurvivalData(table: table, duration: duration, event: event, file: file)
        let design = try CovariateDesign(table: table, columns: columnList(covariates) ?? [], file: file)
        let start = Date()
        let model = try CoxProportionalHazards().fit(
            covariates: design.matrix, durations: data.durations, events: data.events, names: design.names)
        printError("fitted Cox on \(model.rowCount) rows x \(design.names.count) covariates in \(elapsed(since: start))")
        let report = CoxReport(model: model, design: design, duration: duration)
        switch output.format {
        case .json: return try jsonText(report)
        case .text: return report.text
        }
    }
}

/// What `churn survival cox` reports (its `--format json` keys).
struct CoxReport: Encodable {
    /// One covariate's row.
    struct Coefficient: Encodable {
        let name: String
        let coefficient: Double
        let standardError: Double
        let z: Double
        let pValue: Double
        /// log₁₀ p, finite where `pValue` underflows to 0.
        let log10PValue: Double
        let hazardRatio: Double
        let hazardRatioLower: Double
        let hazardRatioUpper: Double
        let proportionalHazardsStatistic: Double?
        let proportionalHazardsPValue: Double?
    }

    let duration: String
    let rows: Int
    let events: Int
    let logPartialLikelihood: Double
    let concordance: Double
    let iterations: Int
    let confidence: Double
    let referenceLevels: [String: String]
    let coefficients: [Coefficient]

    init(model: CoxModel, design: CovariateDesign, duration: String) {
        self.duration = duration
        rows = model.rowCount
        events = model.eventCount
        logPartialLikelihood = model.logPartialLikelihood
        concordance = model.concordance
        iterations = model.iterationCount
        confidence = model.confidence
        referenceLevels = design.referenceLevels
        coefficients = model.coefficients.map { c in
            let check = model.proportionalHazardsTest.first { $0.name == c.name }
            return Coefficient(
                name: c.name, coefficient: c.coefficient, standardError: c.standardError, z: c.z, pValue: c.pValue, log10PValue: c.log10PValue, hazardRatio: c.hazardRatio,
                hazardRatioLower: c.hazardRatioLower, hazardRatioUpper: c.hazardRatioUpper,
                proportionalHazardsStatistic: check?.statistic, proportionalHazardsPValue: check?.pValue)
        }
    }

    /// The report for people.
    var text: String {
        let level = "\(formatted(100 * confidence))%"
        var table = TextTable(
            headers: ["covariate", "coef", "se", "z", "p", "hazard ratio", "HR \(level) lower", "HR \(level) upper", "PH test chi2", "PH p"],
            alignments: [.left] + Array(repeating: .right, count: 9))
        for c in coefficients {
            table.append([c.name, formatted(c.coefficient), formatted(c.standardError), formatted(c.z, digits: 3), formattedPValue(c.pValue),
                          formatted(c.hazardRatio), formatted(c.hazardRatioLower), formatted(c.hazardRatioUpper),
                          c.proportionalHazardsStatistic.map { formatted($0, digits: 3) } ?? "-",
                          c.proportionalHazardsPValue.map(formattedPValue) ?? "-"])
        }
        var lines = [
            "Cox proportional hazards (Efron ties) on \(rows) rows, \(events) events, duration \(duration): log partial likelihood "
                + "\(String(format: "%.3f", logPartialLikelihood)), concordance \(String(format: "%.4f", concordance)), \(iterations) Newton iterations",
        ]
        for (column, level) in referenceLevels.sorted(by: { $0.key < $1.key }) { lines.append("\(column): reference level \"\(level)\"") }
        lines += ["", table.render(), "",
                  "hazard ratio > 1: cancels sooner; PH test: scaled Schoenfeld residuals vs rank of time (small p: the effect changes over time)"]
        return lines.joined(separator: "\n")
    }
}
