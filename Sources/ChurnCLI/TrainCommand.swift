import ArgumentParser
import ChurnKit
import Foundation

/// `churn train FILE --target COL --out MODEL.json`: fit a churn model and report what drives churn.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a churn model on a CSV file and save it as one JSON pipeline file.",
        discussion: """
            Splits the rows (stratified by the target) into a training and a hold-out part, encodes \
            the features (median / most-frequent imputation, one-hot with the first level as reference, \
            standardization), fits the model, and prints the hold-out metrics, the lift by decile and \
            the churn drivers (coefficients sorted by |z|). Text columns whose values are all distinct \
            (ids), row numbers and columns named like ids are not used as features, nor, for the logistic \
            model, text with many labels and few rows each; the column roles are printed.
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

    @Option(help: "Fraction of rows held out for evaluation, in [0, 1); 0 trains on all rows.")
    var testFraction: Double = 0.2

    @Option(help: "Seed of the hold-out split and of the ensembles' draws (bootstrap, subsampling, early-stopping split).")
    var seed: UInt64 = 42

    @Option(help: "Permutation importance on the hold-out rows: shuffle each original column this many times (seeded by --seed) and report the mean and standard deviation of the AUC drop; 0 for none.")
    var permutationRepeats: Int = 0

    @Option(help: "Tree, gbdt and forest: the mean |SHAP| per column of the saved model over at most this many hold-out rows (a seeded sample; all rows without a hold-out); 0 for none (default 1000; for a forest 0, as TreeSHAP of deep forests is slow).")
    var shapRows: Int?

    /// `--shap-rows`, or its default for the model kind.
    var resolvedSHAPRows: Int { shapRows ?? (modelOptions.model == .forest ? 0 : 1000) }

    @Flag(help: "Save the model fitted on the training part of the split (default: refit on every labelled row after the hold-out evaluation).")
    var noRefit = false

    @Option(help: "Also report K-fold stratified cross-validated metrics (mean and standard deviation over folds; seeded by --seed); 0 for none.")
    var cv: Int = 0

    @Option(help: "Calibrate the saved model's probabilities on out-of-fold scores: isotonic or sigmoid (folds: --cv, or 5).")
    var calibrate: CalibrationMethod?

    @Option(help: "Where to write the model (JSON).")
    var out: String

    @OptionGroup var overwrite: OverwriteOptions

    @OptionGroup(title: "Reading") var reading: ReadOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard cv == 0 || (2...100).contains(cv) else { throw ValidationError("--cv must be 0 or between 2 and 100, not \(cv)") }
        if calibrate != nil, noRefit, testFraction > 0 {
            throw ValidationError("--calibrate calibrates the model refitted on every labelled row; it cannot be used with --no-refit")
        }
        guard testFraction >= 0, testFraction < 1 else {
            throw ValidationError("--test-fraction must be in [0, 1), not \(testFraction)")
        }
        guard permutationRepeats >= 0 else { throw ValidationError("--permutation-repeats must be at least 0, not \(permutationRepeats)") }
        guard permutationRepeats == 0 || testFraction > 0 else {
            throw ValidationError("--permutation-repeats measures on the hold-out rows: it needs --test-fraction above 0")
        }
        if let shapRows, shapRows < 0 { throw ValidationError("--shap-rows must be at least 0, not \(shapRows)") }
    }

    func run() throws {
        print(try makeOutput())
    }

    /// Trains, writes the model and returns the text or JSON report.
    func makeOutput() throws -> String {
        try checkOutputs([("--out", out)], inputs: [file], force: overwrite.force)
        let table = try readTable(file, options: reading.csvOptions)
        let options = TrainingOptions(
            target: target, positiveLabel: positive, idColumn: columns.id, ignoredColumns: columns.ignoredColumns,
            features: columns.featureColumns, testFraction: testFraction, seed: seed, refit: !noRefit,
            sourceFile: try DataFingerprint(fileAt: file, rows: table.rowCount), permutationRepeats: permutationRepeats,
            shapRows: resolvedSHAPRows)
        let start = Date()
        printError("training \(modelOptions.model.rawValue) model ...")
        let result = try PipelineTrainer(options: options).train(table, model: modelOptions.specification(seed: seed))
        printError("trained in \(elapsed(since: start))")
        for line in result.columnRoles.summaryLines { printError(line) }
        for warning in result.warnings { printError("warning: \(warning)") }
        let earlyStopping = result.earlyStopping.map {
            EarlyStoppingReport(
                $0, patience: modelOptions.earlyStoppingPatience ?? 0,
                validationFraction: GradientBoostingClassifier().validationFraction)
        }
        if let earlyStopping { printError(earlyStoppingText(earlyStopping)) }
        if let curve = result.learningCurve { printError(learningCurveText(curve, earlyStopping: earlyStopping != nil)) }
        let validation = CrossValidation(folds: cv >= 2 ? cv : 5, seed: seed)
        var crossValidation: CrossValidationReport?
        var pipeline = result.pipeline
        if let calibrate {
            printError("calibrating (\(calibrate.rawValue)) on \(validation.folds)-fold out-of-fold scores ...")
            let (calibrated, folds) = try validation.calibrate(
                pipeline, method: calibrate, table: table, options: options, model: modelOptions.specification(seed: seed))
            pipeline = calibrated
            if cv >= 2 { crossValidation = CrossValidationReport(folds, seed: seed) }
        } else if cv >= 2 {
            printError("cross-validating on \(cv) folds ...")
            crossValidation = CrossValidationReport(
                try validation.validate(table, options: options, model: modelOptions.specification(seed: seed)), seed: seed)
        }
        try pipeline.write(to: out, replacing: overwrite.force)
        var report = TrainReport(result, file: file, modelPath: out)
        report.crossValidation = crossValidation
        report.earlyStopping = earlyStopping
        report.calibration = calibrate?.rawValue
        switch output.format {
        case .json: return try jsonText(report)
        case .text:
            var text = report.text
            if let crossValidation { text += "\n\n" + crossValidation.text }
            if let calibrate {
                text += "\n\nprobabilities calibrated (\(calibrate.rawValue)) on out-of-fold scores of \(validation.folds) folds;"
                    + " the hold-out metrics above are the uncalibrated model's"
            }
            return text
        }
    }
}

/// What `churn train` reports (its `--format json` keys).
struct TrainReport: Encodable {
    let file: String
    let model: String
    let modelKind: ModelKind
    let target: String
    let positiveLabel: String
    let idColumn: String?
    let columnRoles: ColumnRoles
    let trainRows: Int
    let testRows: Int
    let savedModel: TrainingProvenance
    let features: [String]
    let iterations: Int?
    let converged: Bool?
    let holdout: EvaluationReport?
    let coefficients: [CoefficientSummary]?
    let aliasedTerms: [AliasedFeature]
    let rules: [RuleReport]?
    let featureImportances: [FeatureImportance]?
    /// Ensembles: the total split gain and split count of every feature.
    let splitImportances: [Ensembles.FeatureImportance]?
    /// Boosted models: the hold-out log loss after each round (the model fitted on the training part).
    let learningCurve: [Double]?
    /// Forests: the out-of-bag AUC and log loss of the saved model's training rows.
    let outOfBag: OutOfBagEstimate?
    /// Boosted models grown with early stopping: the validation curve and the chosen rounds.
    var earlyStopping: EarlyStoppingReport?
    /// `--permutation-repeats`: the hold-out AUC drop of each original column when shuffled.
    let permutationImportance: PermutationImportanceReport?
    /// Tree models: the saved model's mean |SHAP| per original column (`--shap-rows`).
    let meanAbsoluteSHAP: TreeSHAPSummary?
    let inferenceNote: String?
    let warnings: [String]
    /// Cross-validated metrics (`--cv`), or nil.
    var crossValidation: CrossValidationReport?
    /// The calibration method of the saved model (`--calibrate`), or nil.
    var calibration: String?

    init(_ result: TrainingResult, file: String, modelPath: String) {
        let pipeline = result.pipeline
        self.file = file
        model = modelPath
        modelKind = pipeline.model.kind
        target = result.target.column
        positiveLabel = result.target.positiveLabel
        idColumn = pipeline.idColumn
        columnRoles = result.columnRoles
        trainRows = result.trainRows
        testRows = result.testRows
        savedModel = result.fittedOn
        features = pipeline.featureNames
        if let fitted = pipeline.model.classifier as? LogisticRegressionModel {
            iterations = fitted.iterationCount
            converged = fitted.converged
        } else {
            iterations = nil
            converged = nil
        }
        rules = result.rules?.map(RuleReport.init)
        featureImportances = result.featureImportances?.map { FeatureImportance(feature: $0.feature, importance: $0.importance) }
        if let report = result.holdout {
            var holdout = EvaluationReport(report)
            // The curves need both classes among the hold-out rows; without them the report has none.
            try? holdout.addCurves(labels: result.holdoutLabels, scores: result.holdoutScores)
            self.holdout = holdout
        } else {
            holdout = nil
        }
        learningCurve = result.learningCurve
        let classifier = pipeline.model.classifier
        splitImportances = (classifier as? GradientBoostingModel)?.importances ?? (classifier as? RandomForestModel)?.importances
        outOfBag = (classifier as? RandomForestModel)?.outOfBag
        permutationImportance = result.permutationImportances
        meanAbsoluteSHAP = result.treeSHAP
        coefficients = result.coefficients
        aliasedTerms = result.aliasedTerms
        inferenceNote = result.inferenceNote
        warnings = result.warnings
    }

    /// The report for people: metrics, lift and the churn drivers.
    var text: String {
        var lines: [String] = []
        var fit = "trained \(modelKind) model on \(trainRows) rows (\(testRows) held out), \(features.count) features"
        if let iterations, let converged {
            fit += converged ? "; converged in \(iterations) iterations" : "; NOT converged after \(iterations) iterations"
        }
        lines.append(fit)
        lines.append("target \"\(target)\", positive label \"\(positiveLabel)\"" + (idColumn.map { ", id column \"\($0)\"" } ?? ""))
        if let holdout {
            lines.append("")
            lines.append(holdout.text(title: "hold-out (model fitted on the \(trainRows) training rows)"))
        }
        if let outOfBag {
            lines.append("")
            lines.append(
                "out-of-bag (saved model, \(outOfBag.rowCount) rows): AUC \(outOfBag.auc.map { formatted($0, digits: 4) } ?? "n/a"), "
                    + "log loss \(outOfBag.logLoss.map { formatted($0, digits: 4) } ?? "n/a")")
        }
        if let earlyStopping {
            lines.append("")
            lines.append(
                "early stopping: validation log loss \(formatted(earlyStopping.chosenLoss, digits: 4)) at the chosen round "
                    + "\(earlyStopping.chosenRound) (patience \(earlyStopping.patience)); the saved model has \(earlyStopping.savedModelRounds) rounds")
        }
        if let coefficients {
            lines.append("")
            lines.append("churn drivers (sorted by |z|; estimates in log-odds per standard deviation or vs the reference level):")
            var table = TextTable(
                headers: ["feature", "estimate", "std err", "z", "p-value", "odds ratio", "95% CI"],
                alignments: [.left, .right, .right, .right, .right, .right, .left])
            for row in coefficients {
                table.append([
                    row.feature, formatted(row.estimate), formatted(row.standardError), formatted(row.z, digits: 3),
                    pValueText(row.pValue), formatted(row.oddsRatio),
                    "[\(formatted(row.oddsRatioLower)), \(formatted(row.oddsRatioUpper))]",
                ])
            }
            lines.append(table.render())
        }
        for term in aliasedTerms {
            let with = term.aliasedWith.isEmpty ? "" : " is aliased with \(term.aliasedWith.joined(separator: ", ")) and"
            lines.append("aliased: \(term.feature)\(with) was dropped (coefficient 0 in the saved model)")
        }
        if let inferenceNote { lines.append("note: \(inferenceNote)") }
        if let featureImportances {
            lines.append("")
            lines.append(splitImportances == nil ? "feature importances (impurity decrease):" : "feature importances (share of the split gain over all trees):")
            var table = TextTable(headers: ["feature", "importance"], alignments: [.left, .right])
            for item in featureImportances where item.importance > 0 {
                table.append([item.feature, formatted(item.importance, digits: 3)])
            }
            lines.append(table.render())
        }
        if let meanAbsoluteSHAP {
            lines.append("")
            let unit = meanAbsoluteSHAP.unit == .logit ? "log-odds" : "probability"
            lines.append("mean |SHAP| per column (saved model, \(meanAbsoluteSHAP.rowCount) \(testRows > 0 ? "hold-out " : "")rows, in \(unit)):")
            var table = TextTable(headers: ["column", "mean |SHAP|"], alignments: [.left, .right])
            for item in meanAbsoluteSHAP.columns where item.meanAbsolute > 0 {
                table.append([item.column, formatted(item.meanAbsolute, digits: 3)])
            }
            lines.append(table.render())
        }
        if let permutationImportance {
            lines.append("")
            lines.append(
                "permutation importance (hold-out AUC \(formatted(permutationImportance.baselineAUC, digits: 4)) minus the AUC with the column "
                    + "shuffled, \(permutationImportance.repeats) shuffles, seed \(permutationImportance.seed); model fitted on the training part):")
            var table = TextTable(headers: ["column", "AUC drop", "sd"], alignments: [.left, .right, .right])
            for item in permutationImportance.columns {
                table.append([item.column, formatted(item.meanDrop, digits: 3), formatted(item.standardDeviation, digits: 2)])
            }
            lines.append(table.render())
        }
        if let rules {
            lines.append("")
            lines.append("churn rules (one per leaf, highest churn first):")
            lines += rules.map(\.text)
        }
        lines.append("")
        let inference = coefficients != nil || rules != nil ? " (the drivers above are the saved model's)" : ""
        lines.append("model written to \(model): fitted on \(savedModel.description)\(inference)")
        return lines.joined(separator: "\n")
    }
}

/// One leaf of a tree as `churn train` and `churn rules` print it.
struct RuleReport: Encodable {
    let conditions: [String]
    let churnRate: Double
    let customers: Int
    let text: String

    init(_ rule: TreeRule) {
        conditions = rule.conditions.map(\.text)
        churnRate = rule.rate
        customers = rule.sampleCount
        text = rule.text
    }
}

/// A feature and its importance.
struct FeatureImportance: Encodable {
    let feature: String
    let importance: Double
}

/// A p-value for tables: "<1e-16" below double resolution, else 3 significant digits.
func pValueText(_ p: Double) -> String {
    if p < 1e-16 { return "<1e-16" }
    if p < 1e-3 { return String(format: "%.2e", p) }
    return String(format: "%.4f", p)
}

/// The learning curve as one stderr line: the hold-out log loss at round 1, every 10th round and
/// the last, with the best round.
/// - Parameters:
///   - curve: the loss after each round.
///   - earlyStopping: whether the booster stopped early (the warning then does not suggest it).
/// - Returns: the line.
func learningCurveText(_ curve: [Double], earlyStopping: Bool = false) -> String {
    let best = curve.indices.min { curve[$0] < curve[$1] } ?? 0
    return "learning curve (hold-out log loss by round): " + curvePointsText(curve)
        + overfittingWarning(curve, best: best, earlyStopping: earlyStopping)
}

/// Early stopping as one stderr line: the validation loss by round, the chosen round and the
/// saved model's rounds.
/// - Parameter report: the early-stopping record.
/// - Returns: the line.
func earlyStoppingText(_ report: EarlyStoppingReport) -> String {
    "early stopping (validation log loss on \(formatted(100 * report.validationFraction, digits: 3))% of the training rows, "
        + "patience \(report.patience)): " + curvePointsText(report.validationLoss)
        + "; the model fitted on the training part keeps its first \(report.chosenRound) rounds, "
        + "the saved model \(report.savedModelRounds) (--no-early-stopping grows every round)"
}

/// "1: 0.6931, 10: 0.5012, ..., 37: 0.4523; best 0.4401 at round 27": round 1, every 10th and
/// the last round's loss, and the lowest.
private func curvePointsText(_ curve: [Double]) -> String {
    let shown = curve.indices.filter { $0 == 0 || ($0 + 1) % 10 == 0 || $0 == curve.count - 1 }
    let best = curve.indices.min { curve[$0] < curve[$1] } ?? 0
    return shown.map { "\($0 + 1): \(formatted(curve[$0], digits: 4))" }.joined(separator: ", ")
        + "; best \(formatted(curve.isEmpty ? .nan : curve[best], digits: 4)) at round \(best + 1)"
}

/// A second line when the hold-out loss ends more than 1% above its best, else "".
private func overfittingWarning(_ curve: [Double], best: Int, earlyStopping: Bool) -> String {
    guard let last = curve.last, best < curve.count - 1, last > curve[best] * 1.01 else { return "" }
    return "\nwarning: the hold-out log loss rose \(formatted(100 * (last / curve[best] - 1), digits: 3))% after round "
        + "\(best + 1) (overfitting) and the model keeps all \(curve.count) rounds: "
        + "try --rounds \(best + 1), a lower --learning-rate"
        + (earlyStopping ? ", or a shorter --early-stopping patience" : ", or early stopping (without --no-early-stopping)")
}

/// `earlyStopping` in `churn train --format json`: how early stopping chose the booster's rounds.
struct EarlyStoppingReport: Encodable {
    /// Rounds without improvement before boosting stopped.
    let patience: Int
    /// The fraction of the training rows set aside to validate on.
    let validationFraction: Double
    /// The validation log loss after each round of the model fitted on the training part.
    let validationLoss: [Double]
    /// The round of the lowest validation loss: that model's trees.
    let chosenRound: Int
    /// The saved model's trees (its own chosen round when refitted).
    let savedModelRounds: Int

    /// The validation loss at `chosenRound`.
    var chosenLoss: Double {
        validationLoss.indices.contains(chosenRound - 1) ? validationLoss[chosenRound - 1] : .nan
    }

    init(_ summary: EarlyStoppingSummary, patience: Int, validationFraction: Double) {
        self.patience = patience
        self.validationFraction = validationFraction
        validationLoss = summary.validationLoss
        chosenRound = summary.chosenRound
        savedModelRounds = summary.savedModelRounds
    }
}
