import Foundation
import Testing

/// Fixtures/statistics.json, written by Fixtures/make_fixtures.py from scipy 1.17, statsmodels 0.15
/// and numpy 2.4 (the Hillstrom part from ../shared/datasets/hillstrom-email.csv with pandas).
struct StatisticsFixtures: Decodable {
    struct Proportion: Decodable {
        let treatment, control: [Int]
        let wilsonTreatment, wilsonControl, newcombe, logRatio: [Double]
        let ratioMethod: String
        let z: [Double]?
        let fisher, smallestExpected: Double
    }
    struct Holm: Decodable { let p, holm: [Double] }
    struct CMH: Decodable { let strata: [[Int]]; let riskRatio: Double; let interval: [Double]; let chiSquare, pValue: Double }
    struct SRM: Decodable { let observed: [Int]; let shares: [Double]; let chiSquare, pValue: Double }
    struct Welch: Decodable {
        let first, second: [Double]?
        let difference: Double; let interval: [Double]; let t, df, pValue: Double
    }
    struct Power: Decodable {
        struct Size: Decodable { let baseline, relativeReduction, alpha, power, ratio, h, n1: Double }
        struct MDE: Decodable { let baseline: Double; let control, treatment: Int; let alpha, power, h, relativeReduction: Double }
        let sampleSize: [Size]; let power: [[Double]]; let mde: [MDE]
    }
    struct Hillstrom: Decodable {
        struct Arm: Decodable { let n, visits, conversions: Int; let spendMean, spendVariance: Double }
        struct Binary: Decodable { let newcombe, logRatio: [Double]; let zPValue: Double }
        struct Comparison: Decodable { let visit, conversion: Binary; let spend: Welch }
        struct SRMResult: Decodable { let observed: [Int]; let chiSquare, pValue: Double }
        let arms: [String: Arm]; let comparisons: [String: Comparison]; let srm: SRMResult
    }
    struct Balance: Decodable { let treatment, control: [Double]; let smd: Double }

    let proportions: [Proportion]
    let holm: [Holm]
    let cmh: [CMH]
    let srm: [SRM]
    let welch: [Welch]
    let power: Power
    let hillstrom: Hillstrom
    let balance: [Balance]

    static func load() throws -> StatisticsFixtures {
        let url = try #require(Bundle.module.url(forResource: "statistics", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(StatisticsFixtures.self, from: Data(contentsOf: url))
    }
}
