import ArgumentParser
import ChurnKit

/// `churn uplift train FILE`: fits an uplift model on a randomized sample and saves it.
struct ExperimentUpliftTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Fit an uplift model (two-model or class transformation) on a randomized sample and save it.",
        discussion: """
            Features (--features, default every column but the treatment, the outcome and --id) \
            are encoded as `churn train` encodes them; then the classifier (--model logistic or \
            tree, with the `churn train` hyperparameters) is fitted once per group (two-model) or \
            once on the transformed label (class transformation). The model predicts the change in \
            the probability of the desired response if treated: the outcome, or retention with \
            --churn-outcome. Writes one versioned JSON file.
            """)

    @Argument(help: "CSV of a randomized sample: features, treatment and outcome columns.")
    var file: String

    @Option(help: "Treatment column: 0/1, yes/no, or labels with --control.")
    var treatment: String

    @Option(help: "Label of the control group when the treatment column holds labels.")
    var control: String?

    @Option(help: "Binary outcome column (0/1 or yes/no).")
    var outcome: String

    @Flag(help: "The outcome is churn: model the uplift in retention (not churned).")
    var churnOutcome = false

    @Option(help: "Meta-learner: \(UpliftLearnerChoice.allCases.map(\.rawValue).joined(separator: ", ")).")
    var learner: UpliftLearnerChoice = .twoModel

    @OptionGroup(title: "Classifier") var classifier: ModelOptions

    @Option(parsing: .upToNextOption, help: "Feature columns (space- or comma-separated; default: all other columns).")
    var features: [String] = []

    @Option(help: "Customer id column, never a feature (ignored when absent).")
    var id = "id"

    @Option(help: "Seed of the balancing resample (class transformation with unequal groups).")
    var seed: UInt64 = 42

    @Option(help: "Uplift model file to write.")
    var out: String

    @OptionGroup var output: OutputOptions

    func run() throws { print(try makeOutput()) }

    /// Fits, writes the model and returns what is printed.
    func makeOutput() throws -> String {
        let table = try readTable(file)
        let treated = try ExperimentColumns.treatment(table, treatment, control: control, file: file)
        let response = try ExperimentColumns.response(table, outcome, churnOutcome: churnOutcome, file: file)
        let named = features.flatMap { $0.split(separator: ",").map(String.init) }
        let model = try FittedUpliftModel.fit(
            table, features: named.isEmpty ? nil : named, excluding: [treatment, outcome, id], response: response, treatment: treated,
            columns: UpliftTrainingColumns(treatment: treatment, controlLabel: control, outcome: outcome, churnOutcome: churnOutcome),
            method: learner == .twoModel ? .twoModel : .classTransformation, learner: classifier.specification, seed: seed)
        for issue in model.encoder.issues { printError("warning: " + issue.description) }
        try model.write(to: out)
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

/// The JSON of `churn uplift train`.
private struct TrainResult: Encodable {
    let method: String, model: String
    let treated: Int, control: Int
    let features: [String], encodedFeatures: Int
    let out: String
}
