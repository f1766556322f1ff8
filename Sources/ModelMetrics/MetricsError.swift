/// Errors raised by the binary-classification metrics when their input cannot be scored.
///
/// Every case names the offending argument, its position and its value, so that the
/// one-line ``description`` can be shown to a user as is.
public enum MetricsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An argument (`scores` or `sampleWeights`) has `count` values where `labels` has `expected`.
    case lengthMismatch(argument: String, count: Int, expected: Int)
    /// There are no rows at all.
    case emptyInput
    /// `scores[index]` is NaN or infinite.
    case nonFiniteScore(index: Int, value: Double)
    /// `sampleWeights[index]` is NaN or infinite.
    case nonFiniteWeight(index: Int, value: Double)
    /// `sampleWeights[index]` is negative.
    case negativeWeight(index: Int, value: Double)
    /// Every sample weight is zero, so no average is defined.
    case zeroTotalWeight
    /// `metric` needs both classes but every (positively weighted) label equals `presentClass`.
    case singleClass(metric: String, presentClass: Bool)
    /// `metric` needs probabilities but `scores[index]` lies outside [0, 1].
    case probabilityOutOfRange(metric: String, index: Int, value: Double)
    /// A parameter such as a group count, bin count or threshold is out of its valid range.
    case invalidArgument(String)

    /// A one-line human-readable explanation.
    public var description: String {
        switch self {
        case .lengthMismatch(let argument, let count, let expected):
            return "\(argument) has \(count) values, but labels has \(expected)"
        case .emptyInput:
            return "no rows: labels and scores are empty"
        case .nonFiniteScore(let index, let value):
            return "scores[\(index)] is \(value); scores must be finite"
        case .nonFiniteWeight(let index, let value):
            return "sampleWeights[\(index)] is \(value); weights must be finite"
        case .negativeWeight(let index, let value):
            return "sampleWeights[\(index)] is \(value); weights must be non-negative"
        case .zeroTotalWeight:
            return "the sample weights sum to zero"
        case .singleClass(let metric, let presentClass):
            let (present, absent) = presentClass ? ("true (churned)", "false") : ("false (retained)", "true")
            return "\(metric) needs both classes, but every label with positive weight is \(present); "
                + "add rows labelled \(absent)"
        case .probabilityOutOfRange(let metric, let index, let value):
            return "\(metric) needs probabilities in [0, 1], but scores[\(index)] is \(value)"
        case .invalidArgument(let message):
            return message
        }
    }
}
