import DecisionTrees
import Foundation
import Tabular
import Testing
@testable import Experiments

@Suite struct FittedUpliftModelFileTests {
    static func model() throws -> FittedUpliftModel {
        let (table, y, t) = try FittedUpliftModelTests.handSample()
        return try FittedUpliftModel.fit(table, response: y, treatment: t, columns: FittedUpliftModelTests.columns, method: .twoModel,
                                         learner: .decisionTree(DecisionTreeClassifier(maxDepth: 1)))
    }

    @Test func roundTripsThroughAFile() throws {
        let model = try Self.model()
        let path = NSTemporaryDirectory() + "uplift-\(UInt64.random(in: 0...UInt64.max)).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.write(to: path)
        #expect(try FittedUpliftModel.load(from: path) == model)
        let header = try JSONSerialization.jsonObject(with: try model.jsonData()) as? [String: Any]
        #expect(header?["format"] as? String == "churnkit-uplift-model" && header?["version"] as? Int == 1)
    }

    @Test func foreignNewerAndCorruptFilesAreRejectedClearly() throws {
        let text = String(decoding: try Self.model().jsonData(), as: UTF8.self)
        func error(_ text: String) -> String {
            do { _ = try FittedUpliftModel.decode(Data(text.utf8), path: "m.json"); return "" } catch { return error.description }
        }
        #expect(error(text.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 2")).contains("format version 2"))
        #expect(error(text.replacingOccurrences(of: "churnkit-uplift-model", with: "churnkit-pipeline")).contains("not a ChurnKit uplift model"))
        #expect(error(String(text.prefix(text.count / 2))).hasPrefix("m.json: not a readable uplift model file"))
        #expect(error(text.replacingOccurrences(of: "\"method\" : \"two-model\"", with: "\"method\" : \"class-transformation\"")).contains("with a control model"))
        #expect(error("{}").contains("missing key \"format\""))
        #expect(throws: UpliftModelError.self) { try FittedUpliftModel.load(from: "/nonexistent/uplift.json") }
    }
}
