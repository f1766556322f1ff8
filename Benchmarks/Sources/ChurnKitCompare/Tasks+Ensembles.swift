import ChurnKit
import Foundation

/// The training and hold-out rows of an ensemble task: the first TRAIN of FILEROWS rows train.
private struct EnsembleData {
    var xTrain: Matrix
    var yTrain: [Bool]
    var xTest: Matrix
    var yTest: [Bool]

    /// Reads `X.f64 Y.u8 FILEROWS D TRAIN` (the first five arguments).
    init(_ arguments: [String]) throws {
        guard arguments.count >= 5, let fileRows = Int(arguments[2]), let d = Int(arguments[3]),
            let train = Int(arguments[4]), train < fileRows
        else { throw CompareUsageError(description: "expected X.f64 Y.u8 FILEROWS D TRAIN ...") }
        let values = try readDoubles(arguments[0], count: fileRows * d)
        let labels = try Data(contentsOf: URL(fileURLWithPath: arguments[1])).map { $0 != 0 }
        guard labels.count == fileRows else {
            throw CompareUsageError(description: "\(arguments[1]) holds \(labels.count) labels, expected \(fileRows)")
        }
        xTrain = try Matrix(rows: train, columns: d, values: Array(values[0..<(train * d)]))
        xTest = try Matrix(rows: fileRows - train, columns: d, values: Array(values[(train * d)...]))
        yTrain = Array(labels[0..<train])
        yTest = Array(labels[train...])
    }
}

/// A value of /proc/self/status in MB (`VmRSS`, `VmHWM`), or nil where there is none.
private func processStatusMB(_ key: String) -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
        let fields = line.split(separator: " ")
        if fields.count >= 2, let kb = Double(fields[1]) { return kb / 1024 }
    }
    return nil
}

/// Resets the peak resident set (Linux `clear_refs`) and returns a function giving the peak since
/// then minus the resident set now, in MB (as the Python side's `churn_like.peak_tracker`).
private func peakTracker() -> () -> Double? {
    guard (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil,
        let before = processStatusMB("VmRSS")
    else { return { nil } }
    return { processStatusMB("VmHWM").map { (($0 - before) * 10).rounded() / 10 } }
}

/// The booster of `gbdt.*`: `... ROUNDS LR LEAVES MINLEAF` (arguments 5 to 8), no depth limit,
/// Hessian sum 1e-3 per leaf, 255 bins, no L1/L2, no subsampling.
private func booster(_ arguments: [String]) throws -> GradientBoostingClassifier {
    guard arguments.count == 9, let rounds = Int(arguments[5]), let learningRate = Double(arguments[6]),
        let leaves = Int(arguments[7]), let minLeaf = Int(arguments[8])
    else { throw CompareUsageError(description: "expected X.f64 Y.u8 FILEROWS D TRAIN ROUNDS LR LEAVES MINLEAF") }
    return GradientBoostingClassifier(
        rounds: rounds, learningRate: learningRate, maxLeaves: leaves, minSamplesLeaf: minLeaf, minSumHessian: 1e-3,
        l2: 0, maxBins: 255)
}

/// Rounds to `digits` decimals for the report.
private func rounded(_ value: Double, _ digits: Double) -> Double {
    let scale = pow(10, digits)
    return (value * scale).rounded() / scale
}

/// `gbdt.fit X.f64 Y.u8 FILEROWS D TRAIN ROUNDS LR LEAVES MINLEAF`: fits on the first TRAIN rows
/// (timed: input checks, binning and every round), then reports the hold-out AUC and log loss,
/// the fit's CPU seconds and its peak resident memory above the resident memory before it.
private let gbdtFit: CompareTask = { arguments in
    let data = try EnsembleData(arguments)
    let trainer = try booster(arguments)
    return try measuredFit(on: data, logLoss: true) {
        let model = try trainer.fit(data.xTrain, data.yTrain)
        return (model, model.trees.count)
    }
}

/// Times `fit` (wall and CPU seconds, peak resident memory above the memory before it), then
/// scores the hold-out rows: AUC, log loss when asked, and the number of trees.
private func measuredFit<Model: BinaryClassifier>(
    on data: EnsembleData, logLoss withLogLoss: Bool, _ fit: () throws -> (Model, trees: Int)
) throws -> CompareResult {
    let peak = peakTracker()
    let cpuStart = processCPUSeconds()
    let ((model, trees), seconds) = try timed { try fit() }
    let cpuSeconds = processCPUSeconds() - cpuStart
    let extraMB = peak()
    let p = try model.predictProbabilities(data.xTest)
    var extra: [String: Any] = [
        "auc": rounded(try rocAUC(labels: data.yTest, scores: p), 5), "fitCPUSeconds": rounded(cpuSeconds, 2), "trees": trees,
    ]
    if withLogLoss { extra["logLoss"] = rounded(try logLoss(labels: data.yTest, scores: p), 6) }
    if let extraMB { extra["fitPeakExtraMB"] = extraMB }
    return CompareResult(seconds: seconds, extra: extra)
}

/// `gbdt.predict` (the arguments of `gbdt.fit`): fits (not timed), predicts the TRAIN rows once
/// untimed, then times one prediction of the probabilities of the TRAIN rows.
private let gbdtPredict: CompareTask = { arguments in
    let data = try EnsembleData(arguments)
    let model = try booster(arguments).fit(data.xTrain, data.yTrain)
    _ = try model.predictProbabilities(data.xTrain)
    let (p, seconds) = try timed { try model.predictProbabilities(data.xTrain) }
    return CompareResult(seconds: seconds, extra: ["meanProbability": rounded(p.reduce(0, +) / Double(p.count), 6)])
}

/// `gbdt.shap` (the arguments of `gbdt.fit`, then ROWS): fits (not timed), then times the exact
/// path-dependent TreeSHAP values of the margin for the first ROWS hold-out rows (one untimed
/// warm-up on 100 rows first); reports the largest |sum of contributions + expected value - margin|.
private let gbdtSHAP: CompareTask = { arguments in
    guard arguments.count == 10, let rows = Int(arguments[9]) else {
        throw CompareUsageError(description: "expected X.f64 Y.u8 FILEROWS D TRAIN ROUNDS LR LEAVES MINLEAF ROWS")
    }
    let data = try EnsembleData(arguments)
    let model = try booster(Array(arguments.prefix(9))).fit(data.xTrain, data.yTrain)
    let n = min(rows, data.xTest.rows)
    let x = try data.xTest.keepingRows(Array(0..<n))
    _ = try model.shapValues(try x.keepingRows(Array(0..<min(100, n))))
    let (shap, seconds) = try timed { try model.shapValues(x) }
    let margins = try model.margins(x)
    var worst = 0.0
    for i in 0..<n {
        let total = shap.contributions.row(i).reduce(shap.expectedValue, +)
        worst = max(worst, abs(total - margins[i]))
    }
    return CompareResult(seconds: seconds, extra: ["rows": n, "maxAdditivityError": worst])
}

/// `forest.fit X.f64 Y.u8 FILEROWS D TRAIN TREES DEPTH`: fits a forest of TREES trees of depth at
/// most DEPTH (sqrt features per split, bootstrap) on the first TRAIN rows (timed, binning
/// included), then reports the hold-out AUC, the fit's CPU seconds and peak extra memory.
private let forestFit: CompareTask = { arguments in
    let data = try EnsembleData(arguments)
    guard arguments.count == 7, let trees = Int(arguments[5]), let depth = Int(arguments[6]) else {
        throw CompareUsageError(description: "expected X.f64 Y.u8 FILEROWS D TRAIN TREES DEPTH")
    }
    let trainer = RandomForestClassifier(trees: trees, maxDepth: depth, minSamplesLeaf: 1, featuresPerSplit: .sqrt)
    return try measuredFit(on: data, logLoss: false) {
        let model = try trainer.fit(data.xTrain, data.yTrain)
        return (model, model.trees.count)
    }
}

/// Comparison tasks of the Ensembles module, by name.
let ensembleTasks: [String: CompareTask] = [
    "gbdt.fit": gbdtFit,
    "gbdt.predict": gbdtPredict,
    "gbdt.shap": gbdtSHAP,
    "forest.fit": forestFit,
]
