import DecisionTrees
import LinearAlgebra
import LinearModels
import Tabular

/// A classifier trainer inside an uplift model: logistic regression or a CART tree, with its
/// hyperparameters.
public enum UpliftBaseLearner: Sendable {
    /// Binary logistic regression (features imputed, one-hot encoded and standardized).
    case logisticRegression(LogisticRegression)
    /// A CART tree (raw numbers with missing values routed, categories split natively).
    case decisionTree(DecisionTreeClassifier)

    /// The feature encoding this learner needs, as the churn pipeline uses it: the default encoder
    /// for logistic regression; ordinal categories, no imputation and no scaling for a tree.
    public var featureEncoder: FeatureEncoder {
        switch self {
        case .logisticRegression: return FeatureEncoder()
        case .decisionTree:
            return FeatureEncoder(addMissingIndicators: false, standardize: false, categoricalEncoding: .ordinal, imputeMissing: false)
        }
    }

    /// Fits the learner on encoded features.
    /// - Parameters:
    ///   - x: Encoded features (n × d).
    ///   - y: Labels.
    ///   - features: What each encoded column is (names and category levels, for trees).
    /// - Returns: The fitted model.
    /// - Throws: The learner's error (single class, bad hyperparameters...).
    /// - Complexity: The learner's fit.
    func fit(_ x: Matrix, _ y: [Bool], features: [FeatureInfo]) throws -> UpliftBaseModel {
        switch self {
        case .logisticRegression(let regression): return .logisticRegression(try regression.fit(x, y))
        case .decisionTree(let classifier):
            return .decisionTree(try classifier.fit(x, y, features: features.map { TreeFeature(name: $0.name, levels: $0.levels) }))
        }
    }
}

/// A fitted classifier inside a saved uplift model, tagged by kind in the JSON file.
public enum UpliftBaseModel: Sendable, Equatable {
    /// A binary logistic regression.
    case logisticRegression(LogisticRegressionModel)
    /// A CART decision tree.
    case decisionTree(DecisionTreeModel)

    /// The kind's name in model files and CLI flags: `logistic` or `tree`.
    public var kind: String {
        switch self {
        case .logisticRegression: return "logistic"
        case .decisionTree: return "tree"
        }
    }

    /// Probabilities of the positive label for the rows of an encoded matrix.
    /// - Parameter x: Encoded features with the model's column count.
    /// - Returns: One probability per row.
    /// - Throws: The model's shape error.
    /// - Complexity: O(n d) (logistic) or O(n · depth) (tree).
    public func probabilities(_ x: Matrix) throws -> [Double] {
        switch self {
        case .logisticRegression(let model): return try model.predictProbabilities(x)
        case .decisionTree(let model): return try model.predictProbabilities(x)
        }
    }
}

extension UpliftBaseModel: Codable {
    private enum CodingKeys: String, CodingKey { case kind, parameters }

    /// Decodes `{kind, parameters}`; an unknown kind is a decoding error naming it.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for a missing key or an unknown kind.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "logistic": self = .logisticRegression(try container.decode(LogisticRegressionModel.self, forKey: .parameters))
        case "tree": self = .decisionTree(try container.decode(DecisionTreeModel.self, forKey: .parameters))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown model kind \"\(kind)\"")
        }
    }

    /// Encodes `{kind, parameters}`.
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's error.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .logisticRegression(let model): try container.encode(model, forKey: .parameters)
        case .decisionTree(let model): try container.encode(model, forKey: .parameters)
        }
    }
}
