import ArgumentParser
import ChurnKit
import Foundation

/// `churn retention project --survivors 1000,631,468,...`: the sBG model of a contract cohort,
/// its projected survivors and retention rates, and its discounted expected residual lifetime;
/// with `--retention-gain G`, the compounding of a yearly retention gain into the customer base.
struct RetentionProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Fit the sBG model to a cohort's survivors and project them; compound a retention gain.",
        discussion: """
            --survivors lists a cohort's active customers at the start (period 0) and at the end of \
            each period that followed (Fader and Hardie 2007: 1000,631,468,382,326,289,262,241). The \
            shifted-beta-geometric model (each customer renews with a constant probability, beta \
            distributed across customers) is fitted by maximum likelihood and projected to --years \
            periods: survivors, retention and churn rates per period. DERL is the discounted expected \
            residual lifetime, in periods, of a customer who has renewed n - 1 times, at \
            --discount-rate per period (multiply by the yearly margin for a residual value). \
            --retention-gain G prints how a yearly relative gain G compounds over --years (1.05^14 = \
            1.98: "a 5% gain in retention doubles the base in 14 years") and its doubling time.
            """)

    @Option(help: "Comma-separated active customers at periods 0, 1, 2, ... (non-increasing).")
    var survivors: String?

    @Option(help: "Periods (years) to project, or to compound over (default: the observed periods + 5; 14 for a gain alone).")
    var years: Int?

    @Option(help: "Discount rate per period for DERL.")
    var discountRate: Double = 0.1

    @Option(help: "A yearly relative retention gain to compound (0.05 = 5%).")
    var retentionGain: Double?

    @Option(help: "Where to write the observed and projected survivors (SVG; needs --survivors).")
    var plot: String?

    @Flag(help: "Replace --plot if it exists.")
    var force = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard survivors != nil || retentionGain != nil else { throw ValidationError("give --survivors N0,N1,... and/or --retention-gain G") }
        if survivors != nil { _ = try counts() }
        if let years { guard (1...1000).contains(years) else { throw ValidationError("--years must be in 1...1000, not \(years)") } }
        guard discountRate > 0, discountRate.isFinite else { throw ValidationError("--discount-rate must be positive, not \(discountRate)") }
        if let retentionGain { guard retentionGain > -1, retentionGain.isFinite else { throw ValidationError("--retention-gain must be above -1, not \(retentionGain)") } }
        if plot != nil, survivors == nil { throw ValidationError("--plot draws the cohort: give --survivors") }
        try checkOutputs(plot.map { [("--plot", $0)] } ?? [], inputs: [], force: force)
    }

    /// The --survivors counts (period 0 first).
    private func counts() throws -> [Double] {
        let list = columnList(survivors) ?? []
        let values = try list.map { text in
            guard let v = Double(text), v.isFinite, v >= 0 else { throw ValidationError("--survivors must list counts >= 0, not \"\(text)\"") }
            return v
        }
        guard values.count >= 2 else { throw ValidationError("--survivors needs the initial count and at least one period, e.g. 1000,631,468") }
        return values
    }

    func run() throws { print(try makeOutput()) }

    /// Fits, projects and returns the text or JSON report.
    func makeOutput() throws -> String {
        var report = RetentionReport()
        if survivors != nil {
            let observed = try counts()
            let initial = observed[0]
            let model = try ShiftedBetaGeometric().fit(survivors: Array(observed.dropFirst()), initial: initial)
            let horizon = years ?? observed.count - 1 + 5
            let periods = RetentionProjection.project(model, initial: initial, periods: max(horizon, observed.count - 1))
            report.cohort = .init(
                initial: initial, alpha: model.alpha, beta: model.beta, standardErrors: model.standardErrors.map { $0.isFinite ? $0 : nil },
                logLikelihood: model.logLikelihood, observedPeriods: observed.count - 1, discountRate: discountRate,
                periods: periods.map { p in .init(period: p.period, atRisk: p.atRisk, survivors: p.survivors,
                                                  observed: p.period < observed.count ? observed[p.period] : nil,
                                                  retentionRate: p.retentionRate, churnRate: p.churnRate) },
                derl: (0..<5).map { .init(renewals: $0, periods: model.discountedExpectedResidualLifetime(discountRate: discountRate, renewals: $0)) })
            if let plot {
                let svg = LifetimeFigures.retentionProjection(
                    observed: observed, projected: [initial] + periods.map(\.survivors), periodLabel: "period (year)")
                try AtomicFile.write(Array(svg.utf8), to: plot, replacing: force)
                printError("wrote the projection figure to \(plot)")
            }
        }
        if let retentionGain {
            let span = years ?? 14
            report.compounding = .init(
                gain: retentionGain, years: span, growth: RetentionProjection.compoundedGrowth(gain: retentionGain, years: Double(span)),
                doublingYears: retentionGain > 0 ? RetentionProjection.doublingYears(gain: retentionGain) : nil,
                byYear: (1...span).map { RetentionProjection.compoundedGrowth(gain: retentionGain, years: Double($0)) })
        }
        switch output.format {
        case .json: return try jsonText(report)
        case .text: return report.text
        }
    }
}

/// What `churn retention project` reports (its `--format json` keys): `cohort` with --survivors,
/// `compounding` with --retention-gain.
struct RetentionReport: Encodable {
    /// One projected period.
    struct Period: Encodable {
        let period: Int
        let atRisk: Double
        let survivors: Double
        /// The observed survivors (nil beyond the data).
        let observed: Double?
        let retentionRate: Double
        let churnRate: Double
    }

    /// DERL of a customer who has renewed `renewals` times.
    struct Residual: Encodable {
        let renewals: Int
        let periods: Double
    }

    /// The fitted cohort.
    struct Cohort: Encodable {
        let initial: Double
        let alpha: Double
        let beta: Double
        let standardErrors: [Double?]
        let logLikelihood: Double
        let observedPeriods: Int
        let discountRate: Double
        let periods: [Period]
        let derl: [Residual]
    }

    /// The compounding of a yearly gain.
    struct Compounding: Encodable {
        let gain: Double
        let years: Int
        let growth: Double
        let doublingYears: Double?
        let byYear: [Double]
    }

    var cohort: Cohort?
    var compounding: Compounding?

    /// The report for people.
    var text: String {
        var lines: [String] = []
        if let c = cohort {
            let se = c.standardErrors.map { $0.map { String(format: "%.3f", $0) } ?? "-" }
            lines.append("sBG on a cohort of \(formatted(c.initial)) over \(c.observedPeriods) periods: alpha \(String(format: "%.3f", c.alpha)) "
                + "(se \(se.first ?? "-")), beta \(String(format: "%.3f", c.beta)) (se \(se.dropFirst().first ?? "-")), "
                + "log-likelihood \(String(format: "%.2f", c.logLikelihood))")
            var table = TextTable(headers: ["period", "observed", "projected", "at risk", "retention rate", "churn rate"],
                                  alignments: Array(repeating: .right, count: 6))
            for p in c.periods {
                table.append([String(p.period) + (p.observed == nil ? "*" : ""), p.observed.map { formatted($0) } ?? "", String(format: "%.1f", p.survivors),
                              String(format: "%.1f", p.atRisk), String(format: "%.4f", p.retentionRate), String(format: "%.4f", p.churnRate)])
            }
            lines += [table.render(), "* projected beyond the data", ""]
            lines.append("discounted expected residual lifetime (DERL, periods) at \(formatted(100 * c.discountRate))% a period: "
                + c.derl.map { "\($0.renewals) renewal\($0.renewals == 1 ? "" : "s") \(String(format: "%.3f", $0.periods))" }.joined(separator: "; "))
        }
        if let g = compounding {
            if !lines.isEmpty { lines.append("") }
            let doubling = g.doublingYears.map { "; the base doubles in \(String(format: "%.1f", $0)) years" } ?? ""
            lines.append("a yearly retention gain of \(formatted(100 * g.gain))% compounds to x\(String(format: "%.3f", g.growth)) over \(g.years) years\(doubling)")
            var table = TextTable(headers: ["year", "customer base (x baseline)"], alignments: [.right, .right])
            for (k, factor) in g.byYear.enumerated() { table.append([String(k + 1), String(format: "%.3f", factor)]) }
            lines.append(table.render())
        }
        return lines.joined(separator: "\n")
    }
}
