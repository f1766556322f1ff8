import _TestSupport
import Foundation
import LinearAlgebra
import Testing

/// One case of Fixtures/kmeans_fixtures.json, written by Fixtures/make_fixtures.py from
/// scikit-learn 1.9.1's KMeans(algorithm="lloyd", n_init=1) started from `init`.
struct KMeansCase: Decodable, CustomStringConvertible, Sendable {
    let name: String
    let x: [[Double]]
    let initial: [[Double]]
    let tolerance: Double
    let maxIterations: Int
    let labels: [Int]
    let centers: [[Double]]
    let inertia: Double
    let iterations: Int
    let new: [[Double]]
    let predict: [Int]
    let transform: [[Double]]

    private enum CodingKeys: String, CodingKey {
        case name, x, initial = "init", tolerance, maxIterations, labels, centers, inertia, iterations, new, predict,
            transform
    }

    var description: String { name }

    /// All cases, loaded once (empty when the file cannot be read; `fixturesLoad` reports it).
    static let all: [KMeansCase] = (try? load()) ?? []

    static func load() throws -> [KMeansCase] {
        struct File: Decodable { let cases: [KMeansCase] }
        let url = try #require(Bundle.module.url(forResource: "kmeans_fixtures", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }
}

/// Element-wise `isClose` of a matrix against rows.
func isClose(_ actual: Matrix, _ expected: [[Double]], tolerance: Double = 1e-9) -> Bool {
    actual.rows == expected.count
        && expected.enumerated().allSatisfy { i, row in
            row.count == actual.columns && row.enumerated().allSatisfy { j, e in isClose(actual[i, j], e, tolerance: tolerance) }
        }
}

/// Seeded Gaussian blobs: `perCluster` rows around each center (standard deviation `spread`).
func gaussianBlobs(centers: [[Double]], perCluster: Int, spread: Double, seed: UInt64) throws -> Matrix {
    var generator = SeededRandomForTests(seed: seed)
    var rows: [[Double]] = []
    for center in centers {
        for _ in 0..<perCluster { rows.append(center.map { $0 + spread * generator.gaussian() }) }
    }
    return try Matrix(rows)
}

/// A small independent generator for test data (SplitMix64 + Box-Muller), so test data does not
/// depend on the library's own generator.
struct SeededRandomForTests {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
    mutating func gaussian() -> Double {
        let u1 = max(unit(), 1e-300), u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
