/// A fitted model that a model file can hold: `Codable` as its parameters, `Equatable`, and tagged
/// by a `kind` that names its type in the file (`{"kind": "logistic", "parameters": {...}}`).
///
/// Decoding a file looks the kind up among the types the reader knows (Pipelines'
/// `PipelineModel.classifierTypes` and `segmenterTypes`), so a kind names one type.
public protocol PersistableModel: Sendable, Codable, Equatable {
    /// The kind written in files for models of this type.
    static var kind: ModelKind { get }
}

extension PersistableModel {
    /// The kind of this model's type (`Self.kind`).
    public var kind: ModelKind { Self.kind }

    /// Whether `other` is a model of this type equal to this one.
    /// - Complexity: the type's `==`.
    package func isEqual(to other: any PersistableModel) -> Bool {
        (other as? Self) == self
    }
}

/// A binary classifier that a model file can hold (every classifier inside a pipeline or an uplift
/// model).
public typealias PersistableClassifier = BinaryClassifier & PersistableModel

/// A segmentation that a model file can hold (the model of a segmentation pipeline).
public typealias PersistableSegmenter = Segmenter & PersistableModel
