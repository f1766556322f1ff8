/// Nine decreasing cut points of risk deciles: edge k is the lowest score among the top k tenths
/// of `scores` (empty for no scores). `FittedPipeline.riskDecile(of:)` applies them.
/// - Complexity: O(n log n).
func riskDecileEdges(_ scores: [Double]) -> [Double] {
    let sorted = scores.sorted(by: >)
    guard !sorted.isEmpty else { return [] }
    return (1...9).map { k in sorted[max(0, min(sorted.count - 1, k * sorted.count / 10 - 1))] }
}
