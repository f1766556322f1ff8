import Foundation
import ChurnKit
import Testing
@testable import ChurnCLI

@Test func tuneRanksTheGridByCrossValidatedAUCAndSavesTheRefittedBest() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = bundledDatasets + "/telecom-customers.csv"
    let model = dir.appendingPathComponent("best.json").path
    let report = try jsonObject(try TuneCommand.parse(
        [data, "--target", "churned", "--param", "l2=0.01,100", "--cv", "3", "--out", model, "--format", "json"])
        .makeOutput())
    let candidates = try #require(report["candidates"] as? [[String: Any]])
    #expect(candidates.count == 2)
    let scores = candidates.compactMap { $0["score"] as? Double }
    #expect(scores.count == 2 && scores == scores.sorted(by: >))
    #expect(report["refitRows"] as? Int == 5000)
    // The saved model is the best candidate refitted on every row: its penalty is the winner's.
    let best = try #require((candidates.first?["settings"] as? [[String: Any]])?.first?["value"] as? String)
    let pipeline = try FittedPipeline.load(from: model)
    let fitted = try #require(pipeline.model.classifier as? LogisticRegressionModel, "expected a logistic model, got \(pipeline.model.kind)")
    #expect(fitted.l2 == Double(best))
    #expect(pipeline.training?.fittedRows == 5000)
}
