import ArgumentParser
import ChurnKit
import Foundation

/// `churn demo`: the whole loop on the bundled data, ending in a summary a manager can read, the
/// figures as SVG files and the `churn report model` notebook of the same file.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the churn loop end to end on a customer file, with figures and a notebook.",
        discussion: """
            Describes the data, trains a churn model on a stratified hold-out split, reports its \
            ranking quality and the churn drivers, scores every customer, segments them and rehearses \
            the AXA experiment. It writes the model, the scores, the figures (SVG: ROC, cumulative \
            gains, lift by decile, calibration, churn rate by segment) and the notebook of `churn \
            report model` for the same file (run it in Jupyter) into the output folder.
            """
    )

    @Option(help: "The customer CSV file.")
    var data: String = "datasets/telecom-customers.csv"

    @Option(help: "The churn label column.")
    var target: String = "churned"

    @Option(help: "Folder for the model, scores, figures and notebook (created if needed).")
    var outDir: String = "demo-output"

    @Option(help: "Seed of every random step (split, segmentation, experiment).")
    var seed: UInt64 = 42

    @Option(help: "Policyholders in the AXA rehearsal (the real case had about 2,000,000); 0 skips it.")
    var policyholders: Int = 2_000_000

    @Flag(help: "Replace the model, scores, figures and notebook of an earlier run in the output folder.")
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
        let modelPath = outDir + "/churn-model.json", scoresPath = outDir + "/scores.csv"
        let notebookPath = outDir + "/churn-model-report.ipynb", figuresDir = outDir + "/figures"
        let figureNames = ["roc", "gains", "lift", "calibration", "segments"]
        let figurePaths = figureNames.map { "\(figuresDir)/\($0).svg" }
        try checkOutputs([modelPath, scoresPath, notebookPath].map { ("--out-dir", $0) } + figurePaths.map { ("--out-dir", $0) },
                         inputs: [data], force: force)
        // The notebook's own checks (its target column) run before anything is written.
        let report = try ReportModelCommand.parse([data, "--target", target, "--seed", String(seed), "--out", notebookPath]
                                                  + (force ? ["--force"] : []))
        try FileManager.default.createDirectory(atPath: figuresDir, withIntermediateDirectories: true)
        var summary: [String] = []
        var figures: [String: String] = [:]

        let table = try readTable(data)
        let description = try TableSummary(table, target: target)
        let churnRate = description.target?.positiveRate ?? .nan
        summary.append("\(table.rowCount) customers, of whom \(percent(churnRate)) churned.")

        printError("training the churn model ...")
        let options = TrainingOptions(target: target, testFraction: 0.2, seed: seed)
        let result = try PipelineTrainer(options: options).train(table, model: .logisticRegression(LogisticRegression(l2: 0)))
        for warning in result.warnings { printError("warning: \(warning)") }
        try result.pipeline.write(to: modelPath, replacing: force)
        if let holdout = result.holdout {
            figures["roc"] = try ClassificationFigures.roc(labels: result.holdoutLabels, scores: result.holdoutScores)
            figures["gains"] = ClassificationFigures.gains(holdout.lift)
            figures["lift"] = ClassificationFigures.liftBars(holdout.lift)
            figures["calibration"] = try ClassificationFigures.calibration(labels: result.holdoutLabels, scores: result.holdoutScores)
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
        let expected = scores.reduce(0, +)
        summary.append("Scores for all \(table.rowCount) customers are in \(scoresPath); "
            + "the model expects about \(Int(expected.rounded())) of them to churn.")

        printError("segmenting customers ...")
        let segmentation = try SegmentationTrainer(options: SegmentationOptions(
            features: segmentFeatures(table), target: target, k: 4...4, seed: seed)).segment(table)
        let profiles = segmentation.profiles
        figures["segments"] = BarChart(title: "Churn rate by segment", xLabel: "segment", yLabel: "churn rate",
                                       bars: profiles.segments.map { (label: String($0.id), value: $0.churnRate ?? .nan) },
                                       reference: profiles.overallChurnRate,
                                       referenceLabel: profiles.overallChurnRate.map { "all customers (\(percent($0)))" }).svg()
        if let worst = profiles.segments.max(by: { ($0.churnRate ?? 0) < ($1.churnRate ?? 0) }), let rate = worst.churnRate {
            let means = worst.features.filter { segmentation.features.contains($0.column) }
                .compactMap { f in f.mean.map { "\(f.column) \(formatted($0, digits: 3))" } }
            summary.append("The riskiest segment (\(worst.size) customers, \(percent(worst.share)) of the base) churns at "
                + "\(percent(rate)), \(formatted(worst.lift ?? .nan, digits: 2))x the average; its averages: \(means.joined(separator: ", ")).")
        }

        var rehearsalTable: [String] = []
        if policyholders > 0 {
            printError("AXA rehearsal: \(policyholders) simulated policyholders ...")
            let rehearsal = RehearsalReport(rehearsal: try RetentionRehearsal(policyholders: policyholders, seed: seed))
            summary += rehearsal.sentences
            rehearsalTable = ["", "AXA rehearsal, every tier and arm against the scenario's truth:", "", rehearsal.table]
        }

        var written: [String] = []
        for (name, path) in zip(figureNames, figurePaths) {
            guard let svg = figures[name] else { continue }
            try AtomicFile.write(Array(svg.utf8), to: path, replacing: force)
            written.append(path)
        }
        _ = try report.makeOutput()
        return (["Churn demo on \(data)", ""] + summary.map { "- " + $0 } + rehearsalTable + [
            "",
            "Model: \(modelPath); scores: \(scoresPath); figures: \(written.joined(separator: ", ")).",
            "Notebook (churn report model of the same file): \(notebookPath); run it in Jupyter or with "
                + "`jupyter nbconvert --to notebook --execute \(notebookPath)`.",
        ]).joined(separator: "\n")
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
