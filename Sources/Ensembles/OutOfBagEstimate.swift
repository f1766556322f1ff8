import ModelMetrics

/// A forest's out-of-bag estimate of its quality: each training row scored by the trees that did
/// not draw it (Breiman 2001), summarized over the rows that at least one tree left out.
public struct OutOfBagEstimate: Sendable, Codable, Equatable {
    /// The rows with an out-of-bag probability.
    public let rowCount: Int
    /// The weighted ROC AUC of their out-of-bag probabilities, or `nil` when they hold one class only.
    public let auc: Double?
    /// The weighted mean log loss of their out-of-bag probabilities (probabilities clipped as
    /// `ModelMetrics.logLoss` does), or `nil` for no rows.
    public let logLoss: Double?

    /// Summarizes out-of-bag probabilities.
    /// - Parameters:
    ///   - labels: the labels of the scored rows.
    ///   - probabilities: their out-of-bag probabilities.
    ///   - weights: their weights.
    /// - Complexity: O(m log m) for m rows.
    public init(labels: [Bool], probabilities: [Double], weights: [Double]? = nil) {
        rowCount = labels.count
        auc = try? rocAUC(labels: labels, scores: probabilities, sampleWeights: weights)
        logLoss = try? ModelMetrics.logLoss(labels: labels, scores: probabilities, sampleWeights: weights)
    }
}
