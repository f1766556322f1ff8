// Ensembles benchmarks: boosting, forest fitting and ensemble prediction on seeded synthetic
// churn-like data (the side-by-side comparison with LightGBM and scikit-learn at 1,000,000 rows is
// Benchmarks/compare/tasks_ensembles.py).
import Benchmark
import ChurnKit
import Foundation

/// n x 32 seeded features (normal, uniform, integer and binary columns) and labels drawn from a
/// nonlinear model with thresholds and an interaction.
private func sample(rows n: Int) throws -> (x: Matrix, y: [Bool]) {
    var random = SeededRandom(seed: 12)
    let d = 32
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
            + 0.6 * values[i * d + 3] * (values[i * d + 5] > 70 ? 1 : 0) + 0.4 * values[i * d + 4] * values[i * d + 8]
        labels[i] = random.nextUnitDouble() < 1 / (1 + exp(-logit))
    }
    return (try Matrix(rows: n, columns: d, values: values), labels)
}

private let train = try? sample(rows: 200_000)
private let score = try? sample(rows: 1_000_000)
/// LightGBM's defaults: 100 rounds of at most 31 leaves, learning rate 0.1, 20 rows per leaf, 255 bins.
private let booster = GradientBoostingClassifier(rounds: 100, learningRate: 0.1, maxLeaves: 31, minSamplesLeaf: 20)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(10), maxIterations: 5)

    Benchmark("GBDT.fit.n200000.d32.r100.l31") { _ in
        guard let train else { return }
        blackHole(try booster.fit(train.x, train.y))
    }
    Benchmark("GBDT.predict.n1000000.d32.r100.l31") { benchmark in
        guard let train, let score else { return }
        let model = try booster.fit(train.x, train.y)
        benchmark.startMeasurement()
        blackHole(try model.predictProbabilities(score.x))
        benchmark.stopMeasurement()
    }
    Benchmark("Forest.fit.n200000.d32.t100.depth10") { _ in
        guard let train else { return }
        blackHole(try RandomForestClassifier(trees: 100, maxDepth: 10).fit(train.x, train.y))
    }
}
