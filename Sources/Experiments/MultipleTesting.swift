// Multiple-testing correction across the cells of an experiment.
//
// Goal: control the family-wise error rate over all tier × arm comparisons, as statsmodels'
// `multipletests(method="holm")` does.
// Reference: S. Holm, "A simple sequentially rejective multiple test procedure", Scandinavian
// Journal of Statistics 6 (1979).

/// Adjustments of p-values for testing several hypotheses at once.
public enum MultipleTesting {
    /// Holm's step-down adjusted p-values, in the order of the input.
    ///
    /// With the p-values sorted ascending as p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value of p₍ᵢ₎ is
    /// maxⱼ≤ᵢ min(1, (m − j + 1) p₍ⱼ₎). NaN p-values are left as NaN and do not count in m.
    /// - Parameter pValues: Unadjusted p-values.
    /// - Returns: Adjusted p-values, same order and count.
    /// - Complexity: O(m log m).
    public static func holm(_ pValues: [Double]) -> [Double] {
        let order = pValues.indices.filter { !pValues[$0].isNaN }.sorted {
            pValues[$0] < pValues[$1] || (pValues[$0] == pValues[$1] && $0 < $1)
        }
        var adjusted = pValues
        let m = order.count
        var runningMax = 0.0
        for (rank, index) in order.enumerated() {
            let value = min(1, Double(m - rank) * pValues[index])
            runningMax = max(runningMax, value)
            adjusted[index] = runningMax
        }
        return adjusted
    }
}
