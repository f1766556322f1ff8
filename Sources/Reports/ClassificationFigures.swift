import ModelMetrics

/// The standard figures of a churn classifier: ROC curve, cumulative gains, lift by decile and
/// calibration, as SVG documents.
public enum ClassificationFigures {
    /// The ROC curve with the diagonal of a random ranking, titled with the AUC.
    /// - Throws: `MetricsError` for invalid labels or scores.
    /// - Complexity: O(n log n).
    public static func roc(labels: [Bool], scores: [Double]) throws -> String {
        let curve = try ROCCurve(labels: labels, scores: scores)
        let points = zip(curve.falsePositiveRates, curve.truePositiveRates).map { (x: $0, y: $1) }
        return LineChart(
            title: "ROC curve (AUC \(fixed(curve.area, 3)))", xLabel: "false positive rate", yLabel: "true positive rate",
            series: [.init(name: "model", points: points), .init(name: "random", points: [(0, 0), (1, 1)], dashed: true)],
            xRange: 0...1, yRange: 0...1
        ).svg()
    }

    /// Cumulative gains: the share of all churners found in the top x% of customers by score.
    public static func gains(_ lift: [LiftRow]) -> String {
        let total = Double(lift.last?.cumulativeRows ?? 0)
        let points = [(x: 0.0, y: 0.0)] + lift.map { (x: 100 * Double($0.cumulativeRows) / max(total, 1), y: 100 * $0.cumulativeGain) }
        return LineChart(
            title: "Cumulative gains", xLabel: "customers contacted, riskiest first (%)", yLabel: "churners reached (%)",
            series: [.init(name: "model", points: points), .init(name: "random", points: [(0, 0), (100, 100)], dashed: true)],
            xRange: 0...100, yRange: 0...100
        ).svg()
    }

    /// Lift per decile (churn rate of the decile / overall churn rate) with the reference lift 1, labelled.
    public static func liftBars(_ lift: [LiftRow]) -> String {
        BarChart(title: "Lift by risk decile", xLabel: "decile (1 = riskiest)", yLabel: "lift",
                 bars: lift.map { (label: String($0.group), value: $0.lift) }, reference: 1, referenceLabel: "average (lift 1)").svg()
    }

    /// Observed churn rate against mean predicted probability per bin (`bins` of equal width, empty ones skipped),
    /// each bin marked and labelled with its count ("n=100"), with the diagonal.
    /// - Throws: `MetricsError` for invalid labels or scores.
    public static func calibration(labels: [Bool], scores: [Double], bins: Int = 10) throws -> String {
        let table = try CalibrationTable(labels: labels, scores: scores, binCount: bins)
        let points = table.bins.map { (x: $0.meanPredicted, y: $0.observedRate) }
        return LineChart(
            title: "Calibration", xLabel: "mean predicted churn probability", yLabel: "observed churn rate",
            series: [.init(name: "model", points: points, markers: true, pointLabels: table.bins.map { "n=\($0.rows)" }),
                     .init(name: "perfectly calibrated", points: [(0, 0), (1, 1)], dashed: true)],
            xRange: 0...1, yRange: 0...1
        ).svg()
    }
}

/// `x` with `digits` decimals.
func fixed(_ x: Double, _ digits: Int) -> String {
    let scale = pow10(digits)
    return String(Double((x * scale).rounded()) / scale)
}

private func pow10(_ n: Int) -> Double { (0..<max(n, 0)).reduce(1.0) { r, _ in r * 10 } }
