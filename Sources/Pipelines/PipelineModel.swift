import Clustering
import DecisionTrees
import Ensembles
import LinearAlgebra
import LinearModels
import ModelProtocols

/// The model inside a fitted pipeline: a binary churn classifier or a segmentation, of any family
/// that conforms to the model protocols; tagged by kind in the JSON file.
public enum PipelineModel: Sendable, Equatable {
    /// A churn classifier (logistic regression, a tree, or any `PersistableClassifier`).
    case classifier(any PersistableClassifier)
    /// A segmentation (k-means, or any `PersistableSegmenter`): it assigns segments and does not
    /// predict churn.
    case segmenter(any PersistableSegmenter)

    /// The classifier types a pipeline or uplift file can hold, found by their `kind` when a file
    /// is decoded. A built-in model family adds its fitted type here.
    public static let classifierTypes: [any PersistableClassifier.Type] = [
        LogisticRegressionModel.self, DecisionTreeModel.self, GradientBoostingModel.self, RandomForestModel.self,
    ]
    /// The segmentation types a pipeline file can hold, found by their `kind` when decoded.
    public static let segmenterTypes: [any PersistableSegmenter.Type] = [KMeansModel.self]

    /// The kind's name in model files and CLI flags (`logistic`, `tree`, `kmeans`).
    public var kind: ModelKind {
        switch self {
        case .classifier(let model): return model.kind
        case .segmenter(let model): return model.kind
        }
    }

    /// The churn classifier, or nil for a segmentation.
    public var classifier: (any PersistableClassifier)? {
        if case .classifier(let model) = self { return model }
        return nil
    }

    /// The segmentation, or nil for a churn classifier.
    public var segmenter: (any PersistableSegmenter)? {
        if case .segmenter(let model) = self { return model }
        return nil
    }

    /// Probabilities of the positive class for the rows of an encoded matrix.
    /// - Throws: a model error when `x` does not have the model's feature count,
    ///   `PipelineError.notAChurnModel` for a segmentation.
    /// - Complexity: O(n d) for the built-in classifiers.
    public func probabilities(_ x: Matrix) throws -> [Double] {
        guard let classifier else { throw PipelineError.notAChurnModel(kind: kind) }
        return try classifier.predictProbabilities(x)
    }

    /// The score a calibrator is fitted on, as scikit-learn's `CalibratedClassifierCV` picks it:
    /// the decision function (logit) where the model has one, else the probability
    /// (`BinaryClassifier.decisionFunction(_:)`).
    /// - Throws: as `probabilities(_:)`.
    /// - Complexity: O(n d) for the built-in classifiers.
    public func calibrationScores(_ x: Matrix) throws -> [Double] {
        guard let classifier else { throw PipelineError.notAChurnModel(kind: kind) }
        return try classifier.decisionFunction(x)
    }

    /// The segment (0-based) of every row of an encoded matrix.
    /// - Throws: `PipelineError.notASegmentation` for a churn model, or a shape error.
    /// - Complexity: O(n k d) for k-means.
    public func segments(_ x: Matrix) throws -> [Int] {
        guard let segmenter else { throw PipelineError.notASegmentation(kind: kind) }
        return try segmenter.assign(x)
    }

    /// Whether both hold equal models of the same type.
    public static func == (a: PipelineModel, b: PipelineModel) -> Bool {
        switch (a, b) {
        case (.classifier(let x), .classifier(let y)): return x.isEqual(to: y)
        case (.segmenter(let x), .segmenter(let y)): return x.isEqual(to: y)
        default: return false
        }
    }
}

extension PipelineModel: Codable {
    /// Decodes `{kind, parameters}`: the kind is looked up in `classifierTypes`, then in
    /// `segmenterTypes`; an unknown kind is a decoding error naming it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: _ModelCodingKeys.self)
        let kind = try container.decode(ModelKind.self, forKey: .kind)
        if let type = Self.classifierTypes.first(where: { $0.kind == kind }) {
            self = .classifier(try container.decode(type, forKey: .parameters))
        } else if let type = Self.segmenterTypes.first(where: { $0.kind == kind }) {
            self = .segmenter(try container.decode(type, forKey: .parameters))
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown model kind \"\(kind)\"")
        }
    }

    /// Encodes `{kind, parameters}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: _ModelCodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .classifier(let model): try container.encode(model, forKey: .parameters)
        case .segmenter(let model): try container.encode(model, forKey: .parameters)
        }
    }
}

/// The keys of a tagged model in a file: `{"kind": ..., "parameters": {...}}`.
enum _ModelCodingKeys: String, CodingKey { case kind, parameters }

/// A classifier in a file, tagged `{kind, parameters}` as in a pipeline: what an uplift model
/// stores for each of its classifiers. Decoding knows only `PipelineModel.classifierTypes`, so a
/// segmentation (or any other kind) in its place is a decoding error naming the kind.
package struct _TaggedClassifier: Codable, Sendable {
    /// The classifier.
    package let model: any PersistableClassifier

    /// Wraps `model`.
    package init(_ model: any PersistableClassifier) { self.model = model }

    /// Decodes `{kind, parameters}` of a classifier kind.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: _ModelCodingKeys.self)
        let kind = try container.decode(ModelKind.self, forKey: .kind)
        guard let type = PipelineModel.classifierTypes.first(where: { $0.kind == kind }) else {
            let known = PipelineModel.classifierTypes.map { "\"\($0.kind)\"" }.joined(separator: ", ")
            let segmentation = PipelineModel.segmenterTypes.contains { $0.kind == kind }
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: segmentation
                    ? "a \(kind) segmentation where a classifier (\(known)) is expected"
                    : "unknown classifier kind \"\(kind)\" (known: \(known))")
        }
        model = try container.decode(type, forKey: .parameters)
    }

    /// Encodes `{kind, parameters}`.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: _ModelCodingKeys.self)
        try container.encode(model.kind, forKey: .kind)
        try container.encode(model, forKey: .parameters)
    }
}
