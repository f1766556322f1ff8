import _TestSupport
import Foundation
import Testing
@testable import ModelMetrics

/// A case of Fixtures/silhouette_cases.json (make_silhouette_fixtures.py, scikit-learn 1.9.1).
struct SilhouetteCase: Decodable, CustomStringConvertible, Sendable {
    let name: String
    let points: [[Double]]
    let labels: [Int]
    let score: Double
    let samples: [Double]

    var description: String { name }

    static let all: [SilhouetteCase] = (try? load()) ?? []

    static func load() throws -> [SilhouetteCase] {
        struct File: Decodable { let cases: [SilhouetteCase] }
        let url = try #require(Bundle.module.url(forResource: "silhouette_cases", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }
}

@Suite("Silhouette")
struct SilhouetteTests {
    @Test("fixtures load")
    func fixturesLoad() throws {
        #expect(try SilhouetteCase.load().count == 4)
    }

    @Test("score and samples equal scikit-learn's to 1e-12", arguments: SilhouetteCase.all)
    func matchesScikitLearn(_ reference: SilhouetteCase) throws {
        let d = reference.points[0].count
        let flat = reference.points.flatMap { $0 }
        let score = try silhouetteScore(points: flat, featureCount: d, labels: reference.labels)
        #expect(isClose(score, reference.score))
        let samples = try silhouetteSamples(points: flat, featureCount: d, labels: reference.labels)
        #expect(isClose(samples, reference.samples))
    }

    @Test("hand-worked case: two pairs on a line")
    func handWorked() throws {
        // Points 0, 1 (cluster A) and 4, 5 (cluster B). For 0: a = 1, b = (4 + 5) / 2 = 4.5,
        // s = 3.5 / 4.5; for 1: a = 1, b = 3.5, s = 2.5 / 3.5; symmetric for B.
        let samples = try silhouetteSamples(points: [0, 1, 4, 5], featureCount: 1, labels: [0, 0, 1, 1])
        let outer = 3.5 / 4.5, inner = 2.5 / 3.5
        let expected: [Double] = [outer, inner, inner, outer]
        #expect(isClose(samples, expected))
    }

    @Test("bad input throws")
    func badInput() {
        #expect(throws: MetricsError.emptyInput) { try silhouetteScore(points: [], featureCount: 1, labels: []) }
        #expect(throws: MetricsError.self) { try silhouetteScore(points: [0, 1], featureCount: 1, labels: [0, 0]) }
        #expect(throws: MetricsError.self) { try silhouetteScore(points: [0, 1], featureCount: 1, labels: [0, 1]) }
        #expect(throws: MetricsError.self) { try silhouetteScore(points: [0, 1, 2], featureCount: 1, labels: [0, 1]) }
        #expect(throws: MetricsError.self) { try silhouetteScore(points: [0, .nan, 2], featureCount: 1, labels: [0, 1, 1]) }
        #expect(throws: MetricsError.self) { try silhouetteScore(points: [0, 1, 2], featureCount: 0, labels: [0, 1, 1]) }
    }
}
