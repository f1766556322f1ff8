import ArgumentParser
import ChurnKit
import Foundation

/// `churn rfm LOG --customer COL --date COL --amount COL --cutoff DATE`: recency, frequency and
/// monetary scores (quintiles) and segments of every customer at a cut-off date.
struct RFMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rfm",
        abstract: "Score customers by recency, frequency and monetary value (quintiles) and name their segments.",
        discussion: """
            Uses the purchases on or before --cutoff (same-day purchases merged into one occasion): \
            recency = time from the last purchase to the cut-off, frequency = purchase occasions, \
            monetary = total spend. Each is scored 1-5 by quintile of its rank (tied values share their \
            lowest rank, as pandas' rank(method="min"), so one-time buyers get F = 1; 5 = \
            most recent, most frequent, highest spend), and the R and F scores name the segment \
            (champions, loyal, potential loyalists, new, needs attention, at risk, hibernating). \
            Prints the segments; --out writes one row per customer: customer, recency, frequency, \
            monetary, r, f, m, rfm, segment. A customer whose every purchase is after the cut-off is \
            an error unless --exclude-new-customers.
            """)

    @Argument(help: "The purchase log (CSV with a header, or whitespace-separated as the CDNOW sample).")
    var log: String

    @OptionGroup(title: "Purchase log columns")
    var columns: PurchaseLogOptions

    @Option(help: "The cut-off date (YYYY-MM-DD or YYYYMMDD); later purchases are ignored.")
    var cutoff: String

    @Option(help: "The unit of recency: days or weeks (days / 7).")
    var unit: TimeUnit = .days

    @Flag(help: "Leave out customers whose first purchase is after the cut-off instead of stopping.")
    var excludeNewCustomers = false

    @Option(help: "Where to write the per-customer table (CSV).")
    var out: String?

    @Flag(help: "Replace --out if it exists.")
    var force = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try parseDay(cutoff, option: "cutoff")
        try checkOutputs(out.map { [("--out", $0)] } ?? [], inputs: [log], force: force)
    }

    func run() throws { print(try makeOutput()) }

    /// Scores the customers, writes --out and returns the text or JSON report.
    func makeOutput() throws -> String {
        let summary = try CustomerSummary(
            log: try columns.read(log), calibrationEnd: try parseDay(cutoff, option: "cutoff"), unit: unit,
            excludeNewCustomers: excludeNewCustomers)
        if summary.excludedNewCustomers > 0 {
            printError("left out \(summary.excludedNewCustomers) customers whose first purchase is after \(summary.calibrationEnd)")
        }
        let scores = RFMScoring.scores(summary)
        if let out {
            let rows: [[String?]] = scores.map { s in
                [s.id, "\(Double(s.recencyDays) / unit.days)", "\(s.frequency)", "\(s.monetary)", "\(s.recencyScore)",
                 "\(s.frequencyScore)", "\(s.monetaryScore)", s.code, s.segment]
            }
            try CSVWriter.write(
                header: ["customer", "recency", "frequency", "monetary", "r", "f", "m", "rfm", "segment"], rows: rows,
                toFileAt: out, replacing: force)
            printError("wrote \(scores.count) customers to \(out)")
        }
        let report = RFMReport(scores: scores, cutoff: summary.calibrationEnd, unit: unit, excluded: summary.excludedNewCustomers,
                               includeCustomers: out == nil)
        switch output.format {
        case .json: return try jsonText(report)
        case .text: return report.text
        }
    }
}

extension TimeUnit: ExpressibleByArgument {}

/// What `churn rfm` reports (its `--format json` keys): the segments, and the customers when no --out is given.
struct RFMReport: Encodable {
    /// One segment's size and mean values.
    struct Segment: Encodable {
        let segment: String
        let customers: Int
        let share: Double
        let meanRecency: Double
        let meanFrequency: Double
        let meanMonetary: Double
    }

    /// One customer's row (as in the --out file).
    struct Customer: Encodable {
        let customer: String
        let recency: Double
        let frequency: Int
        let monetary: Double
        let r: Int, f: Int, m: Int
        let rfm: String
        let segment: String
    }

    /// The segments in the order of the RFM grid, best first.
    static let segmentOrder = ["champions", "loyal", "potential loyalists", "new", "needs attention", "at risk", "hibernating"]

    let cutoff: String
    let unit: TimeUnit
    let customerCount: Int
    let excludedNewCustomers: Int
    let segments: [Segment]
    let customers: [Customer]?

    init(scores: [RFMScore], cutoff: CalendarDay, unit: TimeUnit, excluded: Int, includeCustomers: Bool) {
        self.cutoff = cutoff.description
        self.unit = unit
        customerCount = scores.count
        excludedNewCustomers = excluded
        let n = Double(max(scores.count, 1))
        segments = Self.segmentOrder.compactMap { name in
            let members = scores.filter { $0.segment == name }
            guard !members.isEmpty else { return nil }
            let k = Double(members.count)
            return Segment(
                segment: name, customers: members.count, share: k / n,
                meanRecency: members.reduce(0) { $0 + Double($1.recencyDays) } / unit.days / k,
                meanFrequency: members.reduce(0) { $0 + Double($1.frequency) } / k,
                meanMonetary: members.reduce(0) { $0 + $1.monetary } / k)
        }
        customers = includeCustomers
            ? scores.map {
                Customer(customer: $0.id, recency: Double($0.recencyDays) / unit.days, frequency: $0.frequency, monetary: $0.monetary,
                         r: $0.recencyScore, f: $0.frequencyScore, m: $0.monetaryScore, rfm: $0.code, segment: $0.segment)
            }
            : nil
    }

    /// The report for people: the segment table.
    var text: String {
        var table = TextTable(
            headers: ["segment", "customers", "share", "mean recency (\(unit.rawValue))", "mean frequency", "mean monetary"],
            alignments: [.left, .right, .right, .right, .right, .right])
        for s in segments {
            table.append([s.segment, String(s.customers), formatted(s.share, digits: 3), formatted(s.meanRecency), formatted(s.meanFrequency),
                          formatted(s.meanMonetary)])
        }
        var lines = ["RFM at \(cutoff): \(customerCount) customers (recency, frequency and monetary scored 1-5 by quintile)"]
        if excludedNewCustomers > 0 { lines.append("left out \(excludedNewCustomers) customers whose first purchase is after the cut-off") }
        lines += ["", table.render()]
        if customers != nil { lines += ["", "write the per-customer scores with --out FILE.csv"] }
        return lines.joined(separator: "\n")
    }
}
