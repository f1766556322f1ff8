import Foundation
import ChurnKit
import Testing
@testable import ChurnCLI

@Test func trainEvaluateAndScoreRoundTrip() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = bundledDatasets + "/telecom-customers.csv"
    let model = dir.appendingPathComponent("model.json").path
    let trained = try jsonObject(try TrainCommand.parse(
        [data, "--target", "churned", "--l2", "0", "--out", model, "--format", "json"]).makeOutput())
    #expect(trained["trainRows"] as? Int == 4000)
    #expect(trained["testRows"] as? Int == 1000)
    #expect(trained["idColumn"] as? String == "customer_id")
    let coefficients = try #require(trained["coefficients"] as? [[String: Any]])
    let first = try #require(coefficients.first)
    for key in ["feature", "estimate", "standardError", "z", "pValue", "lower", "upper", "oddsRatio"] {
        #expect(first[key] != nil, "missing key \(key)")
    }
    let zs = coefficients.dropLast().compactMap { $0["z"] as? Double }.map(abs)
    #expect(zs == zs.sorted(by: >))
    #expect(coefficients.contains { $0["feature"] as? String == "tenure_months" })

    let evaluated = try jsonObject(try EvaluateCommand.parse([model, data, "--format", "json"]).makeOutput())
    #expect(evaluated["rows"] as? Int == 5000)
    let auc = try #require(evaluated["auc"] as? Double)
    #expect(auc > 0.75 && auc < 0.9)
    let lift = try #require(evaluated["lift"] as? [[String: Any]])
    #expect(lift.count == 10)
    #expect(lift.last?["cumulativeGain"] as? Double == 1)
    for key in ["logLoss", "brier", "averagePrecision"] { #expect(evaluated[key] is Double) }

    let scores = dir.appendingPathComponent("scores.csv").path
    let scored = try jsonObject(try ScoreCommand.parse([model, data, "--out", scores, "--chunk-rows", "700", "--format", "json"])
        .makeOutput())
    #expect(scored["rows"] as? Int == 5000)
    let lines = try String(contentsOfFile: scores, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 5001)
    #expect(lines[0] == "customer_id,churn_probability,risk_decile")
    #expect(lines[1].hasPrefix("C100000,"))
}

@Test func trainReportsTargetProblemsClearly() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = dir.appendingPathComponent("m.json").path
    let single = try write("x,y\n1,Yes\n2,Yes\n3,Yes\n", named: "single.csv", in: dir)
    #expect {
        try TrainCommand.parse([single, "--target", "y", "--out", model]).makeOutput()
    } throws: { "\($0)".contains("only one class") }
    #expect {
        try TrainCommand.parse([single, "--target", "churn", "--out", model]).makeOutput()
    } throws: { "\($0)".contains("no column \"churn\"") }
    let multi = try write("x,plan\n1,gold\n2,silver\n3,bronze\n4,gold\n", named: "multi.csv", in: dir)
    #expect {
        try TrainCommand.parse([multi, "--target", "plan", "--out", model]).makeOutput()
    } throws: { "\($0)".contains("--positive") }
    #expect(!FileManager.default.fileExists(atPath: model))
}

@Test func scoringAFileWithoutAModelColumnNamesIt() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = dir.appendingPathComponent("m.json").path
    _ = try TrainCommand.parse([bundledDatasets + "/telecom-customers.csv", "--target", "churned", "--out", model]).makeOutput()
    let partial = try write("customer_id,age\nC1,40\n", named: "partial.csv", in: dir)
    let out = dir.appendingPathComponent("s.csv").path
    #expect {
        try ScoreCommand.parse([model, partial, "--out", out]).makeOutput()
    } throws: { "\($0)".contains("no column \"tenure_months\"") || "\($0)".contains("tenure_months") }
    #expect(!FileManager.default.fileExists(atPath: out))
    let corrupt = try write("{\"format\": \"churnkit-pipeline\", \"version\": 1, \"pipeline\": {}}", named: "bad.json", in: dir)
    #expect {
        try ScoreCommand.parse([corrupt, partial, "--out", out]).makeOutput()
    } throws: { "\($0)".contains("bad.json") }
}

@Test func numericIdsRowNumbersAndSurnamesAreNotFeaturesOfABankFile() throws {
    // Observation 2: RowNumber (1..n), CustomerId (8-digit unique) and Surname (2,932 labels in
    // 10,000 rows) used to become 2,600 features of a plain `churn train FILE --target Exited`.
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = try writeBankShapedCustomers(rows: 10_000, surnames: 2_932, seed: 11, in: dir)
    let model = dir.appendingPathComponent("bank.json").path
    let json = try jsonObject(try TrainCommand.parse([data, "--target", "Exited", "--out", model, "--format", "json"]).makeOutput())
    let features = try #require(json["features"] as? [String])
    #expect(features.count < 20, "\(features.count) features")
    #expect(!features.contains { $0.hasPrefix("RowNumber") || $0.hasPrefix("CustomerId") || $0.hasPrefix("Surname") })
    #expect(json["idColumn"] as? String == "CustomerId")
    let roles = try #require(json["columnRoles"] as? [String: Any])
    let excluded = try #require(roles["excluded"] as? [[String: Any]])
    let reasons = Dictionary(uniqueKeysWithValues: excluded.compactMap { item in
        (item["column"] as? String).map { ($0, item["reason"] as? String ?? "") }
    })
    #expect(reasons == ["RowNumber": "rowNumber", "CustomerId": "id", "Surname": "highCardinality", "Exited": "target"])
    #expect((roles["features"] as? [String])?.count == 10)
    let warnings = try #require(json["warnings"] as? [String])
    #expect(warnings.contains { $0.contains("\"Surname\"") && $0.contains("--features") })
    #expect(json["converged"] as? Bool == true)

    // Named in --features, the surname is used (and warned about).
    let named = try jsonObject(try TrainCommand.parse([
        data, "--target", "Exited", "--features", "Age,Surname", "--out", model, "--force", "--format", "json",
    ]).makeOutput())
    let namedFeatures = try #require(named["features"] as? [String])
    #expect(namedFeatures.first == "Age")
    #expect(namedFeatures.count > 1000)
}

@Test(.enabled(if: sharedDataAvailable, "needs ../shared/datasets next to the package"))
func unpenalizedTelcoTrainingNamesAliasedDummiesAndPrintsTheDriverTable() throws {
    // Before: "feature 12 is collinear" and no driver table (issue 10, observation 4).
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = dir.appendingPathComponent("model.json").path
    let text = try TrainCommand.parse(
        [sharedDatasets + "/telco-customer-churn.csv", "--target", "Churn", "--l2", "0", "--out", model]).makeOutput()
    #expect(text.contains("churn drivers"))
    #expect(text.contains("aliased: OnlineBackup=No internet service is aliased with InternetService=No and was dropped"))
    #expect(text.contains("aliased: MultipleLines=No phone service is aliased with (intercept), PhoneService=Yes"))
    #expect(!text.contains("feature 12") && !text.contains("no inference table"))
    let json = try jsonObject(try TrainCommand.parse(
        [sharedDatasets + "/telco-customer-churn.csv", "--target", "Churn", "--l2", "0", "--out", model, "--force", "--format", "json"])
        .makeOutput())
    let aliased = try #require(json["aliasedTerms"] as? [[String: Any]])
    #expect(aliased.count == 7)
    let coefficients = try #require(json["coefficients"] as? [[String: Any]])
    #expect(coefficients.count == 24)
}

@Test func trainSaysWhichRowsTheSavedModelWasFittedOnAndEvaluateKnowsItsTrainingFile() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = bundledDatasets + "/telecom-customers.csv"
    let model = dir.appendingPathComponent("m.json").path
    let json = try jsonObject(try TrainCommand.parse([data, "--target", "churned", "--out", model, "--format", "json"]).makeOutput())
    let saved = try #require(json["savedModel"] as? [String: Any])
    #expect(saved["fittedOn"] as? String == "allLabelledRows")
    #expect(saved["fittedRows"] as? Int == 5000)
    let file = try #require(saved["file"] as? [String: Any])
    #expect(file["rows"] as? Int == 5000)
    #expect((file["sha256"] as? String)?.count == 64)
    let text = try TrainCommand.parse([data, "--target", "churned", "--no-refit", "--out", model, "--force"]).makeOutput()
    #expect(text.contains("fitted on the 4000 training rows of the hold-out split (of 5000 labelled rows)"))
    let pipeline = try FittedPipeline.load(from: model)
    #expect(pipeline.training?.fittedOn == .trainingSplit)

    // The model file knows its training file by SHA-256 and row count, not by its rows.
    let warning = try #require(try trainingFileWarning(pipeline, file: data, rows: 5000))
    #expect(warning.contains("is the file this model was trained on"))
    let other = dir.appendingPathComponent("other.csv").path
    try GenerateCommand.parse(["--rows", "5000", "--seed", "99", "--out", other]).run()
    #expect(try trainingFileWarning(pipeline, file: other, rows: 5000) == nil)
    #expect(!(try String(contentsOfFile: model, encoding: .utf8)).contains("C100000"))
}

@Test func theLearningCurveWarnsWhenTheHoldOutLossRisesAfterItsBest() {
    let rising = learningCurveText([0.6, 0.5, 0.45, 0.46, 0.48])
    #expect(rising.contains("best 0.4500 at round 3"))
    #expect(rising.contains("warning: the hold-out log loss rose 6.67% after round 3"))
    #expect(rising.contains("--rounds 3"))
    let flat = learningCurveText([0.6, 0.5, 0.45, 0.451])
    #expect(!flat.contains("warning"))
}

/// `--seed` reaches the forest's bootstrap (trained on every row, so the hold-out split plays no
/// part), and the out-of-bag estimate is reported in JSON and text as the saved model holds it.
@Test func trainSeedsTheForestAndReportsItsOutOfBagEstimate() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = bundledDatasets + "/telecom-customers.csv"
    func train(seed: Int, name: String, format: String = "json") throws -> (report: String, model: RandomForestModel) {
        let path = dir.appendingPathComponent(name).path
        let report = try TrainCommand.parse([
            data, "--target", "churned", "--model", "forest", "--trees", "10", "--max-depth", "6", "--test-fraction", "0",
            "--seed", "\(seed)", "--out", path, "--format", format,
        ]).makeOutput()
        return (report, try #require(try FittedPipeline.load(from: path).model.classifier as? RandomForestModel))
    }
    let first = try train(seed: 1, name: "a.json"), again = try train(seed: 1, name: "b.json")
    let other = try train(seed: 2, name: "c.json", format: "text")
    #expect(first.model == again.model)
    #expect(first.model.trees != other.model.trees)
    let estimate = try #require(first.model.outOfBag)
    let reported = try #require(try jsonObject(first.report)["outOfBag"] as? [String: Any])
    // JSONSerialization may read the last digit one unit off.
    #expect(abs((reported["auc"] as? Double ?? .nan) - (estimate.auc ?? .nan)) <= 1e-15)
    #expect(abs((reported["logLoss"] as? Double ?? .nan) - (estimate.logLoss ?? .nan)) <= 1e-15)
    #expect(reported["rowCount"] as? Int == estimate.rowCount)
    let otherEstimate = try #require(other.model.outOfBag)
    let line = "out-of-bag (saved model, \(otherEstimate.rowCount) rows): AUC \(formatted(otherEstimate.auc ?? .nan, digits: 4))"
    #expect(other.report.contains(line))
}

/// `--model gbdt` stops early by default (patience 10 on a seeded 10% validation split): the JSON
/// has the validation curve, the chosen round is its minimum and the saved model's tree count;
/// `--no-early-stopping` grows every round and reports no early stopping; both flags conflict.
@Test func trainStopsBoostingEarlyByDefault() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = bundledDatasets + "/telecom-customers.csv"
    func train(_ extra: [String], name: String) throws -> (report: [String: Any], model: GradientBoostingModel) {
        let path = dir.appendingPathComponent(name).path
        let report = try TrainCommand.parse(
            [data, "--target", "churned", "--model", "gbdt", "--rounds", "300", "--learning-rate", "0.3", "--no-refit",
             "--out", path, "--format", "json"] + extra
        ).makeOutput()
        return (try jsonObject(report), try #require(try FittedPipeline.load(from: path).model.classifier as? GradientBoostingModel))
    }
    let stopped = try train([], name: "stopped.json")
    let record = try #require(stopped.report["earlyStopping"] as? [String: Any])
    let losses = try #require(record["validationLoss"] as? [Double])
    let chosen = try #require(record["chosenRound"] as? Int)
    #expect(record["patience"] as? Int == 10)
    #expect(record["validationFraction"] as? Double == 0.1)
    #expect(chosen == (losses.indices.min { losses[$0] < losses[$1] } ?? -1) + 1)
    // Learning rate 0.3 overfits long before round 300: the patience ran out 10 rounds after the best.
    #expect(losses.count == chosen + 10)
    #expect(stopped.model.trees.count == chosen)
    #expect(record["savedModelRounds"] as? Int == chosen)
    #expect(stopped.model.validationLoss.count == losses.count)
    #expect((stopped.report["learningCurve"] as? [Double])?.count == chosen)

    let again = try train(["--seed", "42"], name: "again.json")
    #expect(again.model == stopped.model)
    let patient = try train(["--early-stopping", "3"], name: "patient.json")
    let patientLosses = try #require((patient.report["earlyStopping"] as? [String: Any])?["validationLoss"] as? [Double])
    #expect(patientLosses.count == patient.model.trees.count + 3)

    let full = try train(["--no-early-stopping", "--rounds", "40"], name: "full.json")
    #expect(full.report["earlyStopping"] == nil)
    #expect(full.model.trees.count == 40)
    #expect(full.model.validationLoss.isEmpty)
    #expect(throws: (any Error).self) {
        try TrainCommand.parse([data, "--target", "churned", "--model", "gbdt", "--early-stopping", "5", "--no-early-stopping", "--out", "x.json"])
    }
}

/// `--permutation-repeats` reports each original column's hold-out AUC drop (JSON and text), and
/// a tree model's mean |SHAP| per column comes by default; a logistic model has none, and the
/// permutation importance needs a hold-out.
@Test func trainReportsPermutationImportanceAndMeanAbsoluteSHAP() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = bundledDatasets + "/telecom-customers.csv"
    func train(_ extra: [String], name: String) throws -> String {
        try TrainCommand.parse([data, "--target", "churned", "--out", dir.appendingPathComponent(name).path] + extra).makeOutput()
    }
    let json = try jsonObject(try train(
        ["--model", "tree", "--max-depth", "4", "--permutation-repeats", "3", "--seed", "7", "--format", "json"], name: "tree.json"))
    let permutation = try #require(json["permutationImportance"] as? [String: Any])
    #expect(permutation["repeats"] as? Int == 3 && permutation["seed"] as? Int == 7 && permutation["rowCount"] as? Int == 1000)
    let holdoutAUC = try #require((json["holdout"] as? [String: Any])?["auc"] as? Double)
    #expect(abs((permutation["baselineAUC"] as? Double ?? .nan) - holdoutAUC) <= 1e-12)
    let columns = try #require(permutation["columns"] as? [[String: Any]])
    #expect(columns.count == 13)
    let drops = columns.compactMap { $0["meanDrop"] as? Double }
    #expect(drops == drops.sorted(by: >))
    #expect(columns.allSatisfy { ($0["drops"] as? [Double])?.count == 3 && $0["standardDeviation"] is Double })
    let shap = try #require(json["meanAbsoluteSHAP"] as? [String: Any])
    #expect(shap["rowCount"] as? Int == 1000 && shap["unit"] as? String == "probability")
    #expect((shap["columns"] as? [[String: Any]])?.first?["column"] is String)

    let text = try train(["--model", "gbdt", "--rounds", "20", "--permutation-repeats", "2", "--shap-rows", "200"], name: "gbdt.json")
    #expect(text.contains("mean |SHAP| per column (saved model, 200 hold-out rows, in log-odds):"))
    #expect(text.contains("permutation importance (hold-out AUC "))
    #expect(text.contains("2 shuffles, seed 42; model fitted on the training part):"))

    let logistic = try jsonObject(try train(["--format", "json"], name: "logistic.json"))
    #expect(logistic["meanAbsoluteSHAP"] == nil && logistic["permutationImportance"] == nil)
    #expect(throws: (any Error).self) {
        try TrainCommand.parse([data, "--target", "churned", "--permutation-repeats", "2", "--test-fraction", "0", "--out", "x.json"])
    }
}
