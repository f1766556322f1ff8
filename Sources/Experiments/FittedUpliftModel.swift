// A fitted uplift model that can be saved: the feature encoder and the fitted classifiers of a
// meta-learner, so that a model trained on one randomized sample scores another file later.
//
// Same meta-learners as `UpliftLearner` (see UpliftModels.swift for the references):
// - two-model (T-learner): uplift = P(y | x, treated) − P(y | x, control), one classifier per group;
// - class-variable transformation: uplift = 2·P(z | x) − 1 on the balanced sample, one classifier.
// Features are encoded as the churn pipeline encodes them (FeatureEncoder fitted on all rows of
// the training file, before the split by group, so both classifiers see the same columns).

import LinearAlgebra
import Pipelines
import Tabular

/// The meta-learner of an uplift model.
public enum UpliftMethod: String, Sendable, Codable, CaseIterable {
    /// One classifier per group; uplift = difference of their probabilities.
    case twoModel = "two-model"
    /// One classifier of the transformed label z; uplift = 2·P(z) − 1.
    case classTransformation = "class-transformation"
}

/// Which columns an uplift model was trained on, kept in the file for audit and as defaults.
public struct UpliftTrainingColumns: Sendable, Codable, Equatable {
    /// Treatment column.
    public var treatment: String
    /// Control label of a labelled treatment column; nil for a 0/1 or yes/no column.
    public var controlLabel: String?
    /// Outcome column.
    public var outcome: String
    /// Whether the outcome is churn, the desired response being its negation (retention).
    public var churnOutcome: Bool

    /// Creates the description.
    /// - Parameters:
    ///   - treatment: Treatment column.
    ///   - controlLabel: Control label, or nil for a 0/1 column.
    ///   - outcome: Outcome column.
    ///   - churnOutcome: Whether the outcome is churn.
    public init(treatment: String, controlLabel: String?, outcome: String, churnOutcome: Bool) {
        self.treatment = treatment
        self.controlLabel = controlLabel
        self.outcome = outcome
        self.churnOutcome = churnOutcome
    }
}

/// A fitted, saveable uplift model: encoder plus the classifiers of its meta-learner.
public struct FittedUpliftModel: Sendable, Equatable, Codable {
    /// The meta-learner.
    public let method: UpliftMethod
    /// The training columns.
    public let columns: UpliftTrainingColumns
    /// Kinds of the feature columns, to read scoring files the same way.
    public let schema: CSVSchema
    /// The fitted feature encoder.
    public let encoder: FittedFeatureEncoder
    /// Two-model: the classifier of the treated; class transformation: the classifier of z.
    public let treatedModel: PipelineModel
    /// Two-model: the classifier of the controls; nil for class transformation.
    public let controlModel: PipelineModel?
    /// Customers of each group in the training file: [treated, control].
    public let trainingCounts: [Int]

    /// Fits an uplift model on a randomized sample.
    /// - Parameters:
    ///   - table: The training rows.
    ///   - features: Feature columns, or nil for every column not in `excluding`.
    ///   - excluding: Columns never used as features (treatment, outcome, id).
    ///   - response: Desired response per row (for churn: retained).
    ///   - treatment: Treated flag per row.
    ///   - columns: The training columns, stored in the model.
    ///   - method: The meta-learner.
    ///   - learner: The classifier and its hyperparameters.
    ///   - seed: Seed of the balancing resample (class transformation with unequal groups).
    /// - Returns: The fitted model.
    /// - Throws: `ExperimentsError` for mismatched lengths or an empty group,
    ///   `UpliftModelError.fitFailed` when the encoder or a classifier fails (naming which).
    /// - Complexity: O(n d) encoding plus two (or one) classifier fits.
    public static func fit(
        _ table: Table, features: [String]? = nil, excluding: Set<String> = [], response: [Bool], treatment: [Bool],
        columns: UpliftTrainingColumns, method: UpliftMethod, learner: ModelSpecification, seed: UInt64 = 0
    ) throws -> FittedUpliftModel {
        let encoder: FittedFeatureEncoder
        let x: Matrix
        do {
            encoder = try learner.encoder().fit(table, columns: features, excluding: excluding)
            guard encoder.featureCount > 0 else {
                throw UpliftModelError.fitFailed(stage: "feature encoding", reason: "no usable feature column")
            }
            x = try encoder.transform(table)
        } catch let error as UpliftModelError { throw error } catch {
            throw UpliftModelError.fitFailed(stage: "feature encoding", reason: "\(error)")
        }
        try _check(x: x, outcome: response, treatment: treatment)
        let info = encoder.features
        func fit(_ rows: [Int], _ labels: [Bool], group: String) throws -> PipelineModel {
            do { return try learner.fit(try _select(x, rows), labels, features: info) } catch {
                throw UpliftModelError.fitFailed(stage: "the \(group) model", reason: "\(error)")
            }
        }
        let treatedRows = treatment.indices.filter { treatment[$0] }, controlRows = treatment.indices.filter { !treatment[$0] }
        let treated: PipelineModel, control: PipelineModel?
        switch method {
        case .twoModel:
            treated = try fit(treatedRows, treatedRows.map { response[$0] }, group: "treated")
            control = try fit(controlRows, controlRows.map { response[$0] }, group: "control")
        case .classTransformation:
            let (rows, z) = _transformedSample(outcome: response, treatment: treatment, seed: seed)
            treated = try fit(rows, z, group: "transformed-label")
            control = nil
        }
        let kept = Set(encoder.requiredColumns)
        return FittedUpliftModel(
            method: method, columns: columns, schema: CSVSchema(columns: CSVSchema(of: table).columns.filter { kept.contains($0.name) }),
            encoder: encoder, treatedModel: treated, controlModel: control, trainingCounts: [treatedRows.count, controlRows.count])
    }

    /// Predicted uplift of every row of `table`: the change in the probability of the desired
    /// response if treated.
    /// - Parameter table: Rows holding the feature columns (extra columns are ignored).
    /// - Returns: One uplift per row, in [−1, 1].
    /// - Throws: `TabularError.missingColumn` for an absent feature column,
    ///   `UpliftModelError.scoringFailed` for an inconsistent model.
    /// - Complexity: O(n d).
    public func predict(_ table: Table) throws -> [Double] {
        try predictResponses(table).uplift
    }

    /// Predicted uplift of every row with, for a two-model learner, the probability of the desired
    /// response with and without the action (uplift = treated − control).
    /// - Parameter table: Rows holding the feature columns (extra columns are ignored).
    /// - Returns: Uplift per row; treated and control probabilities per row, or `nil` for class
    ///   transformation (a single model of the transformed label has no group probabilities).
    /// - Throws: `TabularError.missingColumn` for an absent feature column,
    ///   `UpliftModelError.scoringFailed` for an inconsistent model.
    /// - Complexity: O(n d).
    public func predictResponses(_ table: Table) throws -> (uplift: [Double], treated: [Double]?, control: [Double]?) {
        let x = try encoder.transform(table)
        do {
            let treated = try treatedModel.probabilities(x)
            switch method {
            case .twoModel:
                guard let controlModel else { throw UpliftModelError.scoringFailed("a two-model uplift model without its control model") }
                let control = try controlModel.probabilities(x)
                return (zip(treated, control).map { $0 - $1 }, treated, control)
            case .classTransformation:
                return (treated.map { 2 * $0 - 1 }, nil, nil)
            }
        } catch let error as UpliftModelError { throw error } catch {
            throw UpliftModelError.scoringFailed("\(error)")
        }
    }
}
