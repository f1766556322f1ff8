// A classifier written outside ChurnKit joins a pipeline, cross-validation, calibration and an
// uplift model through the public API only (no @testable import): the model protocols' contract.
import Experiments
import LinearAlgebra
import ModelMetrics
import ModelProtocols
import Pipelines
import Tabular
import Testing

/// The user's trainer: the (weighted) rate of positives, whatever the features.
private struct BaseRate: BinaryClassifierTrainer {
    func fit(_ x: Matrix, _ y: [Bool], features: [FeatureDescription]?, sampleWeights: [Double]?) throws -> BaseRateModel {
        let weights = sampleWeights ?? Array(repeating: 1, count: y.count)
        return BaseRateModel(featureCount: x.columns, rate: zip(y, weights).reduce(0) { $0 + ($1.0 ? $1.1 : 0) } / weights.reduce(0, +))
    }
}

/// The user's fitted model: the same probability for every row.
private struct BaseRateModel: PersistableClassifier {
    static let kind: ModelKind = "base-rate"
    let featureCount: Int
    let rate: Double
    func predictProbabilities(_ x: Matrix) throws -> [Double] { Array(repeating: rate, count: x.rows) }
}

/// 48 customers: a numeric and a categorical feature, treatment in every other row (24 rows per
/// group), churn in 12 of the 24 treated and 8 of the 24 control rows.
private func customers() throws -> (table: Table, churned: [Bool], treated: [Bool]) {
    let rows = 0..<48
    let churned = rows.map { $0 % 4 == 0 || $0 % 6 == 1 }, treated = rows.map { $0 % 2 == 0 }
    let table = try Table(columns: [
        Column(name: "tenure", numeric: rows.map { Double($0 % 7) }),
        Column(name: "plan", labels: rows.map { ["a", "b", "c"][$0 % 5 % 3] }),
        Column(name: "churned", labels: churned.map { $0 ? "Yes" : "No" }),
    ])
    return (table, churned, treated)
}

private func rate(_ labels: [Bool]) -> Double { Double(labels.filter { $0 }.count) / Double(labels.count) }

@Test func aUserClassifierTrainsAPipelineThatScoresItsBaseRate() throws {
    let (table, churned, _) = try customers()
    let result = try PipelineTrainer(options: TrainingOptions(target: "churned", testFraction: 0.25))
        .train(table, model: ModelSpecification(BaseRate()))
    #expect(result.pipeline.model.kind == "base-rate")
    #expect(result.pipeline.model.classifier?.featureCount == result.pipeline.encoder.featureCount)
    #expect(result.holdout?.auc == 0.5)  // constant scores rank nothing
    // Refitted on every row: the probability is the rate of churn over the whole table.
    for p in try result.pipeline.probabilities(for: table).probabilities { #expect(abs(p - rate(churned)) < 1e-15) }
}

@Test func aUserClassifierIsCrossValidatedAndCalibratedOnOutOfFoldScores() throws {
    let (table, _, _) = try customers()
    let options = TrainingOptions(target: "churned")
    let plan = CrossValidation(folds: 4, seed: 3)
    let validation = try plan.validate(table, options: options, model: ModelSpecification(BaseRate()))
    // Each row's out-of-fold probability is the churn rate of the other folds' rows.
    for (position, fold) in validation.foldOfRow.enumerated() {
        let others = validation.labels.indices.filter { validation.foldOfRow[$0] != fold }.map { validation.labels[$0] }
        #expect(abs(validation.outOfFoldProbabilities[position] - rate(others)) < 1e-15)
        #expect(validation.outOfFoldCalibrationScores[position] == validation.outOfFoldProbabilities[position])
    }
    // Stratified folds give every fold the same rate (5 of the 20 churners in each 12 rows), so the isotonic map of
    // the one tied score is the mean label: the overall rate.
    let pipeline = try PipelineTrainer(options: TrainingOptions(target: "churned", testFraction: 0))
        .train(table, model: ModelSpecification(BaseRate())).pipeline
    let calibrated = try plan.calibrate(pipeline, method: .isotonic, table: table, options: options, model: ModelSpecification(BaseRate()))
    for p in try calibrated.pipeline.probabilities(for: table).probabilities { #expect(abs(p - rate(validation.labels)) < 1e-12) }
}

@Test func aUserClassifierMakesBothUpliftModelsGiveTheDifferenceOfGroupRates() throws {
    let (table, churned, treated) = try customers()
    let retained = churned.map { !$0 }
    let columns = UpliftTrainingColumns(treatment: "treated", controlLabel: nil, outcome: "churned", churnOutcome: true)
    let expected = rate(retained.indices.filter { treated[$0] }.map { retained[$0] })
        - rate(retained.indices.filter { !treated[$0] }.map { retained[$0] })
    for method in UpliftMethod.allCases {
        // Equal groups: no resampling, and 2·P(z) − 1 = r_treated − r_control for class transformation.
        let model = try FittedUpliftModel.fit(
            table, excluding: ["churned"], response: retained, treatment: treated, columns: columns, method: method,
            learner: ModelSpecification(BaseRate()))
        #expect(model.treatedModel.kind == "base-rate")
        for uplift in try model.predict(table) { #expect(abs(uplift - expected) < 1e-12, "\(method)") }
    }
}
