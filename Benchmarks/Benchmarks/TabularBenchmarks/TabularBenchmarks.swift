// CSV reading benchmarks: generated numeric data (written once to a temporary file) and, when the
// shared data sets are present, the Telco file. Run with
// `swift package --package-path Benchmarks benchmark --target TabularBenchmarks`.
// Sizes follow CHURNKIT_BENCHMARK_PROFILE (full: 100,000 rows in 10,000-row chunks; ci: 5,000 in 1,000).
import Benchmark
import BenchmarkData
import BenchmarkProfile
import ChurnKit
import Foundation

/// The Telco file beside the package (../shared/datasets), if present.
private let telcoPath: String? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent("../shared/datasets/telco-customer-churn.csv").standardized.path
    return FileManager.default.fileExists(atPath: path) ? path : nil
}()

/// Rows of the generated numeric file.
private let rows = BenchmarkProfile.size(ci: 5_000, full: 100_000)
/// Rows per chunk of the chunked read.
private let chunkRows = BenchmarkProfile.size(ci: 1_000, full: 10_000)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = BenchmarkProfile.configuration(.init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 20))

    Benchmark("CSV.read.n\(rows).d33") { benchmark in
        let path = try BenchmarkData.numericCSV(rows: rows)
        benchmark.startMeasurement()
        blackHole(try Table(csvAt: path))
    }

    Benchmark("CSV.chunks.n\(rows).d33.r\(chunkRows)") { benchmark in
        let path = try BenchmarkData.numericCSV(rows: rows)
        benchmark.startMeasurement()
        let reader = try CSVChunkReader(fileAt: path, rowsPerChunk: chunkRows)
        while let chunk = try reader.next() { blackHole(chunk) }
    }

    if let telcoPath {
        Benchmark("CSV.read.telco") { _ in
            blackHole(try Table(csvAt: telcoPath))
        }
    }
}
