import ArgumentParser
import ChurnKit

/// `churn report uplift TRAIN TEST --treatment T --outcome Y --out FILE.ipynb` (or `--rehearse N`):
/// an uplift model's Qini and uplift curves and the targeting of a budget by uplift against by risk.
struct ReportUpliftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uplift",
        abstract: "Uplift: Qini and uplift curves, targeting by uplift against by risk.",
        discussion: """
            The notebook fits an uplift model (two logistic models) on TRAIN (churn uplift train) \
            and evaluates it on TEST (churn uplift evaluate): the measured uplift by decile of \
            predicted uplift with intervals, the Qini curve, and the customers retained by \
            contacting a --k share of TEST at random, by churn risk (--risk-column) and by uplift. \
            With --rehearse N it first draws two randomized samples of N simulated policyholders \
            each (scenario axa, half of every tier treated, one action) and joins their portfolio, \
            assignment and outcomes.
            """)

    @Argument(help: "The training and test CSV files of a randomized experiment (not with --rehearse).")
    var files: [String] = []

    @Option(help: "Treatment column: 0/1, yes/no, or labels with --control.")
    var treatment: String?

    @Option(help: "Label of the control group when the treatment column holds labels.")
    var control: String?

    @Option(help: "Binary outcome column (0/1 or yes/no).")
    var outcome: String?

    @Flag(help: "The outcome is churn: rank by the retention the action adds (as churn uplift train/evaluate --churn-outcome).")
    var churnOutcome = false

    @Option(help: "Churn score column of TEST, to compare targeting by risk.")
    var riskColumn: String?

    @Option(help: "Fraction for uplift@k and the targeting budget.")
    var k = 0.3

    @Option(help: "Rehearse on two samples of this many simulated policyholders each instead of TRAIN and TEST.")
    var rehearse: Int?

    @Option(help: "Comma-separated feature columns (default: all other columns, as churn uplift train).")
    var features: String?

    @Option(help: "Comma-separated columns never used as features (other outcomes measured after the treatment).")
    var exclude: String?

    @OptionGroup var report: ReportOptions

    func validate() throws {
        guard k > 0, k < 1 else { throw ValidationError("--k must be in (0, 1), not \(k)") }
        if let rehearse {
            guard files.isEmpty else { throw ValidationError("--rehearse simulates both samples: give no TRAIN and TEST files") }
            try InputLimits.count(rehearse, name: "--rehearse", in: 1_000...10_000_000)
        } else {
            guard files.count == 2 else { throw ValidationError("give TRAIN and TEST files, or --rehearse N") }
            guard treatment != nil, outcome != nil else { throw ValidationError("give --treatment and --outcome") }
        }
    }

    func run() throws { print(try makeOutput()) }

    /// Writes the notebook; returns the line `churn report` prints.
    func makeOutput() throws -> String {
        let rehearsal = rehearse != nil
        let train = rehearsal ? "notebook-output/uplift-train.csv" : files[0], test = rehearsal ? "notebook-output/uplift-test.csv" : files[1]
        let treatment = rehearsal ? "group" : self.treatment ?? "", outcome = rehearsal ? "churned" : self.outcome ?? ""
        let control = rehearsal ? "control" : self.control, risk = rehearsal ? "score" : riskColumn
        let churnOutcome = rehearsal || self.churnOutcome
        if !rehearsal {
            let named: [(option: String, name: String?)] = [("--treatment", treatment), ("--outcome", outcome)]
            let listed = (columnList(features) ?? []).map { ("--features", Optional($0)) } + (columnList(exclude) ?? []).map { ("--exclude", Optional($0)) }
            try requireColumns(named + listed, in: train)
            try requireColumns(named + [("--risk-column", risk)], in: test)
        }
        var notebook = try ReportNotebook(title: "Uplift: whom does the action change?", introduction: rehearsal ? """
            Two randomized samples of simulated policyholders (scenario `axa`, half of every tier \
            treated with one action, half kept as control): an uplift model (two logistic models) is \
            fitted on the first and evaluated on the second, with the Qini and uplift curves and the \
            targeting of a budget by uplift against by churn risk. The scenario has sleeping dogs \
            (customers whom the action makes cancel) and lost causes, so the riskiest customers are \
            not the ones to contact.
            """ : """
            An uplift model (two logistic models) fitted on `\(train)` and evaluated on `\(test)` \
            (treatment `\(treatment)`, outcome `\(outcome)`): the Qini and uplift curves, and the \
            targeting of a budget by uplift\(risk == nil ? "" : " against by churn risk").
            """, options: report)
        if let rehearse {
            notebook.markdown("## Two randomized samples\n\nEach sample joins the portfolio, the assignment and the outcomes on the policy id.")
            for (name, seed, outcomeSeed) in [("uplift-train", 1, 3), ("uplift-test", 5, 6)] {
                let files = "notebook-output/\(name)"
                notebook.code(
                    churnCall(["experiment", "simulate", "--customers", String(rehearse), "--seed", String(seed), "--out",
                               "\(files)-portfolio.csv", "--force"]),
                    churnCall(["experiment", "design", "\(files)-portfolio.csv", "--score-column", "score", "--top-fractions", "0.2",
                               "--control", "0.5", "--seed", String(seed), "--out", "\(files)-assignment.csv", "--force"]),
                    churnCall(["experiment", "simulate", "--assignment", "\(files)-assignment.csv", "--seed", String(seed),
                               "--outcome-seed", String(outcomeSeed), "--out", "\(files)-outcomes.csv", "--force"]),
                    "join_csv(" + ["\(files).csv", "id", "\(files)-portfolio.csv", "\(files)-assignment.csv", "\(files)-outcomes.csv"]
                        .map(pythonLiteral).joined(separator: ", ") + ")")
            }
        }
        notebook.markdown("## The uplift model")
        let columnArguments = rehearsal ? ["--features", "age,tenure,premium,claims,channel,payment_frequency,vehicle_age,region"]
            : givenOptions([("--features", features), ("--exclude", exclude)])
        let groups = ["--treatment", treatment] + (control.map { ["--control", $0] } ?? []) + ["--outcome", outcome]
            + (churnOutcome ? ["--churn-outcome"] : [])
        notebook.code(
            churnCall(["uplift", "train", train] + groups + columnArguments + ["--out", "notebook-output/uplift-model.json", "--force"]),
            churnCall(["uplift", "evaluate", "notebook-output/uplift-model.json", test] + groups + (risk.map { ["--risk-column", $0] } ?? [])
                      + ["--k", String(k), "--format", "json"], into: "ev"),
            #"""
            print(f"{ev['response']}: Qini coefficient {fmt(ev['qiniCoefficient'])}, AUUC {fmt(ev['auuc'])}, "
                  f"uplift@{percent(ev['k'], 0)} {percent(ev['upliftAtKOverall'], 2)} (overall), {percent(ev['upliftAtKByGroup'], 2)} (by group)")
            """#)
        notebook.markdown("""
            ## Uplift and Qini curves

            Per decile of predicted uplift (1 = highest): the measured uplift (treated rate minus \
            control rate) with its 95% interval, and the Qini curve at decile resolution: the extra \
            responses among the top x% had all of them been treated, from the decile counts.
            """)
        notebook.code(#"""
            deciles = ev["percentiles"]
            bar_chart("Measured uplift by decile of predicted uplift", "decile (1 = highest predicted uplift)", "uplift",
                      [(str(k + 1), d["uplift"]) for k, d in enumerate(deciles)],
                      intervals=[(d["uplift"] - 1.96 * d["upliftStandardError"], d["uplift"] + 1.96 * d["upliftStandardError"]) for d in deciles],
                      reference=(0, "no effect"))
            points, nt, yt, nc, yc = [(0, 0)], 0, 0.0, 0, 0.0
            for k, d in enumerate(deciles):
                nt += d["treatedCount"]; yt += d["treatedRate"] * d["treatedCount"]
                nc += d["controlCount"]; yc += d["controlRate"] * d["controlCount"]
                points.append((100 * (k + 1) / len(deciles), yt - yc * nt / nc))
            line_chart("Qini curve (deciles)", "customers targeted, highest predicted uplift first (%)", "extra responses",
                       [{"name": "uplift model", "points": points, "markers": True},
                        {"name": "random targeting", "points": [(0, 0), (100, points[-1][1])], "dashed": True}],
                       (0, 100), (min(0, min(y for _, y in points)), max(max(y for _, y in points) * 1.1, 1e-9)))
            """#)
        notebook.markdown("## Targeting a budget")
        // What contacting a customer gains: a retained customer, or a response the action adds.
        let gained = churnOutcome ? "customers retained" : "extra responses"
        notebook.code(#"""
            t = ev["targeting"]
            bars = [("at random", t["retainedAtRandom"])]\#(risk == nil ? "" : #" + [("riskiest", t["retainedByRisk"])]"#)
            bar_chart(f"\#(gained.prefix(1).uppercased() + gained.dropFirst()) by contacting {t['targeted']:,} ({percent(t['budgetFraction'], 0)})", "who is contacted",
                      "\#(gained)", bars + [("highest uplift", t["retainedByUplift"])], reference=(0, "none"))
            """#)
        return try notebook.write(report, inputs: files)
    }
}
