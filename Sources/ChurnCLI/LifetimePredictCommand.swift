import ArgumentParser
import ChurnKit
import Foundation

/// `churn lifetime predict MODEL.json LOG --out FILE`: per-customer P(alive), expected purchases,
/// expected spend and lifetime value from a model written by `churn lifetime fit`.
struct LifetimePredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Per-customer P(alive), expected purchases, expected spend and lifetime value from a fitted model.",
        discussion: """
            Builds the customer table of LOG at the model's calibration end (or --cutoff, a later \
            date to predict from a longer log with the same parameters) in the model's time unit, \
            then writes one row per customer to --out: customer, frequency, recency, age, \
            monetary_value, p_alive, expected_purchases (over --horizon months of 30 days or \
            4.345 weeks), expected_spend (Gamma-Gamma, per purchase) and lifetime_value = margin x \
            discounted expected spend over the horizon, month by month at --discount-rate per month \
            (the `lifetimes` package's customer_lifetime_value). --add-to FILE --add-to-out OUT \
            copies FILE (for example experiment outcomes) to OUT with a lifetime_value column joined \
            on its --add-to-id column (default: id when FILE has it, else its first column), ready \
            to be the --value-column of `churn experiment analyze`.
            """)

    @Argument(help: "The model file written by `churn lifetime fit --out`.")
    var modelFile: String

    @Argument(help: "The purchase log (CSV with a header, or whitespace-separated as the CDNOW sample).")
    var log: String

    @OptionGroup(title: "Purchase log columns")
    var columns: PurchaseLogOptions

    @Option(help: "The date to predict from (default: the model's calibration end).")
    var cutoff: String?

    @Option(help: "Months of the horizon of expected purchases and lifetime value.")
    var horizon: Int = 12

    @Option(help: "Discount rate per month (0.01 = 1% a month).")
    var discountRate: Double = 0.01

    @Option(help: "The share of spend that is margin (1 = revenue).")
    var margin: Double = 1

    @Flag(help: "Leave out customers whose first purchase is after the cut-off instead of stopping.")
    var excludeNewCustomers = false

    @Option(help: "Where to write the per-customer predictions (CSV).")
    var out: String

    @Option(help: "Where to write the figure of mean P(alive) by repeat purchases (SVG).")
    var plot: String?

    @Option(help: "A CSV file (e.g. experiment outcomes) to copy to --add-to-out with a lifetime_value column.")
    var addTo: String?

    @Option(help: "The customer id column of --add-to (default: id when it has one, else its first column).")
    var addToId: String?

    @Option(help: "Where to write --add-to with its lifetime_value column (CSV).")
    var addToOut: String?

    @Flag(help: "Replace --out, --plot and --add-to-out if they exist.")
    var force = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let cutoff { _ = try parseDay(cutoff, option: "cutoff") }
        do { try options.validate() } catch { throw ValidationError(error.description) }
        guard (addTo == nil) == (addToOut == nil) else { throw ValidationError("give --add-to FILE and --add-to-out OUT together") }
        let outputs = [("--out", out), ("--plot", plot), ("--add-to-out", addToOut)].compactMap { option, path in path.map { (option, $0) } }
        try checkOutputs(outputs, inputs: [log, modelFile] + (addTo.map { [$0] } ?? []), force: force)
    }

    private var options: LifetimeValueOptions {
        LifetimeValueOptions(horizonMonths: horizon, monthlyDiscountRate: discountRate, margin: margin)
    }

    func run() throws { print(try makeOutput()) }

    /// Predicts, writes the files and returns the text or JSON report.
    func makeOutput() throws -> String {
        let file = try LifetimeModelFile.read(modelFile)
        let model = try file.repeatModel()
        let end = try cutoff.map { try parseDay($0, option: "cutoff") } ?? file.calibrationDay()
        let summary = try CustomerSummary(
            log: try columns.read(log), calibrationEnd: end, holdoutEnd: end, unit: file.unit, excludeNewCustomers: excludeNewCustomers)
        let duration = Double(horizon) * file.unit.perMonth
        let start = Date()
        let predictions = LifetimeValue.predictions(
            for: summary, transactions: model, spend: file.gammaGamma, horizon: duration, options: options)
        printError("predicted \(predictions.count) customers in \(elapsed(since: start))")
        let rows: [[String?]] = zip(summary.customers, predictions).map { c, p in
            [c.id, "\(c.frequency)", "\(c.recency)", "\(c.age)", "\(c.monetaryValue)", "\(p.probabilityAlive)", "\(p.expectedPurchases)",
             "\(p.expectedSpend)", "\(p.lifetimeValue)"]
        }
        try CSVWriter.write(
            header: ["customer", "frequency", "recency", "age", "monetary_value", "p_alive", "expected_purchases", "expected_spend", "lifetime_value"],
            rows: rows, toFileAt: out, replacing: force)
        printError("wrote \(rows.count) customers to \(out)")
        if let addTo, let addToOut { try addLifetimeValues(predictions, to: addTo, writing: addToOut) }
        let report = LifetimePredictReport(
            file: file, summary: summary, predictions: predictions, horizonMonths: horizon, horizon: duration, options: options)
        if let plot {
            let svg = LifetimeFigures.probabilityAlive(groups: report.byFrequency.map(\.group), probabilities: report.byFrequency.map(\.meanProbabilityAlive))
            try AtomicFile.write(Array(svg.utf8), to: plot, replacing: force)
            printError("wrote the P(alive) figure to \(plot)")
        }
        switch output.format {
        case .json: return try jsonText(report)
        case .text: return report.text
        }
    }
}

extension LifetimePredictCommand {
    /// Copies `path` to `out` with a `lifetime_value` column joined on the customer id.
    /// - Throws: `CommandError` naming the line of a customer that has no prediction, or for a
    ///   file that already has a lifetime_value column.
    func addLifetimeValues(_ predictions: [CustomerValuePrediction], to path: String, writing out: String) throws {
        let header = try csvHeader(path)
        let idName = addToId ?? (header.contains("id") ? "id" : header.first ?? "")
        // Ids as written ("0001" stays "0001"): the id column is read as text.
        let table = try Table(csvAt: path, options: CSVReadOptions(columnKinds: [idName: .categorical]))
        let ids = try ExperimentColumns.texts(table, idName, file: path)
        guard !table.columnNames.contains("lifetime_value") else {
            throw CommandError("\(path) already has a lifetime_value column")
        }
        var value: [String: Double] = [:]
        for p in predictions { value[p.id] = p.lifetimeValue }
        let values = try ids.enumerated().map { row, id in
            guard let v = value[id] else {
                throw CommandError("\(path): column \"\(idName)\", line \(row + 2): customer \"\(id)\" is not in the purchase log \(log)")
            }
            return v
        }
        try CSVWriter.write(try Table(columns: table.columns + [Column(name: "lifetime_value", numeric: values)]), toFileAt: out, replacing: force)
        printError("wrote \(path) with lifetime_value to \(out)")
    }
}

/// What `churn lifetime predict` reports (its `--format json` keys): totals, means per
/// calibration frequency and the ten most valuable customers.
struct LifetimePredictReport: Encodable {
    /// Customers grouped by repeat purchases (0, 1, …, 7+).
    struct Group: Encodable {
        let group: String
        let customers: Int
        let meanProbabilityAlive: Double
        let meanExpectedPurchases: Double
        let meanLifetimeValue: Double
    }

    let model: String
    let cutoff: String
    let unit: TimeUnit
    let horizonMonths: Int
    let horizon: Double
    let monthlyDiscountRate: Double
    let margin: Double
    let customers: Int
    let meanProbabilityAlive: Double
    let expectedPurchases: Double
    let totalLifetimeValue: Double
    let byFrequency: [Group]
    let top: [CustomerValuePrediction]

    init(file: LifetimeModelFile, summary: CustomerSummary, predictions: [CustomerValuePrediction], horizonMonths: Int, horizon: Double,
         options: LifetimeValueOptions) {
        model = file.model.title
        cutoff = summary.calibrationEnd.description
        unit = file.unit
        self.horizonMonths = horizonMonths
        self.horizon = horizon
        monthlyDiscountRate = options.monthlyDiscountRate
        margin = options.margin
        customers = predictions.count
        let n = Double(max(predictions.count, 1))
        meanProbabilityAlive = predictions.reduce(0) { $0 + $1.probabilityAlive } / n
        expectedPurchases = predictions.reduce(0) { $0 + $1.expectedPurchases }
        totalLifetimeValue = predictions.reduce(0) { $0 + $1.lifetimeValue }
        let last = 7
        byFrequency = (0...last).compactMap { g in
            let members = zip(summary.customers, predictions).filter { min($0.0.frequency, last) == g }.map(\.1)
            guard !members.isEmpty else { return nil }
            let k = Double(members.count)
            return Group(group: g == last ? "\(last)+" : "\(g)", customers: members.count,
                         meanProbabilityAlive: members.reduce(0) { $0 + $1.probabilityAlive } / k,
                         meanExpectedPurchases: members.reduce(0) { $0 + $1.expectedPurchases } / k,
                         meanLifetimeValue: members.reduce(0) { $0 + $1.lifetimeValue } / k)
        }
        top = Array(predictions.sorted { $0.lifetimeValue > $1.lifetimeValue }.prefix(10))
    }

    /// The report for people.
    var text: String {
        var groups = TextTable(headers: ["repeat purchases", "customers", "mean P(alive)", "mean expected purchases", "mean lifetime value"],
                               alignments: [.left, .right, .right, .right, .right])
        for g in byFrequency {
            groups.append([g.group, String(g.customers), formatted(g.meanProbabilityAlive, digits: 3), formatted(g.meanExpectedPurchases),
                           formatted(g.meanLifetimeValue)])
        }
        var best = TextTable(headers: ["customer", "P(alive)", "expected purchases", "expected spend", "lifetime value"],
                             alignments: [.left, .right, .right, .right, .right])
        for p in top {
            best.append([p.id, formatted(p.probabilityAlive, digits: 3), formatted(p.expectedPurchases), formatted(p.expectedSpend),
                         formatted(p.lifetimeValue)])
        }
        return [
            "\(model) + Gamma-Gamma at \(cutoff): \(customers) customers, mean P(alive) \(formatted(meanProbabilityAlive, digits: 3))",
            "next \(horizonMonths) months (\(formatted(horizon)) \(unit.rawValue)): \(formatted(expectedPurchases)) purchases expected; "
                + "lifetime value \(formatted(totalLifetimeValue)) in total (margin \(formatted(margin)), discount \(formatted(100 * monthlyDiscountRate))% a month)",
            "", groups.render(), "", "most valuable customers", best.render(),
        ].joined(separator: "\n")
    }
}
