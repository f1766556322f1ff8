import Clustering
import DecisionTrees
import LinearAlgebra
import LinearModels

/// The model inside a fitted pipeline, tagged by kind in the JSON file.
public enum PipelineModel: Sendable, Equatable {
    /// A binary logistic regression.
    case logisticRegression(LogisticRegressionModel)
    /// A CART decision tree (binary churn target).
    case decisionTree(DecisionTreeModel)
    /// A k-means segmentation (it assigns segments; it does not predict churn).
    case kMeans(KMeansModel)

    /// The kind's name in model files and CLI flags.
    public var kind: String {
        switch self {
        case .logisticRegression: return "logistic"
        case .decisionTree: return "tree"
        case .kMeans: return "kmeans"
        }
    }

    /// Probabilities of the positive class for the rows of an encoded matrix.
    /// - Throws: a model error when `x` does not have the model's feature count,
    ///   `PipelineError.notAChurnModel` for a segmentation.
    /// - Complexity: O(n d).
    public func probabilities(_ x: Matrix) throws -> [Double] {
        switch self {
        case .logisticRegression(let model): return try model.predictProbabilities(x)
        case .decisionTree(let model): return try model.predictProbabilities(x)
        case .kMeans: throw PipelineError.notAChurnModel(kind: kind)
        }
    }

    /// The score a calibrator is fitted on, as scikit-learn's `CalibratedClassifierCV` picks it:
    /// the decision function (logit) where the model has one, else the probability.
    /// - Throws: as `probabilities(_:)`.
    /// - Complexity: O(n d).
    public func calibrationScores(_ x: Matrix) throws -> [Double] {
        switch self {
        case .logisticRegression(let model): return try model.logits(x)
        case .decisionTree(let model): return try model.predictProbabilities(x)
        case .kMeans: throw PipelineError.notAChurnModel(kind: kind)
        }
    }

    /// The segment (0-based) of every row of an encoded matrix.
    /// - Throws: `PipelineError.notASegmentation` for a churn model, or a shape error.
    /// - Complexity: O(n k d).
    public func segments(_ x: Matrix) throws -> [Int] {
        switch self {
        case .kMeans(let model): return try model.predict(x)
        case .logisticRegression, .decisionTree: throw PipelineError.notASegmentation(kind: kind)
        }
    }
}

extension PipelineModel: Codable {
    private enum CodingKeys: String, CodingKey { case kind, parameters }

    /// Decodes `{kind, parameters}`; an unknown kind is a decoding error naming it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "logistic":
            self = .logisticRegression(try container.decode(LogisticRegressionModel.self, forKey: .parameters))
        case "tree":
            self = .decisionTree(try container.decode(DecisionTreeModel.self, forKey: .parameters))
        case "kmeans":
            self = .kMeans(try container.decode(KMeansModel.self, forKey: .parameters))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown model kind \"\(kind)\"")
        }
    }

    /// Encodes `{kind, parameters}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .logisticRegression(let model): try container.encode(model, forKey: .parameters)
        case .decisionTree(let model): try container.encode(model, forKey: .parameters)
        case .kMeans(let model): try container.encode(model, forKey: .parameters)
        }
    }
}
