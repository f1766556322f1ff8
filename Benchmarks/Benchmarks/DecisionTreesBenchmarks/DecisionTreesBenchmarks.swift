// DecisionTrees benchmarks: fitting and prediction on seeded synthetic churn-like data.
// Sizes follow CHURNKIT_BENCHMARK_PROFILE (full: 200,000 / 100,000 / 5,000 rows; ci: 10,000 / 5,000 / 2,000).
import Benchmark
import BenchmarkProfile
import ChurnKit
import Foundation

/// n x 16 seeded features (normal, uniform, integer and binary columns) and labels drawn from a
/// nonlinear model with thresholds and an interaction.
private func sample(rows n: Int) throws -> (x: Matrix, y: [Bool]) {
    var random = SeededRandom(seed: 11)
    let d = 16
    var values = [Double](repeating: 0, count: n * d)
    var labels = [Bool](repeating: false, count: n)
    for i in 0..<n {
        for j in 0..<d {
            switch j % 4 {
            case 0: values[i * d + j] = random.nextGaussian()
            case 1: values[i * d + j] = random.nextUnitDouble() * 100
            case 2: values[i * d + j] = Double(random.nextIndex(below: 72))
            default: values[i * d + j] = Double(random.nextIndex(below: 2))
            }
        }
        let logit = -1 + 0.8 * values[i * d] - 0.02 * values[i * d + 1] + (values[i * d + 2] < 6 ? 0.8 : 0)
            + 0.6 * values[i * d + 3] * (values[i * d + 5] > 70 ? 1 : 0)
        labels[i] = random.nextUnitDouble() < 1 / (1 + exp(-logit))
    }
    return (try Matrix(rows: n, columns: d, values: values), labels)
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
