import ModelProtocols

/// Errors of training, saving, loading and applying a fitted pipeline. Each message is one line
/// and names the column, file or label concerned.
public enum PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target column holds a single class.
    case singleClassTarget(column: String, label: String)
    /// The target has more than two labels and no positive label was named.
    case positiveLabelRequired(column: String, labels: [String])
    /// The named positive label does not occur in the target column.
    case unknownPositiveLabel(column: String, label: String, labels: [String])
    /// Every cell of the target column is blank or a missing marker.
    case emptyTarget(column: String)
    /// The target column is numeric with values other than 0 and 1.
    case numericTarget(column: String)
    /// No feature is left once the target, id, ignored and unusable columns are removed.
    case noFeatures(String)
    /// A model file could not be read or decoded; `reason` says where decoding failed.
    case unreadableModel(path: String, reason: String)
    /// A model file decodes, but the value at `key` makes no sense (a non-finite or unsorted cut
    /// point, a scale that is not positive, one-hot lists that disagree, a model reading another
    /// number of features than the encoder makes) or does not match the file's content hash.
    case invalidModel(path: String, key: String, reason: String)
    /// A model file is not a ChurnKit pipeline, or of a format version this build cannot read.
    case unsupportedModel(path: String, reason: String)
    /// A customer record's value cannot be read as the column's kind.
    case invalidRecordValue(column: String, value: String, expected: String)
    /// An option is out of range.
    case invalidOption(String)
    /// A segmentation pipeline was asked for churn probabilities.
    case notAChurnModel(kind: ModelKind)
    /// A churn model pipeline was asked for segments.
    case notASegmentation(kind: ModelKind)

    /// A one-line human-readable explanation.
    public var description: String {
        switch self {
        case .singleClassTarget(let column, let label):
            return "target column \"\(column)\" has only one class (\"\(label)\"); a churn model needs both"
        case .positiveLabelRequired(let column, let labels):
            return "target column \"\(column)\" has \(labels.count) labels (\(quoted(labels))); "
                + "name the churn label with --positive"
        case .unknownPositiveLabel(let column, let label, let labels):
            return "positive label \"\(label)\" does not occur in target column \"\(column)\" (labels: \(quoted(labels)))"
        case .emptyTarget(let column):
            return "target column \"\(column)\" has no labels: every cell is blank or a missing marker"
        case .numericTarget(let column):
            return "target column \"\(column)\" is numeric with values other than 0 and 1; "
                + "a churn target must have two labels"
        case .noFeatures(let message):
            return "no features left to train on: \(message)"
        case .unreadableModel(let path, let reason):
            return "\(path): not a readable model file: \(reason)"
        case .invalidModel(let path, let key, let reason):
            return "\(path): \(key): \(reason)"
        case .unsupportedModel(let path, let reason):
            return "\(path): \(reason)"
        case .invalidRecordValue(let column, let value, let expected):
            return "column \"\(column)\": \"\(value)\" is not \(expected)"
        case .invalidOption(let message):
            return message
        case .notAChurnModel(let kind):
            return "this is a \(kind) segmentation model: it assigns segments and does not predict churn"
        case .notASegmentation(let kind):
            return "this is a \(kind) churn model: it predicts churn and does not assign segments"
        }
    }
}

/// Labels quoted and comma-separated, at most ten shown.
func quoted(_ labels: [String]) -> String {
    let shown = labels.prefix(10).map { "\"\($0)\"" }.joined(separator: ", ")
    return labels.count > 10 ? shown + ", ..." : shown
}
