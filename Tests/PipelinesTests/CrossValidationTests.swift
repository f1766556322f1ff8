import Foundation
import LinearModels
import ModelMetrics
import Pipelines
import Tabular
import Testing

/// Options that train on the fixture's five columns of the bundled customer file.
private func fixtureOptions(_ table: Table) -> TrainingOptions {
    let ignored = table.columns.map(\.name).filter { !fixtureFeatures.contains($0) && $0 != "churned" }
    return TrainingOptions(target: "churned", ignoredColumns: ignored)
}

/// The default logistic learner (l2 = 1, gradient tolerance 1e-6, as the CLI trains it).
private let defaultLogistic = ModelSpecification.logisticRegression(LogisticRegression())
/// The same learner solved to rounding (scikit-learn's side uses newton-cholesky at tol 1e-12):
/// isotonic calibration is a step function of the scores, so a 1e-9 comparison of its output
/// needs scores equal to far better than 1e-9.
private let exactLogistic = ModelSpecification.logisticRegression(LogisticRegression(tolerance: 1e-12))

@Test func foldsFollowTheDocumentedSeededAlgorithm() throws {
    let table = try Table(csvAt: bundledCustomers)
    let fixture = try CrossValidationFixture.load()
    let result = try CrossValidation(folds: 5, seed: 42).validate(table, options: fixtureOptions(table), model: defaultLogistic)
    #expect(result.rows == Array(0..<table.rowCount))
    #expect(result.foldOfRow == fixture.folds)
}

@Test func perFoldMetricsEqualScikitLearnCrossValidate() throws {
    let table = try Table(csvAt: bundledCustomers)
    let fixture = try CrossValidationFixture.load()
    let result = try CrossValidation(folds: 5, seed: 42).validate(table, options: fixtureOptions(table), model: defaultLogistic)
    let ours: [String: [Double]] = [
        "auc": result.folds.map(\.auc), "logLoss": result.folds.map(\.logLoss), "brier": result.folds.map(\.brier),
        "averagePrecision": result.folds.map(\.averagePrecision),
    ]
    for (name, reference) in fixture.perFold {
        let values = try #require(ours[name])
        for (fold, (a, b)) in zip(values, reference).enumerated() {
            #expect(abs(a - b) <= 1e-9, "\(name), fold \(fold + 1): \(a) vs scikit-learn \(b)")
        }
        let mean = reference.reduce(0, +) / Double(reference.count)
        #expect(abs((result.metric(name)?.mean ?? .nan) - mean) <= 1e-9, "\(name) mean")
    }
    // At the default tolerance the coefficients are within about 1e-8 of the optimum.
    for (row, (a, b)) in zip(result.outOfFoldCalibrationScores, fixture.outOfFoldLogits).enumerated() where abs(a - b) > 1e-7 {
        Issue.record("out-of-fold logit of row \(row): \(a) vs scikit-learn \(b)")
        break
    }
}

/// The largest difference between ChurnKit's calibrated probabilities on every row of the
/// bundled file (5 folds, seed 42, logistic solved to rounding) and CalibratedClassifierCV's.
private func largestCalibrationDifference(_ method: CalibrationMethod) throws -> (worst: Double, pipeline: FittedPipeline) {
    let table = try Table(csvAt: bundledCustomers)
    let fixture = try CrossValidationFixture.load()
    var options = fixtureOptions(table)
    options.testFraction = 0
    let trained = try PipelineTrainer(options: options).train(table, model: exactLogistic)
    let (calibrated, _) = try CrossValidation(folds: 5, seed: 42).calibrate(
        trained.pipeline, method: method, table: table, options: options, model: exactLogistic)
    let probabilities = try calibrated.probabilities(for: table).probabilities
    let reference = try #require(fixture.calibrated[method.rawValue])
    return (zip(probabilities, reference).map { abs($0 - $1) }.max() ?? .nan, calibrated)
}

@Test func isotonicCalibrationEqualsCalibratedClassifierCV() throws {
    let (worst, calibrated) = try largestCalibrationDifference(.isotonic)
    #expect(worst <= 1e-9, "largest difference from CalibratedClassifierCV(isotonic): \(worst)")
    #expect(calibrated.calibrator?.method == .isotonic)
}

@Test func sigmoidCalibrationMatchesCalibratedClassifierCV() throws {
    // scikit-learn stops L-BFGS-B at a gradient of 1e-6; ChurnKit solves to the optimum.
    let (worst, _) = try largestCalibrationDifference(.sigmoid)
    #expect(worst <= 1e-5, "largest difference from CalibratedClassifierCV(sigmoid): \(worst)")
}

@Test func calibratedPipelineRoundTripsThroughItsFile() throws {
    let table = try Table(csvAt: bundledCustomers)
    let options = fixtureOptions(table)
    let trained = try PipelineTrainer(options: TrainingOptions(
        target: options.target, ignoredColumns: options.ignoredColumns, testFraction: 0)).train(table, model: defaultLogistic)
    let (calibrated, _) = try CrossValidation(folds: 3, seed: 7).calibrate(
        trained.pipeline, method: .isotonic, table: table, options: options, model: defaultLogistic)
    let loaded = try FittedPipeline.decode(try calibrated.jsonData())
    #expect(loaded == calibrated)
    let before = try calibrated.probabilities(for: table).probabilities
    let after = try loaded.probabilities(for: table).probabilities
    #expect(before == after)
    // Risk deciles are cut on the calibrated scale: about a tenth of the rows in the top decile.
    let top = before.filter { calibrated.riskDecile(of: $0) == 1 }.count
    #expect(top >= table.rowCount / 20 && top <= table.rowCount / 5, "top decile holds \(top) rows")
}

@Test func crossValidationRefusesOneFoldAndTooFewRowsPerClass() throws {
    let table = try Table(csvAt: bundledCustomers)
    #expect(throws: PipelineError.self) {
        try CrossValidation(folds: 1).validate(table, options: fixtureOptions(table), model: defaultLogistic)
    }
    #expect(throws: TabularError.self) {
        try CrossValidation(folds: 10).validate(
            table.selecting(rows: Array(0..<12)), options: fixtureOptions(table), model: defaultLogistic)
    }
}
