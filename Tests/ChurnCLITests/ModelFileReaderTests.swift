import Foundation
import Testing
@testable import ChurnCLI

/// The first `python3` on the PATH, if any.
private let python3 = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
    .map { $0 + "/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }

/// docs/score_logistic.py, the standard-library reader that docs/model-file.md describes.
private let pythonReader = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("docs/score_logistic.py").path

/// Runs the Python reader on a model and a CSV; returns id → probability.
private func pythonScores(model: String, data: String, python: String) throws -> [String: Double] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [pythonReader, model, data]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return probabilities(String(decoding: output, as: UTF8.self))
}

/// id → probability from `id,churn_probability[,...]` CSV text with a header.
private func probabilities(_ text: String) -> [String: Double] {
    var result: [String: Double] = [:]
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
        let fields = line.split(separator: ",")
        if fields.count >= 2, let p = Double(fields[1]) { result[String(fields[0])] = p }
    }
    return result
}

/// The model file documents everything scoring needs: a reader written from docs/model-file.md
/// alone, in Python's standard library, gives `churn score`'s probabilities (bundled data, and
/// Telco with its blank TotalCharges when ../shared is present).
@Test(.enabled(if: python3 != nil, "needs python3 on the PATH to run docs/score_logistic.py"))
func pythonReaderRescoresLogisticModels() throws {
    let python = try #require(python3)
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var files = [(bundledDatasets + "/telecom-customers.csv", "churned")]
    if sharedDataAvailable { files.append((sharedDatasets + "/telco-customer-churn.csv", "Churn")) }
    for (index, (data, target)) in files.enumerated() {
        let model = dir.appendingPathComponent("model\(index).json").path
        let scores = dir.appendingPathComponent("scores\(index).csv").path
        _ = try TrainCommand.parse([data, "--target", target, "--out", model]).makeOutput()
        _ = try ScoreCommand.parse([model, data, "--out", scores]).makeOutput()
        let swift = probabilities(try String(contentsOfFile: scores, encoding: .utf8))
        let python = try pythonScores(model: model, data: data, python: python)
        #expect(swift.count > 1000 && python.count == swift.count)
        let gap = swift.map { id, p in abs(p - (python[id] ?? .infinity)) }.max() ?? .infinity
        #expect(gap < 1e-12, "largest difference \(gap) on \(data)")
    }
}
