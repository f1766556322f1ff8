import ArgumentParser
import ChurnKit

/// `churn report experiment OUTCOMES --assignment A --out FILE.ipynb` (or `--rehearse N`): the
/// retention experiment's design, power, per-tier and pooled results with intervals, and value.
struct ReportExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "A retention experiment: design, power, per-tier and pooled results, value.",
        discussion: """
            With OUTCOMES and --assignment (written by churn experiment design), the notebook \
            checks the power of the design (churn experiment power) and analyses every tier and \
            arm against its tier's control and pooled over tiers (churn experiment analyze), with \
            the value retained when --value-column is given and the net value with --cost. With \
            --rehearse N it first rehearses the AXA case on N simulated policyholders: a portfolio \
            (churn experiment simulate), a design with a high-risk tier (top 20%), a 10% control \
            group in each tier and two arms, call (cost 15) and discount (cost 40), and simulated \
            outcomes.
            """)

    @Argument(help: "The outcome CSV of the experiment (not with --rehearse).")
    var outcomes: String?

    @Option(help: "The assignment file of the experiment (churn experiment design), joined to OUTCOMES on the id.")
    var assignment: String?

    @Option(help: "Rehearse the AXA case on this many simulated policyholders instead of a real experiment.")
    var rehearse: Int?

    @Option(help: "Binary outcome column of OUTCOMES (default: churned, as churn experiment analyze).")
    var outcome: String?

    @Option(help: "Column of OUTCOMES with each customer's value, for the value retained (a rehearsal: premium).")
    var valueColumn: String?

    @Option(parsing: .upToNextOption, help: "Action cost per treated customer, as ARM=COST (a rehearsal: call=15 discount=40).")
    var cost: [String] = []

    @Option(help: "Seed of a rehearsal's portfolio, design and outcomes.")
    var seed: UInt64 = 1

    @OptionGroup var report: ReportOptions

    func validate() throws {
        if let rehearse {
            guard outcomes == nil, assignment == nil else { throw ValidationError("--rehearse simulates the experiment: give no OUTCOMES or --assignment") }
            try InputLimits.count(rehearse, name: "--rehearse", in: 100...10_000_000)
        } else {
            guard outcomes != nil, assignment != nil else { throw ValidationError("give OUTCOMES and --assignment FILE, or --rehearse N") }
        }
    }

    func run() throws { print(try makeOutput()) }

    /// Writes the notebook; returns the line `churn report` prints.
    func makeOutput() throws -> String {
        let files = "notebook-output/experiment"
        let assignmentFile = assignment ?? "\(files)-assignment.csv", outcomeFile = outcomes ?? "\(files)-outcomes.csv"
        if let outcomes { try requireColumns([("--value-column", valueColumn), ("--outcome", outcome)], in: outcomes) }
        if let assignment { try requireColumns([], in: assignment) }
        let value = valueColumn ?? (rehearse != nil ? "premium" : nil)
        let costs = cost.isEmpty && rehearse != nil ? ["call=15", "discount=40"] : cost
        var notebook = try ReportNotebook(title: rehearse.map { "The AXA retention experiment, rehearsed on \($0) policyholders" }
                                          ?? "Retention experiment: \(outcomeFile)", introduction: rehearse == nil ? """
            The experiment of `\(assignmentFile)` (tiers, a randomized control group in each, arms) and its \
            outcomes `\(outcomeFile)`: the power of the design, then every tier and arm against its tier's \
            control, pooled over tiers (Mantel-Haenszel)\(value == nil ? "" : ", and the value retained").
            """ : """
            The experiment AXA ran on about 2,000,000 car-insurance policyholders, rehearsed on simulated \
            ones (scenario `axa`): score the portfolio, split it into a high-risk tier (top 20%) and a \
            low-risk tier, keep a random 10% no-action control group in each tier and split the rest \
            between a call (cost 15) and a discount (cost 40); check the power, simulate the outcomes and \
            analyse every tier and arm against its tier's control, pooled over tiers (Mantel-Haenszel), \
            with the value retained (premium kept). The scenario knows one action, so both arms get the \
            same true effect (`churn experiment simulate --arm-effect discount=1.5` would make the \
            discount half as strong again).
            """, options: report)
        notebook.markdown("## Design")
        if let rehearse {
            let portfolio = "\(files)-portfolio.csv"
            notebook.code(
                churnCall(["experiment", "simulate", "--customers", String(rehearse), "--seed", String(seed), "--out", portfolio, "--force"]),
                churnCall(["experiment", "design", portfolio, "--score-column", "score", "--top-fractions", "0.2", "--arms", "call",
                           "discount", "--control", "0.1", "--seed", String(seed &+ 1), "--out", assignmentFile, "--force"]))
        }
        notebook.code(churnCall(["experiment", "power", "--assignment", assignmentFile, "--format", "json"], into: "power"), #"""
            table(power, [("tier", "tier"), ("arm", "arm"), ("control", "control"), ("treated", "treated"),
                          ("churn rate", "baseline"), ("from", "baselineSource"),
                          ("detectable reduction", lambda r: percent(r["minimumDetectableRelativeReduction"], 2))],
                  caption="minimal detectable relative reduction (alpha 0.05, power 0.8)")
            """#)
        notebook.markdown("## Results")
        let analysis = ["experiment", "analyze", outcomeFile, "--assignment", assignmentFile] + (outcome.map { ["--outcome", $0] } ?? [])
            + (value.map { ["--value-column", $0] } ?? [])
            + costs.flatMap { ["--cost", $0] } + ["--format", "json"]
        let outcomeCell = rehearse == nil ? [] : [churnCall(["experiment", "simulate", "--assignment", assignmentFile, "--seed", String(seed),
                                                             "--outcome-seed", String(seed &+ 2), "--out", outcomeFile, "--force"])]
        notebook.code(outcomeCell + [churnCall(analysis, into: "result"), #"""
            interval = lambda r, key: f"{percent(r[key])} [{percent(r[key + 'Lower'])}, {percent(r[key + 'Upper'])}]"
            table(result["cells"], [("tier", "tier"), ("arm", "arm"), ("customers", "n"), ("churn rate", lambda r: percent(r["rate"], 2)),
                                    ("control", "controlN"), ("control rate", lambda r: percent(r["controlRate"], 2)),
                                    ("reduction [95%]", lambda r: interval(r, "relativeReduction")), ("p (Holm)", "adjustedPValue")],
                  caption="every tier and arm against its tier's control")
            table(result["pooled"] + [result["overall"]],
                  [("arm", "arm"), ("reduction [95%]", lambda r: interval(r, "relativeReduction")), ("p", "pValue")],
                  caption="pooled over tiers (Mantel-Haenszel)")
            """#])
        notebook.code(#"""
            cells = result["cells"]
            bar_chart("Relative reduction in cancellations", "tier / arm", "reduction", [(f"{c['tier']}/{c['arm']}", c["relativeReduction"]) for c in cells],
                      intervals=[(c["relativeReductionLower"], c["relativeReductionUpper"]) for c in cells], reference=(0, "no effect"))
            """#)
        if rehearse != nil {
            // The rehearsal's outcomes hold each policyholder's group and month of cancellation.
            notebook.markdown("""
                ## Retention over the campaign year

                Kaplan-Meier curves of the months to cancellation (both tiers together; 12 for those who stayed): \
                the control group against each arm, with the log-rank test of equal retention across them.
                """)
            notebook.code(kaplanMeierCell(["survival", "curve", outcomeFile, "--duration", "months", "--event", "churned",
                                           "--group", "group", "--at", "3,6,9,12"], plot: "notebook-output/experiment-retention.svg"))
            notebook.code(#"""
                table([{"group": g["group"], "customers": g["customers"], "cancelled": g["events"],
                        **{f"retained at month {r['time']:g}": percent(r["survival"], 2) for r in g["table"]}} for g in km["groups"]],
                      [(k, k) for k in ["group", "customers", "cancelled"] + [f"retained at month {m}" for m in (3, 6, 9, 12)]],
                      caption="Kaplan-Meier retention by group (every tier together)")
                """#)
        }
        if value != nil {
            notebook.markdown("## Value\n\nValue retained is the value of the customers kept; net value subtracts the cost of the actions.")
            notebook.code(#"""
                money = lambda r, key: f"{r[key]:,.0f} [{r[key + 'Lower']:,.0f}, {r[key + 'Upper']:,.0f}]" if r.get(key + "Lower") is not None else f"{r[key]:,.0f}"
                table(cells, [("tier", "tier"), ("arm", "arm"), ("treated", lambda c: c["economics"]["customersTreated"]),
                              ("customers retained [95%]", lambda c: money(c["economics"], "customersRetained")),
                              ("value retained [95%]", lambda c: money(c["economics"], "valueRetained")),
                              ("cost", lambda c: f"{c['economics']['actionCost']:,}"),
                              ("net value [95%]", lambda c: money(c["economics"], "netValue"))])
                bar_chart("Net value per tier and arm", "tier / arm", "net value", [(f"{c['tier']}/{c['arm']}", c["economics"]["netValue"]) for c in cells],
                          intervals=[(c["economics"]["netValueLower"], c["economics"]["netValueUpper"]) for c in cells], reference=(0, "break-even"))
                """#)
        }
        return try notebook.write(report, inputs: [outcomes, assignment].compactMap { $0 })
    }
}
