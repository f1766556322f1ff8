import Foundation
import Testing

/// Fixtures/special.json, written by Fixtures/make_fixtures.py from scipy (versions in the file).
struct SpecialFixtures: Decodable {
    struct Hypergeometric: Decodable { let population, successes, draws, lowest: Int; let pmf: [Double] }
    let normalCDF, normalQuantile, chiSquareSurvival, studentTCDF, studentTQuantile, gammaP, beta: [[Double]]
    let hypergeometric: [Hypergeometric]

    static func load() throws -> SpecialFixtures {
        let url = try #require(Bundle.module.url(forResource: "special", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(SpecialFixtures.self, from: Data(contentsOf: url))
    }
}
