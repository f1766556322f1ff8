import ArgumentParser
import ChurnKit

/// `churn uplift train FILE`: fits an uplift model on a randomized sample and saves it.
struct ExperimentUpliftTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Fit an uplift model (two-model or class transformation) on a randomized sample and save it.",
        discussion: """
            Features (--features, default every column but the treatment, the outcome, --id, the \
            columns of --exclude and every other outcome-like column, which a treatment can change: \
            names such as conversion, spend, visit, revenue, churn; they are listed on standard \
            error) are encoded as `churn train` encodes them; then the classifier (--model logistic or \
            tree, with the `churn train` hyperparameters) is fitted once per group (two-model) or \
            once on the transformed label (class transformation). The model predicts the change in \
            the probability of the desired response if treated: the outcome, or retention with \
            --churn-outcome. With labels and --control, every other label is treated (a warning \
            names the pooled arms) unless --arm LABEL keeps that arm and the control only. Writes \
            one versioned JSON file.
            """)

    @Argument(help: "CSV of a randomized sample: features, treatment and outcome columns.")
    var file: String

    @Option(help: "Treatment column: 0/1, yes/no, or labels with --control.")
    var treatment: String

    @Option(help: "Label of the control group when the treatment column holds labels.")
    var control: String?

    @Option(help: "Treatment label to fit against --control; rows of other arms are left out (default: every non-control label, pooled).")
    var arm: String?

    @Option(help: "Binary outcome column (0/1 or yes/no).")
    var outcome: String

    @Option(parsing: .upToNextOption, help: "Columns never used as features (other outcomes measured after the treatment), space- or comma-separated.")
    var exclude: [String] = []

    @Flag(help: "The outcome is churn: model the uplift in retention (not churned).")
    var churnOutcome = false

    @Option(help: "Meta-learner: \(UpliftLearnerChoice.allCases.map(\.rawValue).joined(separator: ", ")).")
    var learner: UpliftLearnerChoice = .twoModel

    @OptionGroup(title: "Classifier") var classifier: ModelOptions

    @Option(parsing: .upToNextOption, help: "Feature columns (space- or comma-separated; default: all other columns).")
    var features: [String] = []

    @Option(help: "Customer id column, never a feature (ignored when absent; other identifier-like columns are found as in `churn train`).")
    var id = "id"

    @Option(help: "Seed of the balancing resample (class transformation with unequal groups).")
    var seed: UInt64 = 42

    @Option(help: "Uplift model file to write.")
    var out: String

    @OptionGroup var overwrite: OverwriteOptions

    @OptionGroup(title: "Reading") var reading: ReadOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard arm == nil || control != nil else { throw ValidationError("--arm needs --control (the control group's label)") }
    }

    func run() throws { print(try makeOutput()) }

    /// Fits, writes the model and returns what is printed.
    func makeOutput() throws -> String {
        try checkOutputs([("--out", out)], inputs: [file], force: overwrite.force)
        var table = try readTable(file, options: reading.csvOptions)
        if let control {
            let labels = try ExperimentColumns.texts(table, treatment, file: file)
            var arms: [String] = []
            for label in labels where label != control && !arms.contains(label) { arms.append(label) }
            if let arm {
                guard arms.contains(arm) else {
                    throw ValidationError("\(file): no row has \(treatment) = \"\(arm)\" (--arm); arms: \(arms.joined(separator: ", "))")
                }
                table = table.selecting(rows: labels.indices.filter { labels[$0] == arm || labels[$0] == control })
            } else if arms.count > 1 {
                printError("warning: pooling \(arms.count) arms (\(arms.joined(separator: ", "))) into one treated group against \"\(control)\"; "
                    + "use --arm LABEL to fit one arm against the control")
            }
        }
        let treated = try ExperimentColumns.treatment(table, treatment, control: control, file: file)
        let response = try ExperimentColumns.response(table, outcome, churnOutcome: churnOutcome, file: file)
        if !churnOutcome, isChurnLike(outcome) {
            printError("warning: \(outcome) reads like churn, but without --churn-outcome the model predicts the change in \(outcome) "
                + "(positive = the action makes customers leave), not in retention as `churn target` expects; add --churn-outcome "
                + "if \(outcome) is churn")
        }
        let named = features.flatMap { $0.split(separator: ",").map(String.init) }
        var excluded = Set([treatment, outcome, id] + exclude.flatMap { $0.split(separator: ",").map(String.init) })
        if named.isEmpty {
            let outcomeLike = table.columnNames.filter { !excluded.contains($0) && isOutcomeLike($0) }
            if !outcomeLike.isEmpty {
                printError("warning: not using \(outcomeLike.joined(separator: ", ")) as features: outcome-like columns that the treatment "
                    + "can change; name them in --features to use them")
                excluded.formUnion(outcomeLike)
            }
        }
        // The same column roles as `churn train`: ids (named or found), identifier-like and
        // high-cardinality columns are not features unless named in --features.
        let roles = try ColumnRoles(
            table: table, target: outcome, id: table.columnNames.contains(id) ? id : nil,
            ignored: table.columnNames.filter { excluded.contains($0) && $0 != outcome && $0 != id },
            features: named.isEmpty ? nil : named, use: classifier.specification(seed: seed).columnUse)
        for line in roles.summaryLines { printError(line) }
        for warning in roles.warnings { printError("warning: " + warning) }
        let model = try FittedUpliftModel.fit(
            table, features: roles.features, excluding: excluded, response: response, treatment: treated,
            columns: UpliftTrainingColumns(treatment: treatment, controlLabel: control, outcome: outcome, churnOutcome: churnOutcome),
            method: learner == .twoModel ? .twoModel : .classTransformation, learner: classifier.specification(seed: seed), seed: seed)
        for issue in model.encoder.issues { printError("warning: " + issue.description) }
        try model.write(to: out, replacing: overwrite.force)
        printError("wrote \(out)")
        let result = TrainResult(
            method: model.method.rawValue, model: model.treatedModel.kind, treated: model.trainingCounts[0], control: model.trainingCounts[1],
            features: model.encoder.requiredColumns, encodedFeatures: model.encoder.featureCount, out: out)
        switch output.format {
        case .json: return try jsonText(result)
        case .text:
            return "fitted a \(result.method) uplift model (\(result.model)) on \(result.treated) treated and \(result.control) control customers, "
                + "\(result.features.count) feature columns (\(result.encodedFeatures) encoded): \(result.features.joined(separator: ", "))\n"
                + "evaluate it on another randomized sample with `churn uplift evaluate \(out) FILE`"
        }
    }
}

/// Whether a column name reads like an outcome measured after the treatment (a response a
/// campaign can change), which an uplift model must not use as a feature.
/// - Parameter name: A column name.
func isOutcomeLike(_ name: String) -> Bool {
    let words = ["conversion", "converted", "spend", "revenue", "visit", "churn", "cancel", "purchase", "response", "outcome"]
    let lower = name.lowercased()
    return words.contains { lower.contains($0) } && !lower.contains("last_year") && !lower.contains("history")
}

/// Whether a column name reads like churn (a customer leaving), the outcome whose uplift
/// `--churn-outcome` turns into an uplift in retention.
/// - Parameter name: A column name.
func isChurnLike(_ name: String) -> Bool {
    let lower = name.lowercased()
    return ["churn", "cancel", "attrition", "lapse", "defect"].contains { lower.contains($0) }
}

/// The JSON of `churn uplift train`.
private struct TrainResult: Encodable {
    let method: String, model: ModelKind
    let treated: Int, control: Int
    let features: [String], encodedFeatures: Int
    let out: String
}
