/// Figures of customer lifetime and value, as SVG documents: retention (survival) curves per
/// group, the calibration versus hold-out check of a repeat-purchase model, P(alive) by purchase
/// frequency, and a cohort's observed and projected survivors.
public enum LifetimeFigures {
    /// One group's retention curve: a right-continuous step function.
    public struct Curve: Sendable {
        /// The legend label.
        public var name: String
        /// The times, ascending (the first usually 0).
        public var times: [Double]
        /// The survival (share still active) from each time on.
        public var survival: [Double]

        /// Creates a curve.
        public init(name: String, times: [Double], survival: [Double]) {
            self.name = name
            self.times = times
            self.survival = survival
        }
    }

    /// Kaplan-Meier style retention curves, one step line per group, y from 0 to 1.
    /// - Parameters:
    ///   - curves: The groups' curves.
    ///   - timeLabel: The x-axis label (for example "tenure (months)").
    /// - Complexity: O(total points).
    public static func retentionCurves(_ curves: [Curve], timeLabel: String) -> String {
        let series = curves.map { curve in
            var points: [(x: Double, y: Double)] = []
            for (k, (t, s)) in zip(curve.times, curve.survival).enumerated() {
                if k > 0, let last = points.last { points.append((t, last.y)) }
                points.append((t, s))
            }
            return LineChart.Series(name: curve.name, points: points)
        }
        let top = curves.compactMap { $0.times.last }.max() ?? 1
        return LineChart(title: "Retention curves (Kaplan-Meier)", xLabel: timeLabel, yLabel: "share still a customer",
                         series: series, xRange: 0...max(top, 1), yRange: 0...1).svg()
    }

    /// Mean hold-out purchases per calibration-frequency group, actual against the model's prediction
    /// (Fader, Hardie and Lee 2005, Fig. 4).
    /// - Parameters:
    ///   - groups: The group labels ("0", "1", …, "7+"), drawn at x = 0, 1, ….
    ///   - actual: Mean hold-out purchases observed per group.
    ///   - predicted: Mean hold-out purchases predicted per group.
    /// - Complexity: O(groups).
    public static func calibrationHoldout(groups: [String], actual: [Double], predicted: [Double]) -> String {
        let x = groups.indices.map(Double.init)
        let lastLabel = groups.last.map { " (last group: \($0))" } ?? ""
        return LineChart(
            title: "Calibration vs hold-out purchases", xLabel: "repeat purchases in calibration\(lastLabel)",
            yLabel: "mean purchases in hold-out",
            series: [.init(name: "actual", points: zip(x, actual).map { ($0, $1) }),
                     .init(name: "model", points: zip(x, predicted).map { ($0, $1) }, dashed: true)]
        ).svg()
    }

    /// Mean P(alive) per calibration-frequency group, as bars.
    /// - Parameters:
    ///   - groups: The group labels.
    ///   - probabilities: The mean P(alive) of each group.
    /// - Complexity: O(groups).
    public static func probabilityAlive(groups: [String], probabilities: [Double]) -> String {
        BarChart(title: "P(alive) by repeat purchases", xLabel: "repeat purchases", yLabel: "mean P(alive)",
                 bars: zip(groups, probabilities).map { (label: $0, value: $1) }).svg()
    }

    /// A cohort's observed survivors and the model's projection over the periods.
    /// - Parameters:
    ///   - observed: Survivors at periods 0, 1, …, k (period 0 = the initial count).
    ///   - projected: Projected survivors at periods 0, 1, …, h (h ≥ k).
    ///   - periodLabel: The x-axis label (for example "year").
    /// - Complexity: O(h).
    public static func retentionProjection(observed: [Double], projected: [Double], periodLabel: String) -> String {
        LineChart(
            title: "Cohort survivors: observed and projected (sBG)", xLabel: periodLabel, yLabel: "customers still active",
            series: [.init(name: "observed", points: observed.enumerated().map { (Double($0.offset), $0.element) }),
                     .init(name: "sBG projection", points: projected.enumerated().map { (Double($0.offset), $0.element) }, dashed: true)],
            yRange: 0...max(observed.first ?? 1, 1)
        ).svg()
    }
}
