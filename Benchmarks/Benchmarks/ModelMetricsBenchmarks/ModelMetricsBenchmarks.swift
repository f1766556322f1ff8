// ModelMetrics benchmarks: ranking metrics on a million seeded scores.
import Benchmark
import ChurnKit

/// A million seeded probabilities with churn labels drawn from them (about half positive),
/// rounded to 4 decimals so that ties occur as they do with real model outputs.
private let sample: (labels: [Bool], scores: [Double]) = {
    var random = SeededRandom(seed: 42)
    var labels = [Bool](), scores = [Double]()
    labels.reserveCapacity(1_000_000)
    scores.reserveCapacity(1_000_000)
    for _ in 0..<1_000_000 {
        let p = (random.nextUnitDouble() * 10_000).rounded() / 10_000
        scores.append(p)
        labels.append(random.nextUnitDouble() < p)
    }
    return (labels, scores)
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(5), maxIterations: 20)

    Benchmark("Metrics.auc.n1000000") { benchmark in
        blackHole(try rocAUC(labels: sample.labels, scores: sample.scores))
    }
    Benchmark("Metrics.logLoss.n1000000") { benchmark in
        blackHole(try logLoss(labels: sample.labels, scores: sample.scores))
    }
    Benchmark("Metrics.report.n1000000") { benchmark in
        blackHole(try BinaryClassificationReport(labels: sample.labels, scores: sample.scores))
    }
}
