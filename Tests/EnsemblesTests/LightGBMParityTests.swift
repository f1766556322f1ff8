import Foundation
import DecisionTrees
import LinearAlgebra
import ModelMetrics
import Tabular
import Testing
@testable import Ensembles

/// LightGBM 4.7.0's hold-out AUC and log loss on the same encoded rows, split and hyperparameters
/// (Fixtures/make_lightgbm_fixture.py says how both sides encode and split).
struct LightGBMParity: Decodable {
    struct Case: Decodable {
        let data: String
        let config: String
        let lambda_l2: Double
        let columns: [String]
        let levels: [String: [String]]
        let trainRows: Int
        let testRows: Int
        let auc: Double
        let logLoss: Double
    }

    let cases: [Case]

    static let fixture: LightGBMParity? = {
        guard let url = Bundle.module.url(forResource: "Fixtures/lightgbm_parity", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else { return nil }
        return try? JSONDecoder().decode(LightGBMParity.self, from: data)
    }()
}

/// The package root (three levels above this file).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
/// The Telco file outside the repository.
let telcoPath = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/telco-customer-churn.csv").path

/// Trains the booster on a fixture case and compares its hold-out AUC and log loss with LightGBM's:
/// the AUC at most 0.002 below, the log loss at most 1% above.
func checkParity(data: String, path: String, target: String) throws {
    let fixture = try #require(LightGBMParity.fixture)
    let cases = fixture.cases.filter { $0.data == data }
    #expect(cases.count == 2)
    let table = try Table(csvAt: path)
    let column = try table.column(named: target)
    let labels = (0..<table.rowCount).map { column.text(at: $0) == "Yes" }
    for reference in cases {
        let encoder = try FeatureEncoder(
            standardize: false, categoricalEncoding: .ordinal, imputeMissing: false
        ).fit(table, columns: reference.columns)
        #expect(encoder.features.map(\.name) == reference.columns)
        for feature in encoder.features where reference.levels[feature.name] != nil {
            #expect(feature.levels == reference.levels[feature.name], "levels of \(feature.name)")
        }
        let x = try encoder.transform(table)
        let test = (0..<x.rows).filter { $0 % 5 == 0 }, train = (0..<x.rows).filter { $0 % 5 != 0 }
        #expect(train.count == reference.trainRows && test.count == reference.testRows)
        let model = try GradientBoostingClassifier(
            rounds: 100, learningRate: 0.1, maxLeaves: 31, minSamplesLeaf: 20, minSumHessian: 1e-3, l2: reference.lambda_l2
        ).fit(try x.keepingRows(train), train.map { labels[$0] },
              features: encoder.features.map { TreeFeature(name: $0.name, levels: $0.levels) })
        let scores = try model.predictProbabilities(try x.keepingRows(test))
        let testLabels = test.map { labels[$0] }
        let auc = try rocAUC(labels: testLabels, scores: scores)
        let loss = try logLoss(labels: testLabels, scores: scores)
        print("\(data) \(reference.config): hold-out AUC \(auc) (LightGBM \(reference.auc)), log loss \(loss) (LightGBM \(reference.logLoss))")
        #expect(auc >= reference.auc - 0.002, "\(data) \(reference.config): AUC \(auc), LightGBM \(reference.auc)")
        #expect(loss <= reference.logLoss * 1.01, "\(data) \(reference.config): log loss \(loss), LightGBM \(reference.logLoss)")
    }
}

@Test func boostingMatchesLightGBMOnTheBundledTelecomCustomers() throws {
    try checkParity(
        data: "telecom-customers", path: packageRoot.appendingPathComponent("datasets/telecom-customers.csv").path,
        target: "churned")
}

@Test(.enabled(if: FileManager.default.fileExists(atPath: telcoPath), "needs ../shared/datasets/telco-customer-churn.csv next to the package"))
func boostingMatchesLightGBMOnTelco() throws {
    try checkParity(data: "telco", path: telcoPath, target: "Churn")
}
