import DecisionTrees
import LinearAlgebra
import LinearModels
import ModelProtocols
import Tabular

/// The learner a pipeline is trained with: any `BinaryClassifierTrainer` whose fitted model a
/// file can hold (`PersistableClassifier`), with the encoding and column use it asks for.
///
/// Pipelines, cross-validation, calibration, hyperparameter search and uplift models take one, so
/// a user's own trainer joins them as `ModelSpecification(MyTrainer())`.
public struct ModelSpecification: Sendable {
    /// The trainer (its hyperparameters).
    public let trainer: any BinaryClassifierTrainer
    private let _fit: @Sendable (Matrix, [Bool], [FeatureDescription]?, [Double]?) throws -> any PersistableClassifier
    private let _setting: @Sendable (String, String) throws -> ModelSpecification

    /// Wraps a trainer.
    /// - Parameter trainer: the hyperparameters; its fitted model must be persistable so that the
    ///   pipeline can be saved.
    public init<Trainer: BinaryClassifierTrainer>(_ trainer: Trainer) where Trainer.Model: PersistableModel {
        self.trainer = trainer
        _fit = { x, y, features, weights in try trainer.fit(x, y, features: features, sampleWeights: weights) }
        _setting = { name, value in
            guard let tunable = trainer as? any HyperparameterTunable else {
                throw PipelineError.invalidOption("hyperparameter \"\(name)\": this learner has no tunable hyperparameters")
            }
            guard let changed = try tunable.setting(name, to: value) as? Trainer else {
                throw PipelineError.invalidOption("hyperparameter \"\(name)\": the learner changed its type")
            }
            return ModelSpecification(changed)
        }
    }

    /// Binary logistic regression with its hyperparameters.
    /// - Parameter learner: the hyperparameters.
    /// - Returns: the specification.
    public static func logisticRegression(_ learner: LogisticRegression) -> ModelSpecification {
        ModelSpecification(learner)
    }

    /// A CART decision tree with its hyperparameters.
    /// - Parameter learner: the hyperparameters.
    /// - Returns: the specification.
    public static func decisionTree(_ learner: DecisionTreeClassifier) -> ModelSpecification {
        ModelSpecification(learner)
    }

    /// The encoding this learner needs (`BinaryClassifierTrainer.inputEncoding`): `.standardized`
    /// keeps `configured` (imputed, one-hot, standardized as configured); `.native` takes raw numbers
    /// (NaN routed at each split) and category codes split natively, so thresholds and rules read
    /// in the data's own units and labels.
    /// - Parameter configured: the user's encoder configuration.
    /// - Returns: the encoder to fit.
    public func encoder(from configured: FeatureEncoder = FeatureEncoder()) -> FeatureEncoder {
        switch trainer.inputEncoding {
        case .standardized: return configured
        case .native:
            return FeatureEncoder(
                addMissingIndicators: false, standardize: false, unknownCategories: configured.unknownCategories,
                dropConstantColumns: configured.dropConstantColumns, categoricalEncoding: .ordinal, imputeMissing: false)
        }
    }

    /// What the features are for, which decides the default feature columns (`ColumnRoles`).
    public var columnUse: ColumnUse {
        switch trainer.inputEncoding {
        case .standardized: return .linearModel
        case .native: return .treeModel
        }
    }

    /// Fits the learner on features encoded by `encoder(from:)`.
    /// - Parameters:
    ///   - x: encoded features (n x d).
    ///   - y: labels, true = positive.
    ///   - features: what each encoded column is (names and category levels, used by trees).
    ///   - sampleWeights: n finite non-negative weights, or nil (default) for all ones.
    /// - Returns: the fitted model.
    /// - Throws: the learner's error (single class, penalty required, bad hyperparameters...).
    /// - Complexity: the learner's fit.
    public func fit(_ x: Matrix, _ y: [Bool], features: [FeatureInfo], sampleWeights: [Double]? = nil) throws
        -> any PersistableClassifier
    {
        try _fit(x, y, features.map { FeatureDescription(name: $0.name, levels: $0.levels) }, sampleWeights)
    }

    /// This learner with one hyperparameter set from text (`HyperparameterTunable`).
    /// - Parameters:
    ///   - name: a name in `tunableHyperparameters`.
    ///   - value: its value as text.
    /// - Returns: the changed learner.
    /// - Throws: `PipelineError.invalidOption` when the learner is not tunable, or as its
    ///   `setting(_:to:)`.
    public func setting(_ name: String, to value: String) throws -> ModelSpecification {
        try _setting(name, value)
    }

    /// The hyperparameters `setting(_:to:)` can change, by their CLI names; empty for a learner
    /// that is not `HyperparameterTunable`.
    public var tunableHyperparameters: [String] {
        (trainer as? any HyperparameterTunable)?.tunableHyperparameters ?? []
    }

    /// The default grid of `HyperparameterSearch`; empty for a learner that is not tunable.
    public var defaultSearchRanges: [HyperparameterRange] {
        (trainer as? any HyperparameterTunable)?.defaultSearchRanges ?? []
    }
}
