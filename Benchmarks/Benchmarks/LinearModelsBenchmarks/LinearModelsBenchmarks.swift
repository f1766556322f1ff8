// Benchmarks of LinearModels: logistic regression fit (Newton and L-BFGS) and scoring on
// 1,000,000 x 32 seeded synthetic data. Wall-clock time is reported; allocations (mallocCountTotal)
// are the stable figure to gate on, since timings on a shared 2-core machine are noisy.
// Sizes follow CHURNKIT_BENCHMARK_PROFILE (full: 1,000,000 rows; ci: 20,000).
import Benchmark
import BenchmarkProfile
import ChurnKit

/// Seeded n x d features in [-1, 1) and labels drawn from a known logistic model.
private func logisticData(rows: Int, columns: Int, seed: UInt64) throws -> (Matrix, [Bool]) {
    var generator = SeededRandom(seed: seed)
    let values = (0..<(rows * columns)).map { _ in 2 * generator.nextUnitDouble() - 1 }
    let beta = (0..<columns).map { j in Double(j % 7) / 4 - 0.75 }
    var labels = [Bool](repeating: false, count: rows)
    for i in 0..<rows {
        var z = -1.0
        for j in 0..<columns { z += values[i * columns + j] * beta[j] }
        labels[i] = generator.nextUnitDouble() < logisticSigmoid(z)
    }
    return (try Matrix(rows: rows, columns: columns, values: values), labels)
}

/// Rows of the logistic data.
private let rows = BenchmarkProfile.size(ci: 20_000, full: 1_000_000)

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident]
    let configuration = BenchmarkProfile.configuration(Benchmark.Configuration(
        metrics: metrics, warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 5))

    for solver in [LogisticRegression.Solver.newton, .lbfgs] {
        let name = solver == .newton ? "LogisticRegression.fit.n\(rows).d32" : "LogisticRegression.fit.lbfgs.n\(rows).d32"
        Benchmark(name, configuration: configuration) { benchmark in
            let (x, y) = try logisticData(rows: rows, columns: 32, seed: 7)
            let trainer = LogisticRegression(l2: 1, solver: solver)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try trainer.fit(x, y))
            }
        }
    }

    Benchmark("LogisticRegressionModel.predictProbabilities.n\(rows).d32", configuration: configuration) { benchmark in
        let (x, y) = try logisticData(rows: rows, columns: 32, seed: 7)
        let model = try LogisticRegression(l2: 1).fit(x, y)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try model.predictProbabilities(x))
        }
    }
}
