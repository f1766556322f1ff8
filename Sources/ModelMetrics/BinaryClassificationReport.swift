// Every headline binary-classification metric from one validation pass and one sort.

/// The headline metrics of a churn model on labelled data, ready to print as JSON.
///
/// Computes ROC AUC, average precision and the lift table from a single O(n log n) ranking, and
/// the log loss and Brier score in O(n) when the scores are probabilities.
public struct BinaryClassificationReport: Codable, Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Total weight of the positive rows (their count without weights).
    public let positives: Double
    /// Positive (churn) rate: positive weight / total weight.
    public let positiveRate: Double
    /// Area under the ROC curve (see ``rocAUC(labels:scores:sampleWeights:)``).
    public let auc: Double
    /// Average precision (see ``averagePrecision(labels:scores:sampleWeights:)``).
    public let averagePrecision: Double
    /// Log loss, or nil when some score lies outside [0, 1] (the scores are not probabilities).
    public let logLoss: Double?
    /// Brier score, or nil when some score lies outside [0, 1].
    public let brier: Double?
    /// Lift and cumulative gains by group, group 1 holding the highest scores.
    public let lift: [LiftRow]

    /// Computes the report.
    /// - Parameters:
    ///   - labels: true for positives (churned).
    ///   - scores: finite scores, ideally probabilities; higher means more likely positive.
    ///   - sampleWeights: optional non-negative weights.
    ///   - liftGroups: number of lift groups (10 for deciles), at most the number of rows.
    /// - Throws: `MetricsError` on mismatched lengths, empty input, non-finite scores, bad weights,
    ///   a lift group count out of range, or when one class is absent.
    /// - Complexity: O(n log n) time (one sort), O(n) extra memory.
    public init(labels: [Bool], scores: [Double], sampleWeights: [Double]? = nil,
                liftGroups: Int = 10) throws(MetricsError) {
        let weights = try _validate(labels: labels, scores: scores, sampleWeights: sampleWeights)
        let ranked = _RankedSample(labels: labels, scores: scores, weights: weights)
        try ranked.requireBothClasses(metric: "the classification report")
        let liftTable = try LiftTable(ranked: ranked, labels: labels, scores: scores, weights: weights,
                                      groups: liftGroups)
        rows = labels.count
        positives = ranked.totalPositives
        positiveRate = liftTable.overallRate
        auc = ROCCurve(ranked: ranked, dropIntermediate: true).area
        averagePrecision = _averagePrecision(ranked)
        lift = liftTable.rows
        if scores.allSatisfy({ (0...1).contains($0) }) {
            logLoss = try ModelMetrics.logLoss(labels: labels, scores: scores, sampleWeights: sampleWeights)
            brier = try brierScore(labels: labels, scores: scores, sampleWeights: sampleWeights)
        } else {
            logLoss = nil
            brier = nil
        }
    }
}
