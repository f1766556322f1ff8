// A fitted uplift model that can be saved: the feature encoder and the fitted classifiers of a
// meta-learner, so that a model trained on one randomized sample scores another file later.
//
// Same meta-learners as `UpliftLearner` (see UpliftModels.swift for the references):
// - two-model (T-learner): uplift = P(y | x, treated) − P(y | x, control), one classifier per group;
// - class-variable transformation: uplift = 2·P(z | x) − 1 on the balanced sample, one classifier.
// Features are encoded as the churn pipeline encodes them (FeatureEncoder fitted on all rows of
// the training file, before the split by group, so both classifiers see the same columns).

import LinearAlgebra
import ModelProtocols
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

/// The fitted classifiers of an uplift model, as its meta-learner has them: two for the
/// two-model learner, one for the class-variable transformation.
public enum UpliftClassifiers: Sendable, Equatable {
    /// The classifiers of the treated and of the control customers; uplift = difference.
    case twoModel(treated: any PersistableClassifier, control: any PersistableClassifier)
    /// The classifier of the transformed label z; uplift = 2·P(z) − 1.
    case classTransformation(any PersistableClassifier)

    /// The meta-learner.
    public var method: UpliftMethod {
        switch self {
        case .twoModel: return .twoModel
        case .classTransformation: return .classTransformation
        }
    }

    /// Whether both hold equal classifiers of the same types.
    public static func == (a: UpliftClassifiers, b: UpliftClassifiers) -> Bool {
        switch (a, b) {
        case (.twoModel(let t1, let c1), .twoModel(let t2, let c2)): return t1.isEqual(to: t2) && c1.isEqual(to: c2)
        case (.classTransformation(let m1), .classTransformation(let m2)): return m1.isEqual(to: m2)
        default: return false
        }
    }
}

/// A fitted, saveable uplift model: encoder plus the classifiers of its meta-learner.
public struct FittedUpliftModel: Sendable, Equatable {
    /// The fitted classifiers, which also say the meta-learner.
    public let classifiers: UpliftClassifiers
    /// The training columns.
    public let columns: UpliftTrainingColumns
    /// Kinds of the feature columns, to read scoring files the same way.
    public let schema: CSVSchema
    /// The fitted feature encoder.
    public let encoder: FittedFeatureEncoder
    /// Customers of each group in the training file: [treated, control].
    public let trainingCounts: [Int]

    /// The meta-learner.
    public var method: UpliftMethod { classifiers.method }
    /// Two-model: the classifier of the treated; class transformation: the classifier of z.
    public var treatedModel: any PersistableClassifier {
        switch classifiers {
        case .twoModel(let treated, _): return treated
        case .classTransformation(let model): return model
        }
    }
    /// Two-model: the classifier of the controls; nil for class transformation.
    public var controlModel: (any PersistableClassifier)? {
        if case .twoModel(_, let control) = classifiers { return control }
        return nil
    }

    /// Assembles a model from its parts (as `fit` does; for a classifier trained elsewhere).
    /// - Parameters:
    ///   - classifiers: the fitted classifiers of the meta-learner.
    ///   - columns: the training columns.
    ///   - schema: kinds of the feature columns.
    ///   - encoder: the fitted feature encoder the classifiers' inputs come from.
    ///   - trainingCounts: customers of each group in the training file, [treated, control].
    public init(
        classifiers: UpliftClassifiers, columns: UpliftTrainingColumns, schema: CSVSchema, encoder: FittedFeatureEncoder,
        trainingCounts: [Int]
    ) {
        self.classifiers = classifiers
        self.columns = columns
        self.schema = schema
        self.encoder = encoder
        self.trainingCounts = trainingCounts
    }

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
        func fit(_ rows: [Int], _ labels: [Bool], group: String) throws -> any PersistableClassifier {
            do { return try learner.fit(try _select(x, rows), labels, features: info) } catch {
                throw UpliftModelError.fitFailed(stage: "the \(group) model", reason: "\(error)")
            }
        }
        let treatedRows = treatment.indices.filter { treatment[$0] }, controlRows = treatment.indices.filter { !treatment[$0] }
        let classifiers: UpliftClassifiers
        switch method {
        case .twoModel:
            classifiers = .twoModel(
                treated: try fit(treatedRows, treatedRows.map { response[$0] }, group: "treated"),
                control: try fit(controlRows, controlRows.map { response[$0] }, group: "control"))
        case .classTransformation:
            let (rows, z) = _transformedSample(outcome: response, treatment: treatment, seed: seed)
            classifiers = .classTransformation(try fit(rows, z, group: "transformed-label"))
        }
        let kept = Set(encoder.requiredColumns)
        return FittedUpliftModel(
            classifiers: classifiers, columns: columns,
            schema: CSVSchema(columns: CSVSchema(of: table).columns.filter { kept.contains($0.name) }),
            encoder: encoder, trainingCounts: [treatedRows.count, controlRows.count])
    }

    /// Predicted uplift of every row of `table`: the change in the probability of the desired
    /// response if treated.
    /// - Parameter table: Rows holding the feature columns (extra columns are ignored).
    /// - Returns: One uplift per row, in [−1, 1].
    /// - Throws: `TabularError.missingColumn` for an absent feature column,
    ///   `UpliftModelError.scoringFailed` when a classifier cannot score the rows.
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
    ///   `UpliftModelError.scoringFailed` when a classifier cannot score the rows.
    /// - Complexity: O(n d).
    public func predictResponses(_ table: Table) throws -> (uplift: [Double], treated: [Double]?, control: [Double]?) {
        let x = try encoder.transform(table)
        do {
            switch classifiers {
            case .twoModel(let treatedModel, let controlModel):
                let treated = try treatedModel.predictProbabilities(x), control = try controlModel.predictProbabilities(x)
                return (zip(treated, control).map { $0 - $1 }, treated, control)
            case .classTransformation(let model):
                return (try model.predictProbabilities(x).map { 2 * $0 - 1 }, nil, nil)
            }
        } catch {
            throw UpliftModelError.scoringFailed("\(error)")
        }
    }
}

extension FittedUpliftModel: Codable {
    private enum CodingKeys: String, CodingKey {
        case method, columns, schema, encoder, treatedModel, controlModel, trainingCounts
    }

    /// Decodes the model; each classifier is `{kind, parameters}` of a classifier kind, and the
    /// classifiers must match the method (two for two-model, one for class transformation).
    /// - Throws: a decoding error naming a segmentation or unknown kind where a classifier is
    ///   expected, or a control model that does not match the method.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let method = try container.decode(UpliftMethod.self, forKey: .method)
        let treated = try container.decode(_TaggedClassifier.self, forKey: .treatedModel).model
        let control = try container.decodeIfPresent(_TaggedClassifier.self, forKey: .controlModel)?.model
        switch (method, control) {
        case (.twoModel, let control?): classifiers = .twoModel(treated: treated, control: control)
        case (.classTransformation, nil): classifiers = .classTransformation(treated)
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .controlModel, in: container,
                debugDescription: "a \(method.rawValue) model \(control == nil ? "without" : "with") a control model")
        }
        columns = try container.decode(UpliftTrainingColumns.self, forKey: .columns)
        schema = try container.decode(CSVSchema.self, forKey: .schema)
        encoder = try container.decode(FittedFeatureEncoder.self, forKey: .encoder)
        trainingCounts = try container.decode([Int].self, forKey: .trainingCounts)
    }

    /// Encodes the model: `method`, `columns`, `schema`, `encoder`, `treatedModel`, `controlModel`
    /// (two-model only) and `trainingCounts`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encode(columns, forKey: .columns)
        try container.encode(schema, forKey: .schema)
        try container.encode(self.encoder, forKey: .encoder)
        try container.encode(_TaggedClassifier(treatedModel), forKey: .treatedModel)
        try container.encodeIfPresent(controlModel.map(_TaggedClassifier.init), forKey: .controlModel)
        try container.encode(trainingCounts, forKey: .trainingCounts)
    }
}
