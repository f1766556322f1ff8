import ArgumentParser
import ChurnKit
import Foundation

/// `churn demo`: the whole loop on the bundled data, ending in a summary a manager can read and a
/// notebook with the figures.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the churn loop end to end on a customer file and export a notebook.",
        discussion: """
            Describes the data, trains a churn model on a stratified hold-out split, reports its \
            ranking quality and the churn drivers, scores every customer, and writes the scores, the \
            model and a Jupyter notebook with the figures into the output folder.
            """
    )

    @Option(help: "The customer CSV file.")
    var data: String = "datasets/telecom-customers.csv"

    @Option(help: "The churn label column.")
    var target: String = "churned"

    @Option(help: "Folder for the model, scores and notebook (created if needed).")
    var outDir: String = "demo-output"

    @Option(help: "Seed of every random step (split, segmentation, experiment).")
    var seed: UInt64 = 42

    @Option(help: "Policyholders in the AXA rehearsal (the real case had about 2,000,000); 0 skips it.")
    var policyholders: Int = 2_000_000

    @Flag(help: "Replace the model, scores and notebook of an earlier run in the output folder.")
    var force = false

    func validate() throws {
        try InputLimits.count(policyholders, name: "--policyholders", in: 0...Int.max)
        try InputLimits.elements([policyholders], bytesEach: InsuranceScenario.bytesPerCustomer, name: "--policyholders",
                                 what: "a rehearsal with \(policyholders) policyholders")
    }

    func run() throws {
        print(try makeOutput())
    }

    /// Runs the demo, writes its files and returns the manager summary.
    func makeOutput() throws -> String {
        guard FileManager.default.fileExists(atPath: data) else {
            throw CommandError("no file \(data); run from the repository root or pass --data FILE")
        }
        let modelPath = outDir + "/churn-model.json", scoresPath = outDir + "/scores.csv", notebookPath = outDir + "/churn-demo.ipynb"
        try checkOutputs([("--out-dir", modelPath), ("--out-dir", scoresPath), ("--out-dir", notebookPath)], inputs: [data], force: force)
        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        var notebook = Notebook()
        var summary: [String] = []
        notebook.markdown("""
            # Churn demo: \(data)

            Produced by `churn demo --data \(data) --target \(target) --seed \(seed)`. Every step is \
            reproducible from the seed; the commands below give the same results one by one.
            """)

        let table = try readTable(data)
        let description = try TableSummary(table, target: target)
        var columns = MarkdownTable(headers: ["column", "kind", "missing", "distinct"])
        for column in description.columns {
            columns.append([column.name, column.kind.rawValue, String(column.missing), String(column.distinct)])
        }
        let churnRate = description.target?.positiveRate ?? .nan
        notebook.markdown("## The data\n\n\(table.rowCount) customers, \(table.columns.count) columns, churn rate "
            + "\(percent(churnRate)).\n\n" + columns.text)
        summary.append("\(table.rowCount) customers, of whom \(percent(churnRate)) churned.")

        printError("training the churn model ...")
        let options = TrainingOptions(target: target, testFraction: 0.2, seed: seed)
        let result = try PipelineTrainer(options: options).train(table, model: .logisticRegression(LogisticRegression(l2: 0)))
        for warning in result.warnings { printError("warning: \(warning)") }
        try result.pipeline.write(to: modelPath, replacing: force)
        let report = TrainReport(result, file: data, modelPath: modelPath)
        notebook.command("churn train \(data) --target \(target) --l2 0 --seed \(seed) --out \(modelPath)", output: report.text + "\n")
        if let holdout = result.holdout {
            notebook.markdown("## How well the model ranks customers (hold-out)")
            notebook.figure(try ClassificationFigures.roc(labels: result.holdoutLabels, scores: result.holdoutScores), caption: "ROC curve")
            notebook.figure(ClassificationFigures.gains(holdout.lift), caption: "cumulative gains")
            notebook.figure(ClassificationFigures.liftBars(holdout.lift), caption: "lift by decile")
            notebook.figure(try ClassificationFigures.calibration(labels: result.holdoutLabels, scores: result.holdoutScores),
                            caption: "calibration")
            summary.append(rankingSentence(auc: holdout.auc, lift: holdout.lift, subject: "The churn model"))
        }
        if let drivers = result.coefficients?.filter({ $0.feature != "(intercept)" && $0.pValue < 0.05 }).prefix(5), !drivers.isEmpty {
            let text = drivers.map { "\($0.feature) (odds x\(formatted($0.oddsRatio, digits: 2)))" }.joined(separator: ", ")
            summary.append("Strongest churn drivers: \(text).")
        }

        printError("scoring every customer ...")
        let (scores, _) = try result.pipeline.probabilities(for: table)
        let deciles = scores.map(result.pipeline.riskDecile(of:))
        try CSVWriter.write(
            try scoreRows(table, idColumn: result.pipeline.idColumn, firstRow: 0, scores: scores, deciles: deciles),
            toFileAt: scoresPath, replacing: force)
        notebook.command("churn score \(modelPath) \(data) --out \(scoresPath)", output: "scored \(table.rowCount) customers\n")
        let expected = scores.reduce(0, +)
        summary.append("Scores for all \(table.rowCount) customers are in \(scoresPath); "
            + "the model expects about \(Int(expected.rounded())) of them to churn.")

        printError("segmenting customers ...")
        let segmentation = try SegmentationTrainer(options: SegmentationOptions(
            features: segmentFeatures(table), target: target, k: 4...4, seed: seed)).segment(table)
        let profiles = segmentation.profiles
        notebook.markdown("## Segments\n\nk-means with k = 4 on standardized \(segmentation.features.joined(separator: ", ")).")
        notebook.command("churn segment \(data) --k 4 --features \(segmentation.features.joined(separator: ",")) --target \(target) --seed \(seed)",
                         output: SegmentReport(segmentation).text + "\n",
                         figures: [BarChart(title: "Churn rate by segment", xLabel: "segment", yLabel: "churn rate",
                                            bars: profiles.segments.map { (label: String($0.id), value: $0.churnRate ?? .nan) },
                                            reference: profiles.overallChurnRate).svg()])
        if let worst = profiles.segments.max(by: { ($0.churnRate ?? 0) < ($1.churnRate ?? 0) }), let rate = worst.churnRate {
            let means = worst.features.filter { segmentation.features.contains($0.column) }
                .compactMap { f in f.mean.map { "\(f.column) \(formatted($0, digits: 3))" } }
            summary.append("The riskiest segment (\(worst.size) customers, \(percent(worst.share)) of the base) churns at "
                + "\(percent(rate)), \(formatted(worst.lift ?? .nan, digits: 2))x the average; its averages: \(means.joined(separator: ", ")).")
        }

        if policyholders > 0 {
            printError("AXA rehearsal: \(policyholders) simulated policyholders ...")
            let rehearsal = try RetentionRehearsal(policyholders: policyholders, seed: seed)
            let report = RehearsalReport(rehearsal: rehearsal)
            let truth = rehearsal.manifest
            notebook.markdown("""
                ## AXA rehearsal

                \(rehearsal.policyholders) simulated car-insurance policyholders (scenario `axa`: mean cancellation \
                probability \(percent(truth.meanBaselineProbability)); contacting everyone would lower cancellations by \
                \(percent(truth.relativeReduction)) relative, portfolio-wide). A churn model trained on last year's cancellations \
                (hold-out AUC \(formatted(rehearsal.model.auc, digits: 3))) splits them into a high-risk tier (top 20%) \
                and a low-risk tier; each tier keeps a random 10% no-action control group and splits the rest between a call \
                (cost 15) and a discount (cost 40). The simulated outcomes are analysed per tier and arm against the \
                tier's control, per tier with both actions together, and pooled over tiers (Mantel-Haenszel), next to \
                the scenario's true relative reduction and true value retained (expected premium kept) for those customers.
                """)
            notebook.command("churn demo --policyholders \(policyholders) --seed \(seed)", output: report.table + "\n")
            summary += report.sentences
        }

        notebook.markdown("## Summary\n\n" + summary.map { "- " + $0 }.joined(separator: "\n"))
        try AtomicFile.write(Array(notebook.jsonData()), to: notebookPath, replacing: force)
        return (["Churn demo on \(data)", ""] + summary.map { "- " + $0 }
            + ["", "Model: \(modelPath); scores: \(scoresPath); notebook with figures: \(notebookPath)"]).joined(separator: "\n")
    }
}

/// The columns the demo segments on: tenure and charges when the file has them (the bundled
/// data, Telco), else every numeric column.
private func segmentFeatures(_ table: Table) -> [String]? {
    let preferred = ["tenure_months", "monthly_charges", "total_charges", "tenure", "MonthlyCharges", "TotalCharges"]
    let present = preferred.filter { name in table.columns.contains { $0.name == name } }
    return present.isEmpty ? nil : present
}

/// A fraction as a percentage with one decimal ("26.5%").
func percent(_ fraction: Double) -> String {
    fraction.isFinite ? String(format: "%.1f%%", 100 * fraction) : "n/a"
}
