import Foundation
import LinearModels
import Testing
import Tabular
@testable import Pipelines

private func trainedPipeline() throws -> (FittedPipeline, Table) {
    let table = try SyntheticTelecomCustomers(rowCount: 400, seed: 5).makeTable()
    let result = try PipelineTrainer(options: TrainingOptions(target: "churned", testFraction: 0))
        .train(table, model: .logisticRegression(LogisticRegression()))
    return (result.pipeline, table)
}

@Test func aSavedPipelineScoresIdenticallyAfterLoading() throws {
    let (pipeline, table) = try trainedPipeline()
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID()).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try pipeline.write(to: path)
    let loaded = try FittedPipeline.load(from: path)
    #expect(loaded == pipeline)
    #expect(try loaded.probabilities(for: table).probabilities == pipeline.probabilities(for: table).probabilities)
    #expect(try pipeline.jsonData() == loaded.jsonData())
}

@Test func corruptForeignAndNewerFilesGiveClearErrors() throws {
    let (pipeline, _) = try trainedPipeline()
    let good = try pipeline.jsonData()
    let truncated = good.prefix(good.count / 2)
    #expect {
        try FittedPipeline.decode(Data(truncated), path: "m.json")
    } throws: { error in
        guard case PipelineError.unreadableModel(let path, _) = error else { return false }
        return path == "m.json"
    }
    let foreign = Data(#"{"format": "something-else", "version": 1}"#.utf8)
    #expect(throws: PipelineError.unsupportedModel(
        path: "f.json", reason: "format is \"something-else\", not a ChurnKit pipeline (\"churnkit-pipeline\")")) {
        try FittedPipeline.decode(foreign, path: "f.json")
    }
    var object = try #require(try JSONSerialization.jsonObject(with: good) as? [String: Any])
    object["version"] = 99
    let newer = try JSONSerialization.data(withJSONObject: object)
    #expect {
        try FittedPipeline.decode(newer, path: "n.json")
    } throws: { error in
        "\(error)".contains("format version 99")
    }
    // A model whose matrix lost a value is caught by the shape check, naming where.
    let text = String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"kind\" : \"logistic\"", with: "\"kind\" : \"neural-net\"")
    #expect {
        try FittedPipeline.decode(Data(text.utf8), path: "k.json")
    } throws: { error in
        "\(error)".contains("unknown model kind \"neural-net\"")
    }
    #expect(throws: PipelineError.self) { try FittedPipeline.load(from: "/nonexistent/model.json") }
}

@Test func aModelFileHoldsNoIdNoIgnoredValueAndNoLevelUnseenByTheEncoder() throws {
    // Observation 3: the schema used to keep every level of every column, ids and hold-out rows included.
    let base = try SyntheticTelecomCustomers(rowCount: 400, seed: 8).makeTable()
    let labels = try TargetSpecification(table: base, column: "churned").labels(in: base).labels
    let split = try DataSplit.stratified(labels: labels, testFraction: 0.25, seed: 3)
    let region = try base.column(named: "region")
    let heldOutRow = try #require(split.test.first)
    let renamed = Column(name: "region", labels: (0..<base.rowCount).map { $0 == heldOutRow ? "Atlantis" : region.text(at: $0) })
    let secret = Column(name: "notes", labels: (0..<base.rowCount).map { "secret-\($0 % 7)" })
    let table = try Table(columns: base.columns.map { $0.name == "region" ? renamed : $0 } + [secret])
    let result = try PipelineTrainer(options: TrainingOptions(
        target: "churned", ignoredColumns: ["notes"], testFraction: 0.25, seed: 3, refit: false))
        .train(table, model: .logisticRegression(LogisticRegression()))
    let json = String(decoding: try result.pipeline.jsonData(), as: UTF8.self)
    let ids = try table.column(named: "customer_id")
    let idTexts = (0..<table.rowCount).compactMap { ids.text(at: $0) }
    #expect(idTexts.count == 400 && idTexts.allSatisfy { !json.contains("\"\($0)\"") })
    #expect(!json.contains("secret-"))
    #expect(!json.contains("Atlantis"))
    #expect(!json.contains("\"churned\" : {"))
    let schema = result.pipeline.schema
    #expect(Set(schema.columns.map(\.name)) == Set(result.pipeline.encoder.requiredColumns + ["customer_id"]))
    #expect(schema.columns.allSatisfy { $0.levels.isEmpty })
    #expect(result.pipeline.training?.fittedOn == .trainingSplit)
    #expect(result.pipeline.training?.fittedRows == 300)
}

@Test func versionOneFilesLoadWithTheirSchemaReducedToWhatScoringReads() throws {
    let (pipeline, table) = try trainedPipeline()
    var object = try #require(try JSONSerialization.jsonObject(with: try pipeline.jsonData()) as? [String: Any])
    var inner = try #require(object["pipeline"] as? [String: Any])
    inner["schema"] = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(CSVSchema(of: table)))
    inner["training"] = nil
    object["pipeline"] = inner
    object["version"] = 1
    object["contentSHA256"] = nil  // version 1 files have no content hash
    let old = try JSONSerialization.data(withJSONObject: object)
    #expect(String(decoding: old, as: UTF8.self).contains("C100399"))
    let loaded = try FittedPipeline.decode(old, path: "v1.json")
    #expect(loaded.schema == pipeline.schema)
    #expect(loaded.training == nil)
    #expect(try loaded.probabilities(for: table).probabilities == pipeline.probabilities(for: table).probabilities)
    #expect(!String(decoding: try loaded.jsonData(), as: UTF8.self).contains("C100399"))
    #expect(FittedPipeline.fileVersion == 3)
}

@Test func aModelFileDoesNotGrowWithTheTrainingRows() throws {
    // The 2,000,000-row case is measured by Benchmarks' PipelinesBenchmarks; here, 20x more rows
    // change only the digits of the row counts and of the fitted numbers, for 13 feature columns.
    func fileSize(rows: Int) throws -> Int {
        let table = try SyntheticTelecomCustomers(rowCount: rows, seed: 21).makeTable()
        let result = try PipelineTrainer(options: TrainingOptions(target: "churned", testFraction: 0))
            .train(table, model: .logisticRegression(LogisticRegression()))
        #expect(result.pipeline.encoder.requiredColumns.count == 13)
        return try result.pipeline.jsonData().count
    }
    let small = try fileSize(rows: 2_000)
    let large = try fileSize(rows: 40_000)
    #expect(large < 100_000)
    #expect(abs(large - small) < 400, "\(small) bytes at 2,000 rows, \(large) at 40,000")
}
