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
    let text = String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"kind\" : \"logistic\"", with: "\"kind\" : \"forest\"")
    #expect {
        try FittedPipeline.decode(Data(text.utf8), path: "k.json")
    } throws: { error in
        "\(error)".contains("unknown model kind \"forest\"")
    }
    #expect(throws: PipelineError.self) { try FittedPipeline.load(from: "/nonexistent/model.json") }
}
