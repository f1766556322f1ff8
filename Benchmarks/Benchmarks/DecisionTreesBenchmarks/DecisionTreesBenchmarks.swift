// DecisionTrees benchmarks: fitting and prediction on seeded synthetic churn-like data.
// Sizes follow CHURNKIT_BENCHMARK_PROFILE (full: 200,000 / 100,000 / 5,000 rows; ci: 10,000 / 5,000 / 2,000).
import Benchmark
import BenchmarkData
import BenchmarkProfile
import ChurnKit
import Foundation

/// The suite's seeded churn-like sample (BenchmarkData.churnLike, 16 columns, seed 11).
private func sample(rows n: Int) throws -> (x: Matrix, y: [Bool]) {
    try BenchmarkData.churnLike(rows: n, columns: 16, seed: 11)
}

private let largeRows = BenchmarkProfile.size(ci: 10_000, full: 200_000)
private let shapRows = BenchmarkProfile.size(ci: 5_000, full: 100_000)
private let smallRows = BenchmarkProfile.size(ci: 2_000, full: 5_000)
private let large = try? sample(rows: largeRows)
private let small = try? sample(rows: smallRows)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = BenchmarkProfile.configuration(.init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(5), maxIterations: 10))

    Benchmark("Tree.fit.histogram.n\(largeRows).d16.depth10") { _ in
        guard let large else { return }
        blackHole(try DecisionTreeClassifier(maxDepth: 10, minSamplesLeaf: 50).fit(large.x, large.y))
    }
    Benchmark("Tree.fit.exact.n\(smallRows).d16.depth6") { _ in
        guard let small else { return }
        blackHole(try DecisionTreeClassifier(maxDepth: 6, splitSearch: .exact).fit(small.x, small.y))
    }
    Benchmark("Tree.predict.n\(largeRows).d16.depth10") { benchmark in
        guard let large else { return }
        let model = try DecisionTreeClassifier(maxDepth: 10, minSamplesLeaf: 50).fit(large.x, large.y)
        benchmark.startMeasurement()
        blackHole(try model.predictProbabilities(large.x))
        benchmark.stopMeasurement()
    }
    Benchmark("Tree.shapValues.n\(shapRows).d16.depth6") { benchmark in
        guard let large else { return }
        let model = try DecisionTreeClassifier(maxDepth: 6, minSamplesLeaf: 50).fit(large.x, large.y)
        let rows = try Matrix(rows: shapRows, columns: 16, values: Array(large.x.storage.prefix(shapRows * 16)))
        benchmark.startMeasurement()
        blackHole(try model.shapValues(rows))
        benchmark.stopMeasurement()
    }
}
