import ArgumentParser
import ChurnKit
import Foundation

/// `churn survival FILE --duration COL --event COL [--group COL]`: Kaplan-Meier retention curves
/// with Greenwood intervals and median lifetimes per group, and the log-rank test between groups.
struct SurvivalCurveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curve",
        abstract: "Kaplan-Meier retention curves per group, median lifetimes and the log-rank test.",
        discussion: """
            One row per customer: --duration is the time to cancellation or to the end of \
            observation (a number >= 0), --event is 1 when the customer cancelled and 0 when still \
            active (censored); Yes/No or any two labels work too (the event label inferred as for \
            `churn train`'s target, or --event-label). Prints, per group, the life table (time, at \
            risk, events, censored, survival and its Greenwood 95% interval, log(-log) form as \
            lifelines) and the median lifetime, then the log-rank test that the groups share one \
            curve. --at prints the table only at the given times; --plot draws the curves.
            """)

    @Argument(help: "The CSV file, one row per customer.")
    var file: String

    @Option(help: "The duration column (time as a customer, e.g. tenure in months).")
    var duration: String

    @Option(help: "The event column: 1 / the event label = cancelled, 0 / the other = still a customer.")
    var event: String

    @Option(help: "The label of --event meaning cancelled (inferred as in train: Yes, True, 1, Churned, ...).")
    var eventLabel: String?

    @Option(help: "A column whose groups get one curve each, compared by the log-rank test.")
    var group: String?

    @Option(help: "Comma-separated times at which to print the table (default: every event or censoring time).")
    var at: String?

    @Option(help: "Where to write the retention curves (SVG).")
    var plot: String?

    @Flag(help: "Replace --plot if it exists.")
    var force = false

    @OptionGroup(title: "Reading") var reading: ReadOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try times()
        try checkOutputs(plot.map { [("--plot", $0)] } ?? [], inputs: [file], force: force)
    }

    /// The --at times, or nil.
    private func times() throws -> [Double]? {
        guard let list = columnList(at) else { return nil }
        return try list.map { text in
            guard let t = Double(text), t.isFinite, t >= 0 else { throw ValidationError("--at must list times >= 0, not \"\(text)\"") }
            return t
        }
    }

    func run() throws { print(try makeOutput()) }

    /// Estimates the curves and the test and returns the text or JSON report.
    func makeOutput() throws -> String {
        let table = try readSurvivalTable(file, event: event, eventLabel: eventLabel, options: reading.csvOptions)
        let data = try SurvivalData(table: table, duration: duration, event: event, group: group, file: file)
        let labels = group == nil ? ["all"] : data.groupLabels
        let estimator = KaplanMeier()
        let curves = try labels.map { label in
            let part = group == nil ? data : data.subset(group: label)
            return (label, try estimator.fit(durations: part.durations, events: part.events))
        }
        let test = labels.count >= 2 ? try LogRankTest(data) : nil
        if let plot {
            let svg = LifetimeFigures.retentionCurves(curves.map { .init(name: $0.0, times: $0.1.times, survival: $0.1.survival) }, timeLabel: duration)
            try AtomicFile.write(Array(svg.utf8), to: plot, replacing: force)
            printError("wrote the retention curves to \(plot)")
        }
        let report = SurvivalCurveReport(duration: duration, group: group, curves: curves, test: test, at: try times())
        switch output.format {
        case .json: return try jsonText(report)
        case .text: return report.text
        }
    }
}

/// What `churn survival` reports (its `--format json` keys).
struct SurvivalCurveReport: Encodable {
    /// One life-table row.
    struct Row: Encodable {
        let time: Double
        let atRisk: Int
        /// Events and censorings at this time (nil for a --at time).
        let events: Int?
        let censored: Int?
        let survival: Double
        let lower: Double
        let upper: Double
    }

    /// One group's curve.
    struct Group: Encodable {
        let group: String
        let customers: Int
        let events: Int
        /// nil when the curve stays above 0.5.
        let medianLifetime: Double?
        let table: [Row]
    }

    /// The log-rank test with observed and expected events per group.
    struct Test: Encodable {
        let statistic: Double
        let degreesOfFreedom: Int
        let pValue: Double
        /// log₁₀ p, finite where `pValue` underflows to 0.
        let log10PValue: Double
        let groups: [String]
        let observed: [Double]
        let expected: [Double]
    }

    let duration: String
    let groupColumn: String?
    let confidence: Double
    let groups: [Group]
    let logRank: Test?

    init(duration: String, group: String?, curves: [(String, KaplanMeierCurve)], test: LogRankTest?, at: [Double]?) {
        self.duration = duration
        groupColumn = group
        confidence = curves.first?.1.confidence ?? 0.95
        groups = curves.map { label, c in
            var rows: [Row]
            if let at {
                rows = at.map { t in
                    // The last timeline entry at or before t (the curve is right-continuous).
                    let k = (c.times.lastIndex { $0 <= t }) ?? 0
                    let after = c.times.firstIndex { $0 >= t } ?? c.times.count
                    return Row(time: t, atRisk: after < c.atRisk.count ? c.atRisk[after] : 0, events: nil, censored: nil,
                               survival: c.survival(at: t), lower: c.lower[k], upper: c.upper[k])
                }
            } else {
                rows = c.times.indices.map {
                    Row(time: c.times[$0], atRisk: c.atRisk[$0], events: c.observed[$0], censored: c.censored[$0], survival: c.survival[$0],
                        lower: c.lower[$0], upper: c.upper[$0])
                }
            }
            return Group(group: label, customers: c.count, events: c.eventCount, medianLifetime: c.median, table: rows)
        }
        logRank = test.map {
            Test(statistic: $0.statistic, degreesOfFreedom: $0.degreesOfFreedom, pValue: $0.pValue, log10PValue: $0.log10PValue, groups: $0.groups, observed: $0.observed,
                 expected: $0.expected)
        }
        atTimes = at != nil
    }

    private let atTimes: Bool

    private enum CodingKeys: String, CodingKey { case duration, groupColumn, confidence, groups, logRank }

    /// The report for people.
    var text: String {
        var lines: [String] = []
        let level = "\(formatted(100 * confidence))%"
        for g in groups {
            let median = g.medianLifetime.map { "median lifetime \(formatted($0))" } ?? "median lifetime not reached (survival stays above 0.5)"
            lines.append("\(groupColumn.map { "\($0) = \(g.group)" } ?? "all customers"): \(g.customers) customers, \(g.events) events, \(median)")
            var table = TextTable(
                headers: atTimes ? [duration, "at risk", "survival", "\(level) lower", "\(level) upper"]
                    : [duration, "at risk", "events", "censored", "survival", "\(level) lower", "\(level) upper"],
                alignments: Array(repeating: .right, count: atTimes ? 5 : 7))
            for r in g.table {
                let counts = atTimes ? [String(r.atRisk)] : [String(r.atRisk), String(r.events ?? 0), String(r.censored ?? 0)]
                table.append([formatted(r.time)] + counts + [String(format: "%.4f", r.survival), String(format: "%.4f", r.lower), String(format: "%.4f", r.upper)])
            }
            lines += [table.render(), ""]
        }
        if let test = logRank {
            var table = TextTable(headers: [groupColumn ?? "group", "observed events", "expected events"], alignments: [.left, .right, .right])
            for (k, label) in test.groups.enumerated() { table.append([label, formatted(test.observed[k]), formatted(test.expected[k])]) }
            let p = formattedPValue(test.pValue)
            lines.append("log-rank test (the groups share one curve): chi-square \(formatted(test.statistic)) on \(test.degreesOfFreedom) df, "
                + (p.hasPrefix("<") ? "p \(p)" : "p = \(p)"))
            lines.append(table.render())
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}
