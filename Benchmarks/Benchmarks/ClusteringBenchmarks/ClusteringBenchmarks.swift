// Clustering benchmarks: Lloyd iterations, full fits, mini-batch and silhouette on seeded data.
// Sizes follow CHURNKIT_BENCHMARK_PROFILE (full: 1,000,000 / 100,000 rows; ci: 20,000 / 10,000).
import Benchmark
import BenchmarkProfile
import ChurnKit

/// n x 16 rows from 8 overlapping Gaussian clusters (seeded), and 8 seeded rows as initial centroids.
private func sample(rows n: Int) throws -> (x: Matrix, initial: Matrix) {
    var random = SeededRandom(seed: 8)
    let d = 16, k = 8
    let centers = (0..<(k * d)).map { _ in 1.5 * random.nextGaussian() }
    var values = [Double](repeating: 0, count: n * d)
    for i in 0..<n {
        let c = random.nextIndex(below: k)
        for f in 0..<d { values[i * d + f] = centers[c * d + f] + random.nextGaussian() }
    }
    let picks = (0..<k).map { _ in random.nextIndex(below: n) }
    let initial = picks.flatMap { values[($0 * d)..<(($0 + 1) * d)] }
    return (try Matrix(rows: n, columns: d, values: values), try Matrix(rows: k, columns: d, values: initial))
}

/// A failure to build the sample data, reported by the benchmarks that need it.
private struct SampleError: Error {}

// Built once per process; a benchmark throws `SampleError` if its data could not be built.
private let largeRows = BenchmarkProfile.size(ci: 20_000, full: 1_000_000)
private let mediumRows = BenchmarkProfile.size(ci: 10_000, full: 100_000)
private let silhouetteRows = BenchmarkProfile.size(ci: 1_000, full: 5_000)
private let millionSample = try? sample(rows: largeRows)
private let hundredThousandSample = try? sample(rows: mediumRows)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = BenchmarkProfile.configuration(.init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(10),
        maxIterations: 5))

    // 10 Lloyd iterations from fixed centroids (tolerance 0): divide the time by 10 per iteration.
    Benchmark("KMeans.lloyd10.n\(largeRows).d16.k8") { _ in
        guard let million = millionSample else { throw SampleError() }
        let trainer = KMeans(k: 8, initialization: .centroids(million.initial), maxIterations: 10, tolerance: 0)
        blackHole(try trainer.fit(million.x))
    }
    Benchmark("KMeans.fit.n\(mediumRows).d16.k8") { _ in
        guard let hundredThousand = hundredThousandSample else { throw SampleError() }
        blackHole(try KMeans(k: 8, seed: 1).fit(hundredThousand.x))
    }
    Benchmark("MiniBatchKMeans.fit.n\(largeRows).d16.k8") { _ in
        guard let million = millionSample else { throw SampleError() }
        blackHole(try MiniBatchKMeans(k: 8, seed: 1).fit(million.x))
    }
    Benchmark("KMeans.predict.n\(largeRows).d16.k8") { benchmark in
        guard let million = millionSample, let hundredThousand = hundredThousandSample else { throw SampleError() }
        let model = try KMeans(k: 8, initialization: .centroids(million.initial), maxIterations: 1).fit(hundredThousand.x)
        benchmark.startMeasurement()
        blackHole(try model.predict(million.x))
    }
    Benchmark("Silhouette.n\(silhouetteRows).d16") { _ in
        guard let hundredThousand = hundredThousandSample else { throw SampleError() }
        let n = silhouetteRows
        let labels = (0..<n).map { $0 % 8 }
        blackHole(try silhouetteScore(points: Array(hundredThousand.x.storage[0..<(n * 16)]), featureCount: 16, labels: labels))
    }
}
