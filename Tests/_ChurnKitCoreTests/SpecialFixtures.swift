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

/// |actual − expected| ≤ tolerance · max(1, |expected|) (a relative test for large values and
/// an absolute one below 1); infinities must match exactly.
func isClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
    if expected.isInfinite || actual.isInfinite { return actual == expected }
    return abs(actual - expected) <= tolerance * max(1, abs(expected))
}

/// |actual − expected| ≤ tolerance · |expected|: a purely relative test (for tail probabilities).
func isRelativelyClose(_ actual: Double, _ expected: Double, tolerance: Double) -> Bool {
    if expected == 0 { return actual == 0 }
    return abs(actual - expected) <= tolerance * abs(expected)
}
