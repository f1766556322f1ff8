import ChurnKit
import Foundation
import Testing
@testable import ChurnCLI

@Suite struct ExperimentUpliftEvaluateCommandTests {
    struct Targeting: Decodable { let targeted: Int; let retainedByUplift: Double; let retainedAtRandom: Double; let retainedByRisk: Double? }
    struct Percentile: Decodable { let percentile: Int; let uplift: Double; let upliftStandardError: Double }
    struct Output: Decodable {
        let qiniCoefficient: Double, upliftAUC: Double, auuc: Double, normalisation: String
        let upliftAtKOverall: Double, upliftAtKByGroup: Double
        let percentiles: [Percentile]
        let targeting: Targeting
    }

    @Test func trainEvaluateRoundTripBeatsRandomTargeting() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let train = directory + "/train.csv", test = directory + "/test.csv", model = directory + "/uplift.json"
        try writeUpliftSample(rows: 3000, seed: 21, to: train)
        try writeUpliftSample(rows: 3000, seed: 22, to: test)
        _ = try ExperimentUpliftTrainCommand.parse([
            train, "--treatment", "group", "--control", "none", "--outcome", "churned", "--churn-outcome", "--features", "x1", "region", "--out", model,
        ]).makeOutput()
        // --treatment, --control, --outcome and --churn-outcome default to the model's.
        let json = try ExperimentUpliftEvaluateCommand.parse([model, test, "--risk-column", "risk", "--format", "json"]).makeOutput()
        let output = try JSONDecoder().decode(Output.self, from: Data(json.utf8))
        // Reference: the library's metrics on the model's scores.
        let table = try Table(csvAt: test)
        let treated = try ExperimentColumns.texts(table, "group", file: test).map { $0 != "none" }
        let retained = try ExperimentColumns.flags(table, "churned", file: test).map { !$0 }
        let scores = try FittedUpliftModel.load(from: model).predict(table)
        let reference = try UpliftEvaluation(outcome: retained, treatment: treated, scores: scores)
        #expect(abs(output.qiniCoefficient - reference.qiniCoefficient) < 1e-12 && output.auuc == output.upliftAUC)
        #expect(abs(output.upliftAUC - reference.upliftAUC) < 1e-12)
        #expect(abs(output.upliftAtKByGroup - (try reference.upliftAtK(fraction: 0.3, strategy: .byGroup))) < 1e-12)
        #expect(output.percentiles.count == 10 && output.percentiles.allSatisfy { $0.upliftStandardError > 0 })
        #expect(output.normalisation.contains("(model - random) / (perfect - random)"))
        // The simulation's truth: uplift targeting keeps about 0.19 × 900 customers, random 0.05 × 900,
        // risk targeting (sleeping dogs first) loses about 0.09 × 900.
        // The perfect Qini curve ranks individual outcomes, so even the true effect scores far below 1
        // (about 0.075 here); a random score would be near 0.
        #expect(output.qiniCoefficient > 0.03)
        #expect(output.targeting.targeted == 900)
        #expect(output.targeting.retainedByUplift > output.targeting.retainedAtRandom + 50)
        #expect(try #require(output.targeting.retainedByRisk) < output.targeting.retainedAtRandom)
        #expect(output.percentiles[0].uplift > 0.1 && output.percentiles[9].uplift < 0)
        let text = try ExperimentUpliftEvaluateCommand.parse([model, test]).makeOutput()
        #expect(text.contains("Qini coefficient") && text.contains("by uplift") && !text.contains("by churn risk"))
    }

    @Test func evaluatesAScoreColumnLikeTheLibrary() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/scores.csv"
        var random = SeededRandom(seed: 3)
        var lines = ["group,churned,uplift"]
        var churned: [Bool] = [], treated: [Bool] = [], scores: [Double] = []
        for _ in 0..<400 {
            let t = random.nextUnitDouble() < 0.5, s = random.nextUnitDouble()
            let c = random.nextUnitDouble() < (t ? 0.3 - 0.2 * s : 0.3)
            churned.append(c); treated.append(t); scores.append(s)
            lines.append("\(t ? "call" : "none"),\(c ? 1 : 0),\(s)")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let json = try ExperimentUpliftEvaluateCommand.parse([
            path, "--score-column", "uplift", "--outcome", "churned", "--churn-outcome", "--treatment", "group", "--control", "none", "--format", "json",
        ]).makeOutput()
        let result = try JSONDecoder().decode(Output.self, from: Data(json.utf8))
        let reference = try UpliftEvaluation(outcome: churned.map { !$0 }, treatment: treated, scores: scores)
        #expect(abs(result.qiniCoefficient - reference.qiniCoefficient) < 1e-12)
        #expect(abs(result.upliftAUC - reference.upliftAUC) < 1e-12)
        #expect(abs(result.upliftAtKOverall - (try reference.upliftAtK(fraction: 0.3, strategy: .overall))) < 1e-12)
        #expect(result.targeting.retainedByRisk == nil)
    }

    @Test func corruptOrNewerModelFilesGiveClearErrors() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let data = directory + "/data.csv"
        try writeUpliftSample(rows: 50, seed: 8, to: data)
        func message(_ model: String) -> String {
            do { _ = try ExperimentUpliftEvaluateCommand.parse([model, data, "--treatment", "group", "--control", "none", "--outcome", "churned"]).makeOutput() }
            catch { return "\(error)" }
            return ""
        }
        let corrupt = try write("{\"format\": \"churnkit-uplift-model\", \"vers", named: "corrupt.json", in: URL(fileURLWithPath: directory))
        #expect(message(corrupt).contains("not a readable uplift model file"))
        let newer = try write("{\"format\": \"churnkit-uplift-model\", \"version\": 99, \"model\": {}}", named: "newer.json", in: URL(fileURLWithPath: directory))
        #expect(message(newer).contains("format version 99 was written by another ChurnKit"))
        let pipeline = try write("{\"format\": \"churnkit-pipeline\", \"version\": 1}", named: "pipeline.json", in: URL(fileURLWithPath: directory))
        #expect(message(pipeline).contains("not a ChurnKit uplift model"))
    }

    @Test func badFlagsAreRejected() {
        for flags in [
            ["f.csv"], ["u.json", "f.csv", "g.csv"], ["f.csv", "--score-column", "s", "--treatment", "t"],
            ["u.json", "f.csv", "--k", "1.5"], ["u.json", "f.csv", "--risk-column", "r", "--churn-model", "m.json"],
            ["u.json", "f.csv", "--bins", "0"],
        ] {
            #expect(throws: (any Error).self) { try ExperimentUpliftEvaluateCommand.parse(flags) }
        }
    }
}

/// A model trained on churn itself (no --churn-outcome) predicts the uplift in churn; evaluated for
/// retention it must be ranked by minus its uplift (the notebook's Qini of -0.0055 was this sign).
@Suite struct UpliftEvaluateDirectionTests {
    struct Output: Decodable { let qiniCoefficient: Double; let scoreDirection: String?; let response: String }

    @Test func aChurnModelEvaluatedForRetentionIsNegated() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let train = directory + "/train.csv", test = directory + "/test.csv"
        let churnModel = directory + "/churn-uplift.json", retentionModel = directory + "/retention-uplift.json"
        try writeUpliftSample(rows: 3000, seed: 21, to: train)
        try writeUpliftSample(rows: 3000, seed: 22, to: test)
        let common = ["--treatment", "group", "--control", "none", "--outcome", "churned", "--features", "x1", "region"]
        _ = try ExperimentUpliftTrainCommand.parse([train] + common + ["--out", churnModel]).makeOutput()
        _ = try ExperimentUpliftTrainCommand.parse([train] + common + ["--churn-outcome", "--out", retentionModel]).makeOutput()
        let evaluate = { (model: String) throws -> Output in
            let json = try ExperimentUpliftEvaluateCommand.parse([model, test, "--churn-outcome", "--format", "json"]).makeOutput()
            return try JSONDecoder().decode(Output.self, from: Data(json.utf8))
        }
        let negated = try evaluate(churnModel), direct = try evaluate(retentionModel)
        // Logistic fits on flipped labels have negated coefficients, so the two rankings agree.
        #expect(abs(negated.qiniCoefficient - direct.qiniCoefficient) < 1e-6)
        #expect(negated.qiniCoefficient > 0.03)
        #expect(negated.response == "retained (not churned)" && direct.response == negated.response)
        #expect(negated.scoreDirection?.contains("minus its uplift") == true && direct.scoreDirection == nil)
        // Without --churn-outcome the churn model is evaluated on churn as trained: no negation.
        let json = try ExperimentUpliftEvaluateCommand.parse([churnModel, test, "--format", "json"]).makeOutput()
        let raw = try JSONDecoder().decode(Output.self, from: Data(json.utf8))
        #expect(raw.scoreDirection == nil && raw.response == "churned")
        #expect(isChurnLike("churned") && isChurnLike("Cancelled") && !isChurnLike("conversion"))
    }
}
