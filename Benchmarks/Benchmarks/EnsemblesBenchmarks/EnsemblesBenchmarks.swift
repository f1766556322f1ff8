// Ensembles benchmarks: boosting, forest fitting and ensemble prediction on seeded synthetic
// churn-like data (the side-by-side comparison with LightGBM and scikit-learn at 1,000,000 rows is
// Benchmarks/compare/tasks_ensembles.py).
// Sizes follow CHURNKIT_BENCHMARK_PROFILE (full: 200,000 training rows, 1,000,000 scored, 100
// rounds or trees, 10,000 explained; ci: 5,000 / 20,000, 20 rounds or trees, 1,000 explained).
import Benchmark
import BenchmarkData
import BenchmarkProfile
import ChurnKit
import Foundation

/// The suite's seeded churn-like sample (BenchmarkData.churnLike, 32 columns, seed 12).
private func sample(rows n: Int) throws -> (x: Matrix, y: [Bool]) {
    try BenchmarkData.churnLike(rows: n, columns: 32, seed: 12, secondInteraction: true)
}

private let trainRows = BenchmarkProfile.size(ci: 5_000, full: 200_000)
private let scoreRows = BenchmarkProfile.size(ci: 20_000, full: 1_000_000)
private let explainRows = BenchmarkProfile.size(ci: 1_000, full: 10_000)
private let rounds = BenchmarkProfile.size(ci: 20, full: 100)
private let train = try? sample(rows: trainRows)
private let score = try? sample(rows: scoreRows)
/// LightGBM's defaults: at most 31 leaves, learning rate 0.1, 20 rows per leaf, 255 bins (100 rounds
/// in the full profile).
private let booster = GradientBoostingClassifier(rounds: rounds, learningRate: 0.1, maxLeaves: 31, minSamplesLeaf: 20)
private let forest = RandomForestClassifier(trees: rounds, maxDepth: 10)

/// The first `explainRows` rows of the scored sample: the customers whose scores are explained.
private func explained() throws -> Matrix? {
    guard let score else { return nil }
    return try Matrix(rows: explainRows, columns: score.x.columns,
                      values: Array(score.x.storage.prefix(explainRows * score.x.columns)))
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = BenchmarkProfile.configuration(.init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 5))

    Benchmark("GBDT.fit.n\(trainRows).d32.r\(rounds).l31") { _ in
        guard let train else { return }
        blackHole(try booster.fit(train.x, train.y))
    }
    Benchmark("GBDT.predict.n\(scoreRows).d32.r\(rounds).l31") { benchmark in
        guard let train, let score else { return }
        let model = try booster.fit(train.x, train.y)
        benchmark.startMeasurement()
        blackHole(try model.predictProbabilities(score.x))
        benchmark.stopMeasurement()
    }
    Benchmark("GBDT.shapValues.n\(explainRows).d32.r\(rounds).l31") { benchmark in
        guard let train, let rows = try explained() else { return }
        let model = try booster.fit(train.x, train.y)
        benchmark.startMeasurement()
        blackHole(try model.shapValues(rows))
        benchmark.stopMeasurement()
    }
    Benchmark("Forest.fit.n\(trainRows).d32.t\(rounds).depth10") { _ in
        guard let train else { return }
        blackHole(try forest.fit(train.x, train.y))
    }
    Benchmark("Forest.predict.n\(scoreRows).d32.t\(rounds).depth10") { benchmark in
        guard let train, let score else { return }
        let model = try forest.fit(train.x, train.y)
        benchmark.startMeasurement()
        blackHole(try model.predictProbabilities(score.x))
        benchmark.stopMeasurement()
    }
}
