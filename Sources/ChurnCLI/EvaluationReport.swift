import ChurnKit

/// Hold-out or evaluation metrics as `churn train` and `churn evaluate` print them.
struct EvaluationReport: Encodable {
    /// One decile of the lift table.
    struct Decile: Encodable {
        let decile: Int
        let rows: Int
        let positives: Double
        let rate: Double
        let lift: Double
        let cumulativeGain: Double
        let cumulativeLift: Double
    }

    let rows: Int
    let positives: Double
    let positiveRate: Double
    let auc: Double
    let averagePrecision: Double
    let logLoss: Double?
    let brier: Double?
    let lift: [Decile]
    /// The calibration table and Brier decomposition (`churn evaluate`, `churn train`'s hold-out), nil elsewhere.
    var calibration: CalibrationReport?
    /// The ROC curve's points (`churn evaluate`, `churn train`'s hold-out), nil elsewhere.
    var roc: ROCPoints?

    /// The points of a ROC curve (scikit-learn's `roc_curve` with collinear points dropped),
    /// without its thresholds, whose first is +infinity and has no JSON number.
    struct ROCPoints: Encodable {
        let falsePositiveRates: [Double]
        let truePositiveRates: [Double]

        init(_ curve: ROCCurve) {
            falsePositiveRates = curve.falsePositiveRates
            truePositiveRates = curve.truePositiveRates
        }
    }

    init(_ report: BinaryClassificationReport) {
        rows = report.rows
        positives = report.positives
        positiveRate = report.positiveRate
        auc = report.auc
        averagePrecision = report.averagePrecision
        logLoss = report.logLoss
        brier = report.brier
        lift = report.lift.map {
            Decile(decile: $0.group, rows: $0.rows, positives: $0.positives, rate: $0.rate, lift: $0.lift,
                   cumulativeGain: $0.cumulativeGain, cumulativeLift: $0.cumulativeLift)
        }
    }

    /// Adds the ROC curve's points and the calibration table (`binCount` bins by `strategy`) of
    /// `labels` and `scores`, the rows this report describes.
    /// - Throws: `ModelMetricsError` for scores that are not probabilities or labels of one class.
    mutating func addCurves(labels: [Bool], scores: [Double], binCount: Int = 10, strategy: CalibrationStrategy = .quantile) throws {
        calibration = CalibrationReport(try BrierDecomposition(labels: labels, scores: scores, binCount: binCount, strategy: strategy))
        roc = .init(try ROCCurve(labels: labels, scores: scores))
    }

    /// The metrics and the decile table as text.
    func text(title: String) -> String {
        var line = "\(title): \(rows) rows, churn rate \(formatted(positiveRate)); AUC \(formatted(auc)), "
            + "average precision \(formatted(averagePrecision))"
        if let logLoss { line += ", log loss \(formatted(logLoss))" }
        if let brier { line += ", Brier \(formatted(brier))" }
        var table = TextTable(
            headers: ["decile", "customers", "churners", "rate", "lift", "cum. gain"],
            alignments: [.right, .right, .right, .right, .right, .right])
        for d in lift {
            table.append([String(d.decile), String(d.rows), formatted(d.positives), formatted(d.rate),
                          formatted(d.lift, digits: 3), formatted(100 * d.cumulativeGain, digits: 3) + "%"])
        }
        return line + "\n" + table.render()
    }
}
