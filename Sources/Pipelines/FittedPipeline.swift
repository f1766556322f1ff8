import LinearAlgebra
import ModelMetrics
import Tabular

/// A trained churn model ready to score raw customer data: the input schema, the fitted encoders,
/// the model, and the risk-decile cut points learned from the training scores.
///
/// A pipeline is immutable and `Sendable`: a service loads one file and scores from many threads.
/// It scores a `Table`, a CSV file (streamed in chunks) or one customer record.
public struct FittedPipeline: Sendable, Equatable, Codable {
    /// The kinds of the columns scoring reads (the encoder's source columns and the id column),
    /// without category levels (the encoder holds the levels it uses), so a model file never holds
    /// a customer's id or a level no encoder uses.
    public let schema: CSVSchema
    /// The customer id column, if any (copied to score files, never a feature).
    public let idColumn: String?
    /// The churn label; nil for a segmentation pipeline.
    public let target: TargetSpecification?
    /// The fitted feature encoders (imputation, one-hot, standardization).
    public let encoder: FittedFeatureEncoder
    /// The fitted model.
    public let model: PipelineModel
    /// Nine score cut points, decreasing: a customer whose probability is at least
    /// `riskDecileEdges[0]` is in risk decile 1 (the top 10% of the training scores), and so on.
    public let riskDecileEdges: [Double]
    /// The map from the model's score to a calibrated probability, fitted on out-of-fold scores
    /// (`CrossValidation.calibrate`); nil when the model's own probabilities are used.
    public let calibrator: ProbabilityCalibrator?
    /// Which rows the model was fitted on and the training file's fingerprint; nil for files of
    /// format version 1 and for segmentations.
    public let training: TrainingProvenance?
    /// The mean of each encoded feature over the rows the model was fitted on (logistic models;
    /// the baseline of their per-customer explanations, `explain(_:)`); nil for other models and
    /// for files written before it was kept.
    public let featureMeans: [Double]?

    /// Assembles a pipeline from its parts.
    /// - Parameters:
    ///   - schema: the training table's schema; only the kinds of the encoder's columns and of the
    ///     id column are kept (`CSVSchema.kinds(of:)`).
    ///   - idColumn: the customer id column, if any.
    ///   - target: the churn label, nil for a segmentation.
    ///   - encoder: the fitted encoders.
    ///   - model: the fitted model.
    ///   - riskDecileEdges: nine decreasing score cut points (empty for a segmentation).
    ///   - calibrator: the calibration map, if any.
    ///   - training: which rows the model was fitted on, and the file's fingerprint.
    ///   - featureMeans: the mean of each encoded feature over the fitted rows, if kept.
    public init(
        schema: CSVSchema, idColumn: String?, target: TargetSpecification?, encoder: FittedFeatureEncoder,
        model: PipelineModel, riskDecileEdges: [Double], calibrator: ProbabilityCalibrator? = nil,
        training: TrainingProvenance? = nil, featureMeans: [Double]? = nil
    ) {
        self.featureMeans = featureMeans
        self.schema = schema.kinds(of: Set(encoder.requiredColumns + (idColumn.map { [$0] } ?? [])))
        self.training = training
        self.idColumn = idColumn
        self.target = target
        self.encoder = encoder
        self.model = model
        self.riskDecileEdges = riskDecileEdges
        self.calibrator = calibrator
    }

    /// This pipeline with another calibrator and risk-decile cut points (everything else kept).
    func replacing(calibrator: ProbabilityCalibrator?, riskDecileEdges: [Double]) -> FittedPipeline {
        FittedPipeline(
            schema: schema, idColumn: idColumn, target: target, encoder: encoder, model: model,
            riskDecileEdges: riskDecileEdges, calibrator: calibrator, training: training, featureMeans: featureMeans)
    }

    /// The same pipeline with another provenance record (for example with the file's fingerprint).
    public func withTraining(_ training: TrainingProvenance?) -> FittedPipeline {
        FittedPipeline(
            schema: schema, idColumn: idColumn, target: target, encoder: encoder, model: model,
            riskDecileEdges: riskDecileEdges, calibrator: calibrator, training: training, featureMeans: featureMeans)
    }

    /// The names of the encoded features the model sees, in order.
    public var featureNames: [String] { encoder.featureNames }

    /// Churn probabilities of every row of `table`, and what the encoder met (unknown categories,
    /// missing values) so that callers can warn.
    /// - Throws: `TabularError.missingColumn` when a column the model needs is absent, or a model error.
    /// - Complexity: O(n d).
    public func probabilities(for table: Table) throws -> (probabilities: [Double], report: TransformReport) {
        let (x, report) = try encoder.transformWithReport(table)
        return (try probabilities(encoded: x), report)
    }

    /// Churn probabilities of already encoded rows: the model's, mapped by the calibrator if any.
    /// - Throws: a model error when `x` has the wrong number of features.
    /// - Complexity: O(n d), plus O(n log t) for an isotonic calibrator with t thresholds.
    public func probabilities(encoded x: Matrix) throws -> [Double] {
        guard let calibrator else { return try model.probabilities(x) }
        return try model.calibrationScores(x).map { calibrator($0) }
    }

    /// The segment (0-based) of every row of `table`, for a segmentation pipeline.
    /// - Throws: `TabularError.missingColumn` for an absent feature column,
    ///   `PipelineError.notASegmentation` for a churn model.
    /// - Complexity: O(n k d).
    public func segments(for table: Table) throws -> [Int] {
        try model.segments(try encoder.transform(table))
    }

    /// The churn probability of one customer given as column name -> text, as in a CSV row.
    ///
    /// Missing keys and blank values are missing values; extra keys are ignored.
    /// - Throws: `PipelineError.invalidRecordValue` when a numeric column holds text.
    public func probability(for record: [String: String]) throws -> Double {
        var columns: [Column] = []
        for spec in schema.columns where encoder.requiredColumns.contains(spec.name) {
            let text = record[spec.name]?.trimmingSpaces
            let isMissing = text.map { $0.isEmpty || CSVReadOptions.defaultMissingMarkers.contains($0) } ?? true
            switch spec.kind {
            case .numeric:
                var value = Double.nan
                if !isMissing, let text {
                    guard let parsed = Double(text), parsed.isFinite else {
                        throw PipelineError.invalidRecordValue(column: spec.name, value: text, expected: "a number")
                    }
                    value = parsed
                }
                columns.append(Column(name: spec.name, numeric: [value]))
            case .categorical, .boolean:
                columns.append(Column(name: spec.name, labels: [isMissing ? nil : text]))
            }
        }
        let table = try Table(columns: columns)
        return try probabilities(for: table).probabilities[0]
    }

    /// The risk decile (1 = highest risk, 10 = lowest) of a churn probability.
    /// - Complexity: O(1) (nine comparisons).
    public func riskDecile(of probability: Double) -> Int {
        1 + riskDecileEdges.reduce(0) { $0 + (probability < $1 ? 1 : 0) }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
