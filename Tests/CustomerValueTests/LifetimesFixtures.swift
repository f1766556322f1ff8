import Foundation
import Testing

/// Fixtures/lifetimes.json, written by Fixtures/make_lifetimes_fixtures.py with lifetimes 0.11.3
/// (versions in the file) on ../shared/datasets/CDNOW_sample.txt.
struct LifetimesFixtures: Decodable {
    struct Table: Decodable { let frequency, recency, age, monetary: [Double]; let holdoutFrequency: [Int] }
    struct Fit: Decodable { let params: [Double]; let logLikelihood: Double; let standardErrors: [Double]? }
    struct Predictions: Decodable {
        let rows: [Int]
        let duration: Double
        let probabilityAlive, expectedPurchases, paretoProbabilityAlive, paretoExpectedPurchases, expectedSpend, lifetimeValue: [Double]
        let unconditionalDurations, unconditional: [Double]
    }
    let customers, repeaters, repeatOccasions, holdoutOccasions: Int
    let holdoutWeeks: Double
    let table: Table
    let bgnbd, paretoNBD, gammaGamma: Fit
    let predictions: Predictions

    static func load() throws -> LifetimesFixtures {
        let url = try #require(Bundle.module.url(forResource: "lifetimes", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(LifetimesFixtures.self, from: Data(contentsOf: url))
    }
}
