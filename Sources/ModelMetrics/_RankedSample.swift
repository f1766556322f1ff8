// The one sort behind the ranking metrics (ROC, precision-recall, average precision, lift).
//
// Goal: reproduce scikit-learn's `confusion_matrix_at_thresholds` (sklearn/metrics/_ranking.py)
// bit for bit where possible: rows are ordered by descending score with ties kept in input order
// (a stable sort, as scikit-learn's `argsort(stable=True, descending=True)`), zero-weight rows are
// left out of the curves, and the cumulative weighted true/false positive counts are summed
// sequentially in that order, exactly like numpy's `cumulative_sum`, so that the thresholds,
// rates and areas agree with scikit-learn to rounding.

/// Rows ranked by descending score together with the cumulative counts at each distinct score.
struct _RankedSample: Sendable {
    /// Row indices of every row (zero-weight ones included) by descending score, ties in input order.
    let order: [Int]
    /// The distinct scores of the positively weighted rows, in decreasing order.
    let thresholds: [Double]
    /// `truePositives[k]`: total weight of positive rows with score >= `thresholds[k]`.
    let truePositives: [Double]
    /// `falsePositives[k]`: total weight of negative rows with score >= `thresholds[k]`.
    let falsePositives: [Double]

    /// Total weight of the positive rows.
    var totalPositives: Double { truePositives.last ?? 0 }
    /// Total weight of the negative rows.
    var totalNegatives: Double { falsePositives.last ?? 0 }

    /// Ranks validated input.
    /// - Parameters:
    ///   - labels: true for positives.
    ///   - scores: finite scores, as many as labels.
    ///   - weights: non-negative weights with a positive total, or nil for unit weights.
    /// - Complexity: O(n log n) for the sort, O(n) for the sums.
    init(labels: [Bool], scores: [Double], weights: [Double]?) {
        var keyed = scores.enumerated().map { (score: $0.element, row: $0.offset) }
        keyed.sort { $0.score > $1.score || ($0.score == $1.score && $0.row < $1.row) }
        order = keyed.map(\.row)

        var kept = [(score: Double, label: Bool, weight: Double)]()
        kept.reserveCapacity(keyed.count)
        for (score, row) in keyed {
            let weight = weights?[row] ?? 1
            if weight != 0 { kept.append((score, labels[row], weight)) }
        }
        var thresholds = [Double](), truePositives = [Double](), falsePositives = [Double]()
        var tp = 0.0, fp = 0.0
        for (position, item) in kept.enumerated() {
            if item.label { tp += item.weight } else { fp += item.weight }
            if position == kept.count - 1 || kept[position + 1].score != item.score {
                thresholds.append(item.score)
                truePositives.append(tp)
                falsePositives.append(fp)
            }
        }
        self.thresholds = thresholds
        self.truePositives = truePositives
        self.falsePositives = falsePositives
    }

    /// Throws unless both classes have positive total weight.
    func requireBothClasses(metric: String) throws(MetricsError) {
        if totalPositives <= 0 { throw .singleClass(metric: metric, presentClass: false) }
        if totalNegatives <= 0 { throw .singleClass(metric: metric, presentClass: true) }
    }
}
