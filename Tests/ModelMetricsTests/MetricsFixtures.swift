import Foundation
import Testing

/// The cases of Fixtures/metrics_cases.json, written by Fixtures/make_fixtures.py from
/// scikit-learn 1.9.1, numpy 2.4 and pandas 3.1 (a null threshold stands for +infinity).
struct MetricsCase: Decodable, CustomStringConvertible {
    struct Curve: Decodable {
        let fpr: [Double]?, tpr: [Double]?, precision: [Double]?, recall: [Double]?
        let thresholds: [Double?]
        var finiteOrInfiniteThresholds: [Double] { thresholds.map { $0 ?? .infinity } }
    }
    struct Confusion: Decodable {
        let threshold, tp, fp, tn, fn, precision, recall, f1, accuracy: Double
    }
    struct Calibration: Decodable {
        let binCount: Int, strategy: String, bin: [Int], rows: [Int], edges: [Double]
        let observedRate: [Double], meanPredicted: [Double]
    }
    struct LiftRowReference: Decodable {
        let group, rows, cumulativeRows: Int
        let weight, positives, rate, lift, cumulativePositives, cumulativeGain, cumulativeLift: Double
        let minScore, maxScore: Double
    }
    struct Lift: Decodable { let groups: Int, overallRate: Double, rows: [LiftRowReference] }
    struct Expected: Decodable {
        let roc, rocAll, pr, prDropped: Curve
        let auc, averagePrecision: Double
        let logLoss, brier: Double?
        let calibration: [Calibration]?
        let confusion: [Confusion]
        let lift: [Lift]
    }

    let name: String
    let labels: [Bool]
    let scores: [Double]
    let weights: [Double]?
    let expected: Expected

    var description: String { name }

    /// All cases, loaded once (empty when the fixture cannot be read, which `fixturesAreLoaded` reports).
    static let all: [MetricsCase] = (try? load()) ?? []

    static func load() throws -> [MetricsCase] {
        struct File: Decodable { let cases: [MetricsCase] }
        let url = try #require(Bundle.module.url(forResource: "metrics_cases", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }
}

@Test func fixturesAreLoaded() throws {
    #expect(try MetricsCase.load().count == 9)
}
