// The calibration versus hold-out check of a repeat-purchase model: customers grouped by their
// calibration frequency (0, 1, …, and a last group "k+"), the mean purchases each group made in the
// hold-out period against the mean the model predicted for it (Fader, Hardie and Lee 2005, Fig. 4;
// `lifetimes`' `plot_calibration_purchases_vs_holdout_purchases`).

/// One frequency group of the check.
public struct CalibrationHoldoutRow: Sendable, Codable, Equatable {
    /// The group label: the calibration frequency, or "k+" for the last group.
    public var group: String
    /// Customers in the group.
    public var customers: Int
    /// Mean hold-out purchases observed.
    public var actual: Double
    /// Mean hold-out purchases predicted.
    public var predicted: Double
}

/// The calibration versus hold-out table.
public enum CalibrationHoldoutCheck {
    /// Groups customers by calibration frequency and compares actual and predicted hold-out purchases.
    /// - Parameters:
    ///   - summary: The customer table (with a hold-out period).
    ///   - model: The repeat-purchase model fitted on its calibration part.
    ///   - lastGroup: The frequency from which customers are pooled (default 7, as the paper).
    /// - Returns: One row per non-empty group, in frequency order.
    /// - Complexity: O(n · h).
    public static func table(
        _ summary: CustomerSummary, model: some RepeatPurchaseModel, lastGroup: Int = 7
    ) -> [CalibrationHoldoutRow] {
        let top = max(1, lastGroup)
        var counts = [Int](repeating: 0, count: top + 1)
        var actual = [Double](repeating: 0, count: top + 1)
        var predicted = [Double](repeating: 0, count: top + 1)
        let duration = summary.holdoutDuration
        for c in summary.customers {
            let g = min(c.frequency, top)
            counts[g] += 1
            actual[g] += Double(c.holdoutFrequency)
            predicted[g] += model.conditionalExpectedPurchases(
                duration: duration, frequency: Double(c.frequency), recency: c.recency, age: c.age)
        }
        return (0...top).compactMap { g in
            guard counts[g] > 0 else { return nil }
            let n = Double(counts[g])
            return CalibrationHoldoutRow(group: g == top ? "\(top)+" : "\(g)", customers: counts[g], actual: actual[g] / n, predicted: predicted[g] / n)
        }
    }
}
