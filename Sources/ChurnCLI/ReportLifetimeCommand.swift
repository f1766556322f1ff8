import ArgumentParser
import ChurnKit

/// `churn report lifetime ... --out FILE.ipynb`: retention curves of a tenure file, the projection
/// of a contract cohort, and lifetime value from a purchase log; each section for the inputs given.
struct ReportLifetimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifetime",
        abstract: "Retention curves, cohort projection and lifetime value from your files.",
        discussion: """
            Each section is written for the inputs given (at least one): --tenure FILE with \
            --duration and --event draws Kaplan-Meier retention curves with Greenwood intervals \
            (one per --group, compared by the log-rank test; churn survival curve); --survivors \
            fits the shifted-beta-geometric model to a cohort and projects it (churn retention \
            project); --purchases LOG with --calibration-end fits BG/NBD (or Pareto/NBD) and \
            Gamma-Gamma, checks them on the hold-out period, and predicts P(alive), expected \
            purchases and lifetime value per customer (churn lifetime fit, predict). \
            --known-parameters r=0.243,alpha=4.414,... adds the true values of a simulated log \
            beside the estimates.
            """)

    @Option(help: "A CSV file with one row per customer: its duration and whether it ended.")
    var tenure: String?

    @Option(help: "The duration column of --tenure.")
    var duration: String?

    @Option(help: "The event column of --tenure (1 / the event label = cancelled).")
    var event: String?

    @Option(help: "The label of --event meaning cancelled (inferred as in train).")
    var eventLabel: String?

    @Option(help: "A column of --tenure whose groups get one curve each.")
    var group: String?

    @Option(help: "Comma-separated times for the retention table (default: about seven round times up to the longest duration).")
    var at: String?

    @Option(help: "Comma-separated active customers of a cohort at periods 0, 1, 2, ... (churn retention project).")
    var survivors: String?

    @Option(help: "Periods to project the cohort to.")
    var years: Int = 12

    @Option(help: "A purchase log (CSV, or whitespace-separated as CDNOW).")
    var purchases: String?

    @OptionGroup(title: "Purchase log columns")
    var logColumns: PurchaseLogOptions

    @Option(help: "The last day of the calibration period of --purchases.")
    var calibrationEnd: String?

    @Option(help: "The last day of the hold-out period of --purchases (default: the last purchase).")
    var holdoutEnd: String?

    @Option(help: "Months of the horizon of expected purchases and lifetime value.")
    var horizon: Int = 12

    @Option(help: "True parameters of a simulated log, as NAME=VALUE,... (r, alpha, a, b, p, q, gamma), shown beside the estimates.")
    var knownParameters: String?

    @OptionGroup var report: ReportOptions

    func validate() throws {
        guard tenure != nil || survivors != nil || purchases != nil else {
            throw ValidationError("give --tenure FILE, --survivors N0,N1,... or --purchases LOG (or several)")
        }
        if tenure != nil, duration == nil || event == nil { throw ValidationError("--tenure needs --duration and --event") }
        if purchases != nil, calibrationEnd == nil { throw ValidationError("--purchases needs --calibration-end DATE") }
        guard (1...1000).contains(years) else { throw ValidationError("--years must be in 1...1000, not \(years)") }
        guard (1...1200).contains(horizon) else { throw ValidationError("--horizon must be in 1...1200 months, not \(horizon)") }
        _ = try known()
    }

    /// The --known-parameters as a Python dict literal, or nil.
    private func known() throws -> String? {
        guard let list = columnList(knownParameters) else { return nil }
        let pairs = try list.map { item -> String in
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), value.isFinite else {
                throw ValidationError("--known-parameters takes NAME=NUMBER,..., not \"\(item)\"")
            }
            return "\(pythonLiteral(parts[0])): \(value)"
        }
        return "{" + pairs.joined(separator: ", ") + "}"
    }

    func run() throws { print(try makeOutput()) }

    /// Writes the notebook; returns the line `churn report` prints.
    func makeOutput() throws -> String {
        if let tenure { try requireColumns([("--duration", duration), ("--event", event), ("--group", group)], in: tenure) }
        if let purchases { try requireColumns([], in: purchases) }
        let sections = [tenure.map { "retention curves of `\($0)`" }, survivors.map { _ in "the projection of a contract cohort" },
                        purchases.map { "lifetime value from the purchase log `\($0)`" }].compactMap { $0 }
        var notebook = try ReportNotebook(title: "Retention curves and lifetime value", introduction: """
            How long customers stay and what they are worth: \(sections.joined(separator: "; ")).
            """, options: report)
        if let tenure, let duration, let event {
            notebook.markdown("## Kaplan-Meier retention" + (group.map { " by \($0)" } ?? ""))
            let arguments = ["survival", "curve", tenure, "--duration", duration, "--event", event] + (eventLabel.map { ["--event-label", $0] } ?? [])
                + (group.map { ["--group", $0] } ?? []) + (at.map { ["--at", $0] } ?? [])
            notebook.code(kaplanMeierCell(arguments, plot: "notebook-output/retention-curves.svg"))
            notebook.code(#"""
                table([{"group": g["group"], "customers": g["customers"], "churned": g["events"],
                        "median lifetime": g.get("medianLifetime", "not reached")} for g in km["groups"]],
                      [(k, k) for k in ["group", "customers", "churned", "median lifetime"]])
                \#(at == nil ? """
                # The curves are steps: each is read at about seven round times, at the last row at or before each.
                times = [t for t in _ticks(0, max(r["time"] for g in km["groups"] for r in g["table"])) if t > 0]
                steps = lambda g: [max((r for r in g["table"] if r["time"] <= t), key=lambda r: r["time"], default=None) for t in times]
                rows = [{"group": g["group"], "time": t, "at risk": r["atRisk"], "retained": percent(r["survival"]),
                         "95% interval": f"{percent(r['lower'])} to {percent(r['upper'])}"}
                        for g in km["groups"] for t, r in zip(times, steps(g)) if r]
                """ : """
                rows = [{"group": g["group"], "time": r["time"], "at risk": r["atRisk"], "retained": percent(r["survival"]),
                         "95% interval": f"{percent(r['lower'])} to {percent(r['upper'])}"} for g in km["groups"] for r in g["table"]]
                """)
                table(rows, [(k, k) for k in ["group", "time", "at risk", "retained", "95% interval"]])
                """#)
        }
        if let survivors {
            notebook.markdown("## Projecting a cohort (shifted-beta-geometric)")
            notebook.code(churnCall(["retention", "project", "--survivors", survivors, "--years", String(years),
                                     "--plot", "notebook-output/retention-projection.svg", "--force"]),
                          #"show_svg("notebook-output/retention-projection.svg")"#)
        }
        if let purchases, let calibrationEnd {
            notebook.markdown("""
                ## Lifetime value from a purchase log (BG/NBD and Gamma-Gamma)

                Calibration to \(calibrationEnd)\(holdoutEnd.map { ", hold-out to \($0)" } ?? ", hold-out to the last purchase").
                """)
            let fit = ["lifetime", "fit", purchases] + logColumns.arguments + ["--calibration-end", calibrationEnd]
                + (holdoutEnd.map { ["--holdout-end", $0] } ?? [])
                + ["--out", "notebook-output/lifetime-model.json", "--plot", "notebook-output/lifetime-check.svg", "--force", "--format", "json"]
            let truthColumn = try known().map { "truth = \($0)\n" } ?? ""
            notebook.code(churnCall(fit, into: "fit"), truthColumn + #"""
                rows = [{"model": f["model"], "parameter": q["name"], "estimate": fmt(q["estimate"], 4),
                         "standard error": fmt(q["standardError"], 3)\#(truthColumn.isEmpty ? "" : #", "true": truth.get(q["name"], "")"#)}
                        for f in (fit["repeatPurchases"], fit.get("spend")) if f for q in f["parameters"]]
                print(f"{fit['customers']} customers, {fit['repeaters']} repeat buyers, {fit['repeatOccasions']} repeat purchases in calibration, "
                      f"{fit['holdoutOccasions']} in the hold-out")
                table(rows, [(k, k) for k in ["model", "parameter", "estimate", "standard error"\#(truthColumn.isEmpty ? "" : #", "true""#)]])
                show_svg("notebook-output/lifetime-check.svg")
                """#)
            let predict = ["lifetime", "predict", "notebook-output/lifetime-model.json", purchases] + logColumns.arguments
                + ["--horizon", String(horizon), "--out", "notebook-output/lifetime-values.csv", "--plot", "notebook-output/lifetime-alive.svg",
                   "--force", "--format", "json"]
            notebook.code(churnCall(predict, into: "value"), #"""
                print(f"at {value['cutoff']}: mean P(alive) {fmt(value['meanProbabilityAlive'])}, {fmt(value['expectedPurchases'], 4)} purchases "
                      f"and {fmt(value['totalLifetimeValue'], 6)} of value expected over {value['horizonMonths']} months")
                table([{"repeat purchases": g["group"], "customers": g["customers"], "mean P(alive)": fmt(g["meanProbabilityAlive"]),
                        "mean expected purchases": fmt(g["meanExpectedPurchases"]), "mean lifetime value": fmt(g["meanLifetimeValue"], 4)}
                       for g in value["byFrequency"]],
                      [(k, k) for k in ["repeat purchases", "customers", "mean P(alive)", "mean expected purchases", "mean lifetime value"]])
                show_svg("notebook-output/lifetime-alive.svg")
                """#)
        }
        return try notebook.write(report, inputs: [tenure, purchases].compactMap { $0 })
    }
}

/// The code of a notebook cell that draws Kaplan-Meier retention curves: `churn ARGUMENTS --plot SVG
/// --force --format json` (a `churn survival curve` call) into `km`, the figure, and the log-rank test
/// across the groups when there are several.
/// - Parameters:
///   - arguments: The `churn` arguments, from `survival curve` on.
///   - svg: The figure's path.
/// - Returns: The cell's parts, for `ReportNotebook.code`.
func kaplanMeierCell(_ arguments: [String], plot svg: String) -> [String] {
    [churnCall(arguments + ["--plot", svg, "--force", "--format", "json"], into: "km"), #"""
        show_svg("\#(svg)")
        lr = km.get("logRank")
        if lr:
            p = fmt(lr["pValue"]) if lr["pValue"] > 0 else f"below 1e-300 (log10 p = {lr['log10PValue']:.1f})"
            print(f"log-rank: chi-square {fmt(lr['statistic'], 4)} on {lr['degreesOfFreedom']} degree(s) of freedom, p {p}")
        """#]
}
