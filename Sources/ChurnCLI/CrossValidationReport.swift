import ChurnKit

/// Cross-validated metrics as `churn train --cv` and `churn tune` print them.
struct CrossValidationReport: Encodable {
    let folds: Int
    let seed: UInt64
    let metrics: [CrossValidationMetric]
    let perFold: [CrossValidationFold]

    init(_ result: CrossValidationResult, seed: UInt64) {
        folds = result.folds.count
        self.seed = seed
        metrics = result.metrics
        perFold = result.folds
    }

    /// "5-fold cross-validation (seed 42): AUC 0.8412 ± 0.0102, ..." and a table per fold.
    var text: String {
        let summary = metrics.map { "\(metricLabel($0.name)) \(formatted($0.mean)) ± \(formatted($0.standardDeviation))" }
        var table = TextTable(
            headers: ["fold", "train", "test", "AUC", "avg precision", "log loss", "Brier"],
            alignments: [.right, .right, .right, .right, .right, .right, .right])
        for fold in perFold {
            table.append([
                String(fold.fold), String(fold.trainRows), String(fold.testRows), formatted(fold.auc),
                formatted(fold.averagePrecision), formatted(fold.logLoss), formatted(fold.brier),
            ])
        }
        return "\(folds)-fold stratified cross-validation (seed \(seed); mean ± standard deviation over folds): "
            + summary.joined(separator: ", ") + "\n" + table.render()
    }
}

/// The label of a cross-validation metric in text output.
func metricLabel(_ name: String) -> String {
    switch name {
    case "auc": return "AUC"
    case "averagePrecision": return "average precision"
    case "logLoss": return "log loss"
    case "brier": return "Brier"
    default: return name
    }
}
