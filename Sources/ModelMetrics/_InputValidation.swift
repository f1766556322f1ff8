// Shared argument checks for the binary-classification metrics.

/// Checks lengths, emptiness, finiteness of scores and weights, and that weights are non-negative
/// with a positive total.
/// - Returns: the weights, or `nil` when none were given (every row weighs 1).
/// - Complexity: O(n).
func _validate(labels: [Bool], scores: [Double], sampleWeights: [Double]?) throws(MetricsError) -> [Double]? {
    guard scores.count == labels.count else {
        throw .lengthMismatch(argument: "scores", count: scores.count, expected: labels.count)
    }
    if let weights = sampleWeights, weights.count != labels.count {
        throw .lengthMismatch(argument: "sampleWeights", count: weights.count, expected: labels.count)
    }
    guard !labels.isEmpty else { throw .emptyInput }
    for (index, score) in scores.enumerated() where !score.isFinite {
        throw .nonFiniteScore(index: index, value: score)
    }
    guard let weights = sampleWeights else { return nil }
    var total = 0.0
    for (index, weight) in weights.enumerated() {
        guard weight.isFinite else { throw .nonFiniteWeight(index: index, value: weight) }
        guard weight >= 0 else { throw .negativeWeight(index: index, value: weight) }
        total += weight
    }
    guard total > 0 else { throw .zeroTotalWeight }
    return weights
}

/// Checks that every score is a probability in [0, 1] (scores are already known to be finite).
/// - Complexity: O(n).
func _validateProbabilities(_ scores: [Double], metric: String) throws(MetricsError) {
    for (index, score) in scores.enumerated() where !(0...1).contains(score) {
        throw .probabilityOutOfRange(metric: metric, index: index, value: score)
    }
}

/// Neumaier's compensated sum, used where scikit-learn's pairwise summation makes a naive sum
/// drift by more than the 1e-12 the tests allow on long inputs.
struct _CompensatedSum {
    private(set) var sum = 0.0
    private var compensation = 0.0

    /// The compensated total.
    var value: Double { sum + compensation }

    mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) {
            compensation += (sum - t) + x
        } else {
            compensation += (x - t) + sum
        }
        sum = t
    }
}
