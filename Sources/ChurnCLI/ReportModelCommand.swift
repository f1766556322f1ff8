import ArgumentParser
import ChurnKit

/// `churn report model FILE --target T --out FILE.ipynb`: the churn model report (data, drivers,
/// ROC, gains, lift, calibration with counts, rules of a shallow tree).
struct ReportModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "The churn model report: data, drivers, ROC, gains, lift, calibration, rules.",
        discussion: """
            The notebook describes FILE (churn inspect), trains an unpenalized logistic model on a \
            stratified split (churn train --l2 0, so that the p-values are valid) and shows its \
            drivers as odds ratios with intervals, then how the model ranks customers it was not \
            trained on: the hold-out part of FILE, or --test FILE scored by the saved model (churn \
            evaluate). It ends with the rules of a depth-3 tree (churn rules).
            """)

    @Argument(help: "The customer CSV file.")
    var file: String

    @Option(help: "The churn label column.")
    var target: String

    @Option(help: "Customers to evaluate the saved model on (CSV with --target); default: the hold-out part of FILE.")
    var test: String?

    @Option(help: "Fraction of FILE held out for evaluation, in (0, 1).")
    var testFraction: Double = 0.2

    @Option(help: "Seed of the hold-out split.")
    var seed: UInt64 = 42

    @OptionGroup(title: "Columns")
    var columns: ColumnRoleOptions

    @OptionGroup var report: ReportOptions

    func validate() throws {
        guard testFraction > 0, testFraction < 1 else { throw ValidationError("--test-fraction must be in (0, 1), not \(testFraction)") }
    }

    func run() throws { print(try makeOutput()) }

    /// Writes the notebook; returns the line `churn report` prints.
    func makeOutput() throws -> String {
        try requireColumns([("--target", target)] + columns.namedColumns, in: file)
        if let test { try requireColumns([("--target", target)], in: test) }
        let model = "notebook-output/churn-model.json", split = ["--test-fraction", String(testFraction), "--seed", String(seed)]
        var notebook = try ReportNotebook(title: "Churn model report: \(file)", introduction: """
            The churn label `\(target)` of `\(file)`: the data, the drivers of churn, how well a model \
            ranks customers it was not trained on (ROC, cumulative gains, lift, calibration with bin \
            counts), and the rules of a shallow tree.
            """, options: report)
        notebook.markdown("## The data")
        notebook.code(churnCall(["inspect", file, "--target", target, "--format", "json"], into: "data"),
                      #"""
                      table(data["columns"], [("column", "name"), ("kind", "kind"), ("missing", "missing"), ("distinct", "distinct"),
                                              ("mean", "mean"), ("min", "min"), ("max", "max")])
                      """#)
        notebook.markdown("""
            ## Drivers

            A logistic model without penalty (`--l2 0`, so that the p-values are valid), trained on \
            \(String(format: "%.0f%%", 100 * (1 - testFraction))) of the customers; odds ratios below 1 lower churn.
            """)
        notebook.code(churnCall(["train", file, "--target", target] + columns.arguments + ["--l2", "0"] + split
                                + ["--out", model, "--force", "--format", "json"], into: "train"),
                      #"""
                      h = train["holdout"]
                      print(f"hold-out: {h['rows']} customers, AUC {fmt(h['auc'])}, log loss {fmt(h['logLoss'])}")
                      table([c for c in train.get("coefficients", []) if c["feature"] != "(intercept)"],
                            [("feature", "feature"), ("odds ratio", "oddsRatio"),
                             ("95% interval", lambda c: f"{fmt(c['oddsRatioLower'])} to {fmt(c['oddsRatioUpper'])}"), ("p", "pValue")])
                      """#)
        if let test {
            notebook.markdown("## How the model ranks new customers\n\n`churn evaluate` scores `\(test)` with the saved model.")
            notebook.code(churnCall(["evaluate", model, test, "--format", "json"], into: "ev"))
        } else {
            notebook.markdown("""
                ## How the model ranks customers it was not trained on

                The \(String(format: "%.0f%%", 100 * testFraction)) of `\(file)` held out of training (stratified, seed \(seed)).
                """)
            notebook.code(#"ev = train["holdout"]"#)
        }
        notebook.code(#"""
            print(f"{ev['rows']} customers, churn rate {percent(ev['positiveRate'])}: AUC {fmt(ev['auc'])}, "
                  f"log loss {fmt(ev['logLoss'])}, Brier {fmt(ev['brier'])}")
            roc = ev["roc"]
            line_chart(f"ROC curve (AUC {ev['auc']:.3f})", "false positive rate", "true positive rate",
                       [{"name": "model", "points": list(zip(roc["falsePositiveRates"], roc["truePositiveRates"]))},
                        {"name": "random ranking", "points": [(0, 0), (1, 1)], "dashed": True}], (0, 1), (0, 1))
            """#)
        notebook.code(#"""
            lift = ev["lift"]
            total = sum(d["rows"] for d in lift)
            shares = [100 * sum(d["rows"] for d in lift[:k + 1]) / total for k in range(len(lift))]
            line_chart("Cumulative gains", "customers contacted, riskiest first (%)", "churners reached (%)",
                       [{"name": "model", "markers": True,
                         "points": [(0, 0)] + [(s, 100 * d["cumulativeGain"]) for s, d in zip(shares, lift)]},
                        {"name": "random contact", "points": [(0, 0), (100, 100)], "dashed": True}], (0, 100), (0, 100))
            bar_chart("Lift by risk decile", "decile (1 = riskiest)", "lift", [(str(d["decile"]), d["lift"]) for d in lift],
                      reference=(1, "average (lift 1)"))
            """#)
        notebook.code(#"""
            bins = ev["calibration"]["bins"]
            line_chart("Calibration (bins of about equal counts)", "mean predicted probability", "observed churn rate",
                       [{"name": "model", "markers": True, "points": [(b["meanPredicted"], b["observedRate"]) for b in bins],
                         "labels": [f"n={b['rows']}" for b in bins]},
                        {"name": "perfectly calibrated", "points": [(0, 0), (1, 1)], "dashed": True}], (0, 1), (0, 1))
            table(bins, [("bin", "bin"), ("customers", "rows"), ("mean predicted", "meanPredicted"), ("observed rate", "observedRate")])
            """#)
        notebook.markdown("## Rules of a shallow tree\n\nA depth-3 tree's leaves as rules, riskiest first.")
        notebook.code(churnCall(["train", file, "--target", target] + columns.arguments + ["--model", "tree", "--max-depth", "3"] + split
                                + ["--out", "notebook-output/churn-tree.json", "--force", "--format", "json"]),
                      #"churn("rules", "notebook-output/churn-tree.json")"#)
        return try notebook.write(report, inputs: [file] + (test.map { [$0] } ?? []))
    }
}
