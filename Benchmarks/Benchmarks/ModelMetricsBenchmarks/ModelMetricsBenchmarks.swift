// ModelMetrics benchmarks: ranking metrics on a million seeded scores.
// Sizes follow CHURNKIT_BENCHMARK_PROFILE (full: 1,000,000 scores; ci: 20,000).
import Benchmark
import BenchmarkProfile
import ChurnKit

/// Number of scores.
private let rows = BenchmarkProfile.size(ci: 20_000, full: 1_000_000)

/// `rows` seeded probabilities with churn labels drawn from them (about half positive),
/// rounded to 4 decimals so that ties occur as they do with real model outputs.
private let sample: (labels: [Bool], scores: [Double]) = {
    var random = SeededRandom(seed: 42)
    var labels = [Bool](), scores = [Double]()
    labels.reserveCapacity(rows)
    scores.reserveCapacity(rows)
    for _ in 0..<rows {
        let p = (random.nextUnitDouble() * 10_000).rounded() / 10_000
        scores.append(p)
        labels.append(random.nextUnitDouble() < p)
    }
    return (labels, scores)
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = BenchmarkProfile.configuration(.init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(5), maxIterations: 20))

    Benchmark("Metrics.auc.n\(rows)") { benchmark in
        blackHole(try rocAUC(labels: sample.labels, scores: sample.scores))
    }
    Benchmark("Metrics.logLoss.n\(rows)") { benchmark in
        blackHole(try logLoss(labels: sample.labels, scores: sample.scores))
    }
    Benchmark("Metrics.report.n\(rows)") { benchmark in
        blackHole(try BinaryClassificationReport(labels: sample.labels, scores: sample.scores))
    }
}
