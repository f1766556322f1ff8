// CSV reading benchmarks: generated numeric data (written once to a temporary file) and, when the
// shared data sets are present, the Telco file. Run with
// `swift package --package-path Benchmarks benchmark --target TabularBenchmarks`.
// Sizes follow CHURNKIT_BENCHMARK_PROFILE (full: 100,000 rows in 10,000-row chunks; ci: 5,000 in 1,000).
import Benchmark
import BenchmarkProfile
import ChurnKit
import Foundation

/// Writes (once) a CSV of `rows` x 33 numbers like the comparison's file: 5 integer columns,
/// 14 columns with 6 significant digits, 14 with 12, and 1% empty fields; returns its path.
private func numericCSV(rows: Int) throws -> String {
    let path = NSTemporaryDirectory() + "churnkit-bench-numeric-n\(rows)-d33.csv"
    if FileManager.default.fileExists(atPath: path) { return path }
    var rng = SeededRandom(seed: 33)
    var text = (0..<33).map { "x\($0)" }.joined(separator: ",") + "\n"
    for _ in 0..<rows {
        var fields: [String] = []
        for j in 0..<33 {
            if rng.nextIndex(below: 100) == 0 {
                fields.append("")
            } else if j < 5 {
                fields.append(String(rng.nextIndex(below: 60)))
            } else if j < 19 {
                fields.append(String(format: "%.6g", rng.nextGaussian() * 100))
            } else {
                fields.append(String(format: "%.12g", rng.nextUnitDouble() * 2000 - 1000))
            }
        }
        text += fields.joined(separator: ",") + "\n"
    }
    try AtomicFile.write(Array(text.utf8), to: path)
    return path
}

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
        let path = try numericCSV(rows: rows)
        benchmark.startMeasurement()
        blackHole(try Table(csvAt: path))
    }

    Benchmark("CSV.chunks.n\(rows).d33.r\(chunkRows)") { benchmark in
        let path = try numericCSV(rows: rows)
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
