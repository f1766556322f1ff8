import ArgumentParser
import ChurnKit
import Foundation

/// `churn tune FILE --target COL --out MODEL.json`: choose hyperparameters by cross-validation.
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Choose a model's hyperparameters by cross-validation and save the best model refitted on all rows.",
        discussion: """
            Every candidate (a point of the grid given by --param, or --trials points drawn from it \
            at random, seeded) is scored by stratified k-fold cross-validation on the same folds; the \
            best by --scoring is refitted on every labelled row and saved. Without --param a small \
            default grid is searched (logistic: l2 = 0.01 ... 100; tree: max-depth x min-samples-leaf). \
            The other model flags (--model, --l2, --max-depth, ...) set the hyperparameters that are \
            not searched.
            """
    )

    @Argument(help: "The training CSV file.")
    var file: String

    @Option(help: "The churn label column.")
    var target: String

    @Option(help: "The label that means churned (inferred for Yes/No, True/False, 1/0).")
    var positive: String?

    @OptionGroup(title: "Columns")
    var columns: ColumnRoleOptions

    @OptionGroup(title: "Model")
    var modelOptions: ModelOptions

    @Option(name: .customLong("param"), help: ArgumentHelp(
        "A hyperparameter and the values to try, NAME=V1,V2,... (repeatable), e.g. l2=0.1,1,10 or max-depth=3,5,none.",
        valueName: "name=values"))
    var parameters: [String] = []

    @Option(help: "Try this many grid points drawn at random (seeded) instead of the whole grid.")
    var trials: Int?

    @Option(help: "What to maximize: auc, or log-loss (minimized).")
    var scoring: SearchScoring = .auc

    @Option(help: "Number of cross-validation folds.")
    var cv: Int = 5

    @Option(help: "Seed of the folds and of the random trials.")
    var seed: UInt64 = 42

    @Option(help: "Where to write the best model (JSON).")
    var out: String

    @OptionGroup var overwrite: OverwriteOptions

    @OptionGroup(title: "Reading") var reading: ReadOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard cv >= 2, cv <= 100 else { throw ValidationError("--cv must be between 2 and 100, not \(cv)") }
        if let trials, trials < 1 { throw ValidationError("--trials must be at least 1, not \(trials)") }
        _ = try ranges()
    }

    /// The ranges given by --param.
    func ranges() throws -> [HyperparameterRange] {
        try parameters.map { text in
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let values = columnList(parts[1]), !values.isEmpty else {
                throw ValidationError("--param takes NAME=V1,V2,..., not \"\(text)\"")
            }
            return HyperparameterRange(name: parts[0], values: values)
        }
    }

    func run() throws {
        print(try makeOutput())
    }

    /// Searches, refits the best, writes it and returns the text or JSON report.
    func makeOutput() throws -> String {
        try checkOutputs([("--out", out)], inputs: [file], force: overwrite.force)
        let table = try readTable(file, options: reading.csvOptions)
        let options = TrainingOptions(
            target: target, positiveLabel: positive, idColumn: columns.id, ignoredColumns: columns.ignoredColumns,
            features: columns.featureColumns, testFraction: 0, seed: seed)
        let base = modelOptions.specification(seed: seed)
        let given = try ranges()
        let search = HyperparameterSearch(
            ranges: given.isEmpty ? base.defaultSearchRanges : given, trials: trials, scoring: scoring,
            validation: CrossValidation(folds: cv, seed: seed))
        // The roles are decided (and shown) before the search, as every candidate uses the same.
        let targetSpecification = try TargetSpecification(table: table, column: target, positiveLabel: positive)
        let roles = try ColumnRoles(
            table: try targetSpecification.labeledRows(of: table).table, target: targetSpecification.column,
            id: columns.id, ignored: columns.ignoredColumns, features: columns.featureColumns, use: base.columnUse)
        for line in roles.summaryLines { printError(line) }
        let start = Date()
        let candidates = try search.run(table, options: options, base: base) { candidate, done, total in
            let settings = candidate.settings.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
            printError("candidate \(done)/\(total) (\(settings)): \(metricLabel(scoring.metricName)) "
                + "\(formatted(candidate.score)) (\(elapsed(since: start)))")
        }
        guard let best = candidates.first else { throw CommandError("the search produced no candidate") }
        let refit = try PipelineTrainer(options: options).train(table, model: best.specification)
        for warning in refit.warnings { printError("warning: \(warning)") }
        try refit.pipeline.write(to: out, replacing: overwrite.force)
        let report = TuneReport(
            file: file, model: out, modelKind: refit.pipeline.model.kind, scoring: scoring.rawValue, folds: cv, seed: seed,
            candidates: candidates.map(TuneReport.Candidate.init), refitRows: refit.trainRows, warnings: refit.warnings)
        switch output.format {
        case .json: return try jsonText(report)
        case .text: return report.text
        }
    }
}

extension SearchScoring: ExpressibleByArgument {}

/// What `churn tune` reports (its `--format json` keys).
struct TuneReport: Encodable {
    /// One scored candidate.
    struct Candidate: Encodable {
        let settings: [HyperparameterSetting]
        let score: Double
        let metrics: [CrossValidationMetric]

        init(_ candidate: HyperparameterCandidate) {
            settings = candidate.settings
            score = candidate.score
            metrics = candidate.metrics
        }
    }

    let file: String
    let model: String
    let modelKind: ModelKind
    let scoring: String
    let folds: Int
    let seed: UInt64
    /// Best first.
    let candidates: [Candidate]
    let refitRows: Int
    let warnings: [String]

    /// The candidates as a table, best first, and where the refitted model went.
    var text: String {
        let names = candidates.first?.settings.map(\.name) ?? []
        var table = TextTable(
            headers: names + ["AUC", "log loss", "Brier"], alignments: names.map { _ in .left } + [.right, .right, .right])
        for candidate in candidates {
            func cell(_ name: String) -> String {
                guard let m = candidate.metrics.first(where: { $0.name == name }) else { return "-" }
                return "\(formatted(m.mean)) ± \(formatted(m.standardDeviation))"
            }
            table.append(candidate.settings.map(\.value) + [cell("auc"), cell("logLoss"), cell("brier")])
        }
        let best = candidates.first.map { $0.settings.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") } ?? "-"
        return [
            "\(candidates.count) candidates, \(folds)-fold stratified cross-validation (seed \(seed)), best by \(scoring) first "
                + "(mean ± standard deviation over folds):",
            table.render(),
            "",
            "best: \(best); refitted on all \(refitRows) labelled rows; \(modelKind) model written to \(model)",
        ].joined(separator: "\n")
    }
}
