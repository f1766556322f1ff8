import Ensembles
import Foundation
import Tabular
import Testing
@testable import Pipelines

/// A boosted model trains in a pipeline (native encoding), reports its hold-out learning curve,
/// whose last point is the hold-out log loss, and round-trips through the model file as "gbdt".
@Test func boostedPipelineReportsItsLearningCurveAndRoundTrips() throws {
    let table = try Table(csvAt: bundledTelecomCustomers)
    let options = TrainingOptions(target: "churned", testFraction: 0.2, seed: 1)
    let result = try PipelineTrainer(options: options).train(
        table, model: ModelSpecification(GradientBoostingClassifier(rounds: 15, maxLeaves: 8)))
    let curve = try #require(result.learningCurve)
    #expect(curve.count == 15)
    #expect(abs((curve.last ?? 0) - (result.holdout?.logLoss ?? 0)) < 1e-9)
    #expect(result.pipeline.model.kind == "gbdt")
    #expect(result.featureImportances?.isEmpty == false)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gbdt-\(UUID().uuidString).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try result.pipeline.write(to: path, replacing: false)
    let loaded = try FittedPipeline.load(from: path)
    #expect(loaded.model == result.pipeline.model)
    #expect(try loaded.probabilities(for: table).probabilities == (try result.pipeline.probabilities(for: table).probabilities))
}

@Test func forestPipelineRoundTripsAsForest() throws {
    let table = try Table(csvAt: bundledTelecomCustomers)
    let result = try PipelineTrainer(options: TrainingOptions(target: "churned", testFraction: 0.2)).train(
        table, model: ModelSpecification(RandomForestClassifier(trees: 10, maxDepth: 6)))
    #expect(result.pipeline.model.kind == "forest")
    #expect(result.learningCurve == nil)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("forest-\(UUID().uuidString).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try result.pipeline.write(to: path, replacing: false)
    #expect(try FittedPipeline.load(from: path).model == result.pipeline.model)
}
