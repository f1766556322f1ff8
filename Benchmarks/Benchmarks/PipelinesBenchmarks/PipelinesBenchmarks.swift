// Pipeline benchmarks at the AXA scale: a logistic pipeline trained on 2,000,000 synthetic telecom
// customers (13 feature columns and a unique customer id), its model file size, and streamed
// scoring of the 2,000,000 rows with that model against a model trained without the id column.
// Run with `swift package --package-path Benchmarks benchmark --target PipelinesBenchmarks`.
// Sizes follow CHURNKIT_BENCHMARK_PROFILE (full: 2,000,000 rows; ci: 10,000).
import Benchmark
import BenchmarkProfile
import ChurnKit
import Foundation

/// Rows of the training and scoring file.
private let rows = BenchmarkProfile.size(ci: 10_000, full: 2_000_000)

/// Writes (once) the synthetic telecom file of `rows` customers; returns its path.
private func customersCSV() throws -> String {
    let path = NSTemporaryDirectory() + "churnkit-bench-telecom-n\(rows).csv"
    if FileManager.default.fileExists(atPath: path) { return path }
    try CSVWriter.write(try SyntheticTelecomCustomers(rowCount: rows, seed: 2).makeTable(), toFileAt: path)
    return path
}

/// The two models, trained once: with the id column in the file (found and left out as an id)
/// and on the same rows with the id column removed beforehand.
private let models: Result<(withId: FittedPipeline, withoutId: FittedPipeline), any Error> = Result {
    let table = try Table(csvAt: try customersCSV())
    let trainer = PipelineTrainer(options: TrainingOptions(target: "churned", testFraction: 0))
    let withId = try trainer.train(table, model: .logisticRegression(LogisticRegression())).pipeline
    let withoutIdTable = try Table(columns: table.columns.filter { $0.name != "customer_id" })
    let withoutId = try trainer.train(withoutIdTable, model: .logisticRegression(LogisticRegression())).pipeline
    let bytes = try withId.jsonData().count
    FileHandle.standardError.write(Data("model file trained on \(rows) rows: \(bytes) bytes (with the id column in the file), \(try withoutId.jsonData().count) bytes (without)\n".utf8))
    guard bytes < 100_000 else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "model file of \(bytes) bytes, over 100 KB"])
    }
    return (withId, withoutId)
}

/// Reads the file in 65,536-row chunks with the model's schema and scores it (probabilities and
/// risk deciles), as `churn score` does; the same work for both models, so the two timings
/// differ only by what the model file makes the reader and the encoder do.
private func scoreFile(with pipeline: FittedPipeline, path: String) throws {
    let reader = try CSVChunkReader(fileAt: path, rowsPerChunk: 65_536, schema: pipeline.schema)
    while let chunk = try reader.next() {
        let scores = try pipeline.probabilities(for: chunk).probabilities
        blackHole(scores.map(pipeline.riskDecile(of:)))
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = BenchmarkProfile.configuration(.init(
        metrics: [.wallClock, .throughput, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 5))

    Benchmark("Pipeline.score.n\(rows).modelTrainedWithIdColumn") { benchmark in
        let pipeline = try models.get().withId
        let path = try customersCSV()
        benchmark.startMeasurement()
        try scoreFile(with: pipeline, path: path)
    }

    Benchmark("Pipeline.score.n\(rows).modelTrainedWithoutIdColumn") { benchmark in
        let pipeline = try models.get().withoutId
        let path = try customersCSV()
        benchmark.startMeasurement()
        try scoreFile(with: pipeline, path: path)
    }
}
