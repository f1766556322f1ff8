import ArgumentParser
import ChurnKit
import Foundation

/// `churn lifetime fit LOG --calibration-end DATE --out MODEL.json`: a BG/NBD (or Pareto/NBD)
/// repeat-purchase model and a Gamma-Gamma spend model fitted on a purchase log's calibration period.
struct LifetimeFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit BG/NBD (or Pareto/NBD) and Gamma-Gamma to a purchase log's calibration period.",
        discussion: """
            Builds the customer table at --calibration-end (same-day purchases merged; frequency = \
            repeat occasions, recency and age in --unit), fits the repeat-purchase model and the \
            Gamma-Gamma spend model on the repeat customers by maximum likelihood (standard errors \
            from the observed information), and prints the parameters, log-likelihoods and the \
            calibration counts. When the log goes beyond the calibration end (or to --holdout-end), \
            prints the calibration vs hold-out check: mean hold-out purchases per calibration \
            frequency, actual and predicted (--plot draws it). --out writes the model file read by \
            `churn lifetime predict`.
            """)

    @Argument(help: "The purchase log (CSV with a header, or whitespace-separated as the CDNOW sample).")
    var log: String

    @OptionGroup(title: "Purchase log columns")
    var columns: PurchaseLogOptions

    @Option(help: "The last day of the calibration period (YYYY-MM-DD or YYYYMMDD).")
    var calibrationEnd: String

    @Option(help: "The last day of the hold-out period (default: the last purchase in the log).")
    var holdoutEnd: String?

    @Option(help: "The time unit of recency, age and the model's rates: days or weeks.")
    var unit: TimeUnit = .weeks

    @Option(help: "The repeat-purchase model: bgnbd or pareto.")
    var model: RepeatModelKind = .bgnbd

    @Flag(help: "Leave out customers whose first purchase is after the calibration end instead of stopping.")
    var excludeNewCustomers = false

    @Option(help: "Where to write the model file (JSON).")
    var out: String

    @Option(help: "Where to write the calibration vs hold-out figure (SVG; needs a hold-out period).")
    var plot: String?

    @Flag(help: "Replace --out and --plot if they exist.")
    var force = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try parseDay(calibrationEnd, option: "calibration-end")
        if let holdoutEnd { _ = try parseDay(holdoutEnd, option: "holdout-end") }
        try checkOutputs([("--out", out)] + (plot.map { [("--plot", $0)] } ?? []), inputs: [log], force: force)
    }

    func run() throws { print(try makeOutput()) }

    /// Fits the models, writes the files and returns the text or JSON report.
    func makeOutput() throws -> String {
        let summary = try CustomerSummary(
            log: try columns.read(log), calibrationEnd: try parseDay(calibrationEnd, option: "calibration-end"),
            holdoutEnd: try holdoutEnd.map { try parseDay($0, option: "holdout-end") }, unit: unit,
            excludeNewCustomers: excludeNewCustomers)
        let start = Date()
        printError("fitting \(model.title) and Gamma-Gamma to \(summary.customers.count) customers ...")
        var file = LifetimeModelFile(
            model: model, unit: unit, calibrationEnd: summary.calibrationEnd.description,
            gammaGamma: try GammaGamma().fit(frequency: summary.frequencies, monetaryValue: summary.monetaryValues),
            training: .init(file: log, customers: summary.customers.count, repeaters: summary.repeatCustomerCount,
                            repeatOccasions: summary.repeatOccasionCount, excludedNewCustomers: summary.excludedNewCustomers))
        switch model {
        case .bgnbd: file.bgnbd = try BetaGeometricNBD().fit(frequency: summary.frequencies, recency: summary.recencies, age: summary.ages)
        case .pareto: file.paretoNBD = try ParetoNBD().fit(frequency: summary.frequencies, recency: summary.recencies, age: summary.ages)
        }
        printError("fitted in \(elapsed(since: start))")
        let check = summary.holdoutDuration > 0 ? CalibrationHoldoutCheck.table(summary, model: try file.repeatModel()) : []
        try file.write(to: out, replacing: force)
        printError("wrote the model to \(out)")
        if let plot {
            guard !check.isEmpty else { throw CommandError("--plot draws the calibration vs hold-out check, but the log ends at the calibration end") }
            let svg = LifetimeFigures.calibrationHoldout(groups: check.map(\.group), actual: check.map(\.actual), predicted: check.map(\.predicted))
            try AtomicFile.write(Array(svg.utf8), to: plot, replacing: force)
            printError("wrote the calibration vs hold-out figure to \(plot)")
        }
        let report = LifetimeFitReport(file: file, summary: summary, check: check)
        switch output.format {
        case .json: return try jsonText(report)
        case .text: return report.text
        }
    }
}

/// What `churn lifetime fit` reports (its `--format json` keys).
struct LifetimeFitReport: Encodable {
    /// One estimated parameter.
    struct Parameter: Encodable {
        let name: String
        let estimate: Double
        /// nil when the information matrix is singular.
        let standardError: Double?
    }

    /// One fitted model's parameters and log-likelihood.
    struct Fit: Encodable {
        let model: String
        let customers: Int
        let parameters: [Parameter]
        let logLikelihood: Double
        let iterations: Int
    }

    let calibrationEnd: String
    let holdoutEnd: String?
    let holdoutDuration: Double
    let unit: TimeUnit
    let customers: Int
    let repeaters: Int
    let repeatOccasions: Int
    let holdoutOccasions: Int?
    let excludedNewCustomers: Int
    let repeatPurchases: Fit
    let spend: Fit
    let calibrationHoldout: [CalibrationHoldoutRow]

    init(file: LifetimeModelFile, summary: CustomerSummary, check: [CalibrationHoldoutRow]) {
        func parameters(_ names: [String], _ values: [Double], _ errors: [Double]) -> [Parameter] {
            names.indices.map { Parameter(name: names[$0], estimate: values[$0], standardError: $0 < errors.count && errors[$0].isFinite ? errors[$0] : nil) }
        }
        calibrationEnd = summary.calibrationEnd.description
        let hasHoldout = summary.holdoutDuration > 0
        holdoutEnd = hasHoldout ? summary.holdoutEnd.description : nil
        holdoutDuration = summary.holdoutDuration
        unit = summary.unit
        customers = summary.customers.count
        repeaters = summary.repeatCustomerCount
        repeatOccasions = summary.repeatOccasionCount
        holdoutOccasions = hasHoldout ? summary.holdoutOccasionCount : nil
        excludedNewCustomers = summary.excludedNewCustomers
        if let m = file.paretoNBD {
            repeatPurchases = Fit(model: "Pareto/NBD", customers: m.customerCount,
                                  parameters: parameters(["r", "alpha", "s", "beta"], [m.r, m.alpha, m.s, m.beta], m.standardErrors),
                                  logLikelihood: m.logLikelihood, iterations: m.iterationCount)
        } else {
            let m = file.bgnbd ?? BetaGeometricNBDModel(r: .nan, alpha: .nan, a: .nan, b: .nan)
            repeatPurchases = Fit(model: "BG/NBD", customers: m.customerCount,
                                  parameters: parameters(["r", "alpha", "a", "b"], [m.r, m.alpha, m.a, m.b], m.standardErrors),
                                  logLikelihood: m.logLikelihood, iterations: m.iterationCount)
        }
        let g = file.gammaGamma
        spend = Fit(model: "Gamma-Gamma", customers: g.customerCount,
                    parameters: parameters(["p", "q", "gamma"], [g.p, g.q, g.gamma], g.standardErrors),
                    logLikelihood: g.logLikelihood, iterations: g.iterationCount)
        calibrationHoldout = check
    }

    /// The report for people: counts, the two parameter tables and the hold-out check.
    var text: String {
        var lines = [
            "calibration to \(calibrationEnd), times in \(unit.rawValue): \(customers) customers, \(repeaters) repeaters, "
                + "\(repeatOccasions) repeat occasions" + (excludedNewCustomers > 0 ? " (\(excludedNewCustomers) customers first buying later left out)" : ""),
            "",
        ]
        for (fit, fittedOn) in [(repeatPurchases, "customers"), (spend, "repeat customers (their mean repeat spend)")] {
            var table = TextTable(headers: ["parameter", "estimate", "std. error"], alignments: [.left, .right, .right])
            for p in fit.parameters {
                table.append([p.name, String(format: "%.3f", p.estimate), p.standardError.map { String(format: "%.4f", $0) } ?? "-"])
            }
            lines.append("\(fit.model) on \(fit.customers) \(fittedOn): "
                + "log-likelihood \(String(format: "%.1f", fit.logLikelihood)), \(fit.iterations) Newton iterations")
            lines += [table.render(), ""]
        }
        if let holdoutEnd, let holdoutOccasions {
            var table = TextTable(headers: ["repeat purchases in calibration", "customers", "actual", "predicted"],
                                  alignments: [.left, .right, .right, .right])
            var predicted = 0.0
            for row in calibrationHoldout {
                table.append([row.group, String(row.customers), formatted(row.actual), formatted(row.predicted)])
                predicted += row.predicted * Double(row.customers)
            }
            lines.append("calibration vs hold-out (to \(holdoutEnd), \(formatted(holdoutDuration)) \(unit.rawValue)): "
                + "mean hold-out purchases per customer; \(holdoutOccasions) hold-out occasions, \(formatted(predicted)) predicted")
            lines.append(table.render())
        } else {
            lines.append("no hold-out period (the log ends at the calibration end): no calibration vs hold-out check")
        }
        return lines.joined(separator: "\n")
    }
}

extension RepeatModelKind: ExpressibleByArgument {}
