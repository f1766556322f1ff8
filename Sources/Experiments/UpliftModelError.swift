/// Errors of fitting, saving and loading a persisted uplift model. Each message is one line and
/// names the file or column concerned.
public enum UpliftModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A model file could not be read or decoded; `reason` says where decoding failed.
    case unreadableModel(path: String, reason: String)
    /// A model file is not a ChurnKit uplift model, or of a format version this build cannot read.
    case unsupportedModel(path: String, reason: String)
    /// The feature encoder or a base learner failed; `stage` says which.
    case fitFailed(stage: String, reason: String)
    /// The stored model is inconsistent with its method (a model missing), or scoring failed.
    case scoringFailed(String)

    /// A one-line human-readable explanation.
    public var description: String {
        switch self {
        case .unreadableModel(let path, let reason): return "\(path): not a readable uplift model file: \(reason)"
        case .unsupportedModel(let path, let reason): return "\(path): \(reason)"
        case .fitFailed(let stage, let reason): return "uplift model: \(stage) failed: \(reason)"
        case .scoringFailed(let reason): return "uplift model: scoring failed: \(reason)"
        }
    }
}
