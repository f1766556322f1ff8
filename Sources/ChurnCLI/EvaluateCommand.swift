import ArgumentParser
import ChurnKit

/// `churn evaluate MODEL.json FILE`: how well a saved model ranks the customers of a labelled file.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a saved model on a labelled CSV file: AUC, log loss, Brier, lift by decile.")

    @Argument(help: "The model file written by `churn train`.")
    var model: String

    @Argument(help: "A CSV file with the model's columns and its target column.")
    var file: String

    @Option(help: "Number of bins of the calibration table.")
    var calibrationBins: Int = 10

    @Option(help: "Calibration bins: quantile (about equal counts) or uniform (equal widths).")
    var calibrationStrategy: CalibrationStrategy = .quantile

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...1_000).contains(calibrationBins) else {
            throw ValidationError("--calibration-bins must be between 1 and 1000, not \(calibrationBins)")
        }
    }

    func run() throws {
        print(try makeOutput())
    }

    /// The text or JSON this command prints.
    func makeOutput() throws -> String {
        let pipeline = try FittedPipeline.load(from: model)
        let table = try readTable(file, schema: pipeline.schema)
        if let warning = try trainingFileWarning(pipeline, file: file, rows: table.rowCount) { printError("warning: \(warning)") }
        guard let target = pipeline.target else { throw PipelineError.notAChurnModel(kind: pipeline.model.kind) }
        let (scored, labels, unlabeled) = try target.labeledRows(of: table)
        if unlabeled > 0 {
            printError("warning: \(unlabeled) rows have no \"\(target.column)\" label and are left out")
        }
        let (scores, transform) = try pipeline.probabilities(for: scored)
        if transform.unknownCount > 0 {
            printError("warning: \(transform.unknownCount) values are categories unseen in training (encoded as the reference level)")
        }
        var report = EvaluationReport(try BinaryClassificationReport(labels: labels, scores: scores))
        try report.addCurves(labels: labels, scores: scores, binCount: calibrationBins, strategy: calibrationStrategy)
        switch output.format {
        case .json: return try jsonText(report)
        case .text: return report.text(title: "\(file) with \(model)") + "\n\n" + (report.calibration?.text ?? "")
        }
    }
}

/// The warning for evaluating a model on the file it was trained on (same SHA-256 and row count as
/// the model's `training.file`), or nil; files are hashed only when the model has a fingerprint.
/// - Throws: `CSVError` when the file cannot be read.
func trainingFileWarning(_ pipeline: FittedPipeline, file: String, rows: Int) throws -> String? {
    guard let training = pipeline.training, let trained = training.file, trained.rows == rows,
        try DataFingerprint(fileAt: file, rows: rows) == trained
    else { return nil }
    return "\(file) is the file this model was trained on (same SHA-256 and \(trained.rows) rows); "
        + "the model was fitted on \(training.description), so these metrics are not a hold-out estimate"
}
