import ModelMetrics
import Tabular

/// The hold-out metrics of one cross-validation fold.
public struct CrossValidationFold: Codable, Sendable, Equatable {
    /// The fold's number, 1-based.
    public let fold: Int
    /// Labelled rows the fold's model was fitted on.
    public let trainRows: Int
    /// Labelled rows it was scored on (the fold's own rows).
    public let testRows: Int
    /// ROC AUC on the fold's rows.
    public let auc: Double
    /// Average precision on the fold's rows.
    public let averagePrecision: Double
    /// Log loss (nats) on the fold's rows.
    public let logLoss: Double
    /// Brier score on the fold's rows.
    public let brier: Double
}

/// One metric across folds: its mean and standard deviation.
public struct CrossValidationMetric: Codable, Sendable, Equatable {
    /// The metric's name: `auc`, `averagePrecision`, `logLoss` or `brier`.
    public let name: String
    /// Mean over the folds.
    public let mean: Double
    /// Standard deviation over the folds, with divisor k (numpy's default, as scikit-learn's
    /// `cv_results_` report it).
    public let standardDeviation: Double
}

/// Everything a cross-validation run measured, with the out-of-fold predictions.
public struct CrossValidationResult: Sendable {
    /// Each fold's metrics, in fold order.
    public let folds: [CrossValidationFold]
    /// Mean and standard deviation of each metric: auc, averagePrecision, logLoss, brier.
    public let metrics: [CrossValidationMetric]
    /// The table row (0-based) of each labelled row, ascending; rows without a label are left out.
    public let rows: [Int]
    /// The label of each labelled row (true = churned), aligned with `rows`.
    public let labels: [Bool]
    /// The fold (0-based) each labelled row was scored in, aligned with `rows`.
    public let foldOfRow: [Int]
    /// Each labelled row's churn probability from the model that did not see it.
    public let outOfFoldProbabilities: [Double]
    /// Each labelled row's calibration score (logit for logistic models, probability for trees)
    /// from the model that did not see it.
    public let outOfFoldCalibrationScores: [Double]
    /// The trainings' warnings, each once, in the order first met.
    public let warnings: [String]

    /// The metric named `name`, if measured.
    public func metric(_ name: String) -> CrossValidationMetric? { metrics.first { $0.name == name } }
}

/// Stratified k-fold cross-validation of any pipeline specification, and calibration on its
/// out-of-fold scores.
///
/// Folds: the labelled rows are split by `DataSplit.stratifiedKFold(labels:folds:seed:)`: a
/// `SeededRandom` (xoshiro256** seeded through SplitMix64) shuffles each class's rows (classes in
/// order of first appearance, rows ascending before the Fisher-Yates shuffle) and deals them to
/// folds round-robin, the count continuing from one class to the next. The same seed gives the same
/// folds on every machine; `CrossValidationResult.foldOfRow` exports them.
///
/// Each fold trains the whole pipeline (column roles, encoders, model) on the other folds' rows,
/// as scikit-learn's `cross_validate` refits a `Pipeline` per fold, and scores its own rows.
public struct CrossValidation: Sendable {
    /// k, the number of folds (at least 2).
    public var folds: Int
    /// Seed of the fold assignment.
    public var seed: UInt64

    /// Creates a cross-validation plan.
    /// - Parameters:
    ///   - folds: k, at least 2 (default 5).
    ///   - seed: seed of the stratified fold assignment (default 42).
    public init(folds: Int = 5, seed: UInt64 = 42) {
        self.folds = folds
        self.seed = seed
    }

    /// Trains and scores `model` on every fold of `table`'s labelled rows.
    /// - Parameters:
    ///   - table: the training data, target column included.
    ///   - options: target, columns and encoding; its hold-out fraction is not used (each fold
    ///     trains on all the other folds' rows).
    ///   - model: the learner.
    /// - Returns: per-fold metrics, their means and standard deviations, and out-of-fold scores.
    /// - Throws: `PipelineError.invalidOption` for fewer than 2 folds, `TabularError` when a class
    ///   has fewer rows than folds, and anything training throws.
    /// - Complexity: k trainings on (k − 1) n / k rows each.
    public func validate(_ table: Table, options: TrainingOptions, model: ModelSpecification) throws
        -> CrossValidationResult
    {
        guard folds >= 2 else { throw PipelineError.invalidOption("cross-validation needs at least 2 folds, not \(folds)") }
        let target = try TargetSpecification(table: table, column: options.target, positiveLabel: options.positiveLabel)
        let (labels, missing) = try target.labels(in: table)
        let left = Set(missing)
        let rows = (0..<table.rowCount).filter { !left.contains($0) }
        let labelled = rows.map { labels[$0] }
        let data = missing.isEmpty ? table : table.selecting(rows: rows)
        let splits = try DataSplit.stratifiedKFold(labels: labelled, folds: folds, seed: seed)

        var foldOptions = options
        foldOptions.testFraction = 0
        foldOptions.positiveLabel = target.positiveLabel
        let trainer = PipelineTrainer(options: foldOptions)
        var foldOfRow = [Int](repeating: 0, count: rows.count)
        var probabilities = [Double](repeating: .nan, count: rows.count)
        var calibrationScores = probabilities
        var results: [CrossValidationFold] = []
        var warnings: [String] = []
        for (fold, split) in splits.enumerated() {
            let trained = try trainer.train(data.selecting(rows: split.train), model: model)
            for warning in trained.warnings where !warnings.contains(warning) { warnings.append(warning) }
            let pipeline = trained.pipeline
            let x = try pipeline.encoder.transform(data.selecting(rows: split.test))
            let foldProbabilities = try pipeline.probabilities(encoded: x)
            let foldScores = try pipeline.model.calibrationScores(x)
            let foldLabels = split.test.map { labelled[$0] }
            for (position, row) in split.test.enumerated() {
                foldOfRow[row] = fold
                probabilities[row] = foldProbabilities[position]
                calibrationScores[row] = foldScores[position]
            }
            let report = try BinaryClassificationReport(labels: foldLabels, scores: foldProbabilities)
            results.append(CrossValidationFold(
                fold: fold + 1, trainRows: split.train.count, testRows: split.test.count, auc: report.auc,
                averagePrecision: report.averagePrecision, logLoss: report.logLoss ?? .nan, brier: report.brier ?? .nan))
        }
        let metrics = [
            ("auc", results.map(\.auc)), ("averagePrecision", results.map(\.averagePrecision)),
            ("logLoss", results.map(\.logLoss)), ("brier", results.map(\.brier)),
        ].map { name, values -> CrossValidationMetric in
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            return CrossValidationMetric(name: name, mean: mean, standardDeviation: variance.squareRoot())
        }
        return CrossValidationResult(
            folds: results, metrics: metrics, rows: rows, labels: labelled, foldOfRow: foldOfRow,
            outOfFoldProbabilities: probabilities, outOfFoldCalibrationScores: calibrationScores, warnings: warnings)
    }

    /// Attaches to `pipeline` a calibrator fitted on out-of-fold scores of `table`, as
    /// scikit-learn's `CalibratedClassifierCV(method, cv=folds, ensemble=False)`: the folds' models
    /// give every row a score from a model that did not see it, the calibrator maps those scores to
    /// the labels, and the pipeline (fitted on all of `table`) keeps its model and gains the map.
    /// The risk-decile cut points are recomputed from the calibrated probabilities of `table`.
    /// - Parameters:
    ///   - pipeline: a churn pipeline fitted on `table` with `options` and `model`.
    ///   - method: isotonic or sigmoid.
    ///   - table: the rows `pipeline` was fitted on.
    ///   - options: the options it was trained with.
    ///   - model: the learner it was trained with.
    /// - Returns: the calibrated pipeline and the cross-validation that fed the calibrator.
    /// - Throws: as `validate(_:options:model:)`, and `MetricsError` from the calibrator's fit.
    /// - Complexity: k trainings plus the calibrator's fit and one scoring pass over `table`.
    public func calibrate(
        _ pipeline: FittedPipeline, method: CalibrationMethod, table: Table, options: TrainingOptions,
        model: ModelSpecification
    ) throws -> (pipeline: FittedPipeline, validation: CrossValidationResult) {
        let validation = try validate(table, options: options, model: model)
        let calibrator = try ProbabilityCalibrator.fit(
            method, scores: validation.outOfFoldCalibrationScores, labels: validation.labels)
        let uncalibrated = pipeline.replacing(calibrator: calibrator, riskDecileEdges: pipeline.riskDecileEdges)
        let x = try uncalibrated.encoder.transform(
            validation.rows.count == table.rowCount ? table : table.selecting(rows: validation.rows))
        let calibrated = uncalibrated.replacing(
            calibrator: calibrator, riskDecileEdges: riskDecileEdges(try uncalibrated.probabilities(encoded: x)))
        return (calibrated, validation)
    }
}
