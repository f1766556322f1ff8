import _TestSupport
import DecisionTrees
import Foundation
import Tabular
import Testing
@testable import Experiments

@Suite struct FittedUpliftModelFileTests {
    static func model(method: UpliftMethod = .twoModel) throws -> FittedUpliftModel {
        let (table, y, t) = try FittedUpliftModelTests.handSample()
        return try FittedUpliftModel.fit(table, response: y, treatment: t, columns: FittedUpliftModelTests.columns, method: method,
                                         learner: .decisionTree(DecisionTreeClassifier(maxDepth: 1)))
    }

    @Test func roundTripsThroughAFile() throws {
        let model = try Self.model()
        let path = NSTemporaryDirectory() + "uplift-\(UInt64.random(in: 0...UInt64.max)).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.write(to: path)
        #expect(try FittedUpliftModel.load(from: path) == model)
        let header = try JSONSerialization.jsonObject(with: try model.jsonData()) as? [String: Any]
        #expect(header?["format"] as? String == "churnkit-uplift-model" && header?["version"] as? Int == 2)
    }

    @Test(arguments: [UpliftMethod.twoModel, .classTransformation])
    func bothMethodsValidateAgainstTheSchema(_ method: UpliftMethod) throws {
        #expect(try modelFileSchema.get().errors(in: Self.model(method: method).jsonData()) == [])
    }

    @Test func foreignNewerAndCorruptFilesAreRejectedClearly() throws {
        let text = String(decoding: try Self.model().jsonData(), as: UTF8.self)
        func error(_ text: String) -> String {
            do { _ = try FittedUpliftModel.decode(Data(text.utf8), path: "m.json"); return "" } catch { return error.description }
        }
        #expect(error(text.replacingOccurrences(of: "\"version\" : 2", with: "\"version\" : 3")).contains("format version 3"))
        #expect(error(text.replacingOccurrences(of: "churnkit-uplift-model", with: "churnkit-pipeline")).contains("not a ChurnKit uplift model"))
        #expect(error(String(text.prefix(text.count / 2))).hasPrefix("m.json: not a readable uplift model file"))
        #expect(error(text.replacingOccurrences(of: "\"method\" : \"two-model\"", with: "\"method\" : \"class-transformation\"")).contains("with a control model"))
        #expect(error("{}").contains("missing key \"format\""))
        #expect(throws: UpliftModelError.self) { try FittedUpliftModel.load(from: "/nonexistent/uplift.json") }
    }
}

/// Uplift files written before the model protocols (`PipelinesTests/Fixtures/legacy-models/
/// make_legacy_models.sh`, commit 2d7c56c) decode and score the first 20 bundled customers exactly
/// as that build's `churn uplift score` did; a segmentation in a classifier's place is refused.
@Suite struct LegacyUpliftModelFileTests {
    static func fixture(_ name: String) throws -> String {
        try #require(Bundle.module.path(forResource: "Fixtures/legacy-models/\(name)", ofType: nil))
    }

    static func column(_ name: String, of file: String) throws -> [Double] {
        let lines = try String(contentsOfFile: try fixture(file), encoding: .utf8).split(separator: "\n")
        let index = try #require(lines.first?.split(separator: ",").firstIndex { $0 == name })
        return try lines.dropFirst().map { try #require(Double(String($0.split(separator: ",")[index]))) }
    }

    @Test(arguments: [("two-model", UpliftMethod.twoModel), ("class-transformation", .classTransformation)])
    func upliftFilesScoreAsTheBuildThatWroteThem(name: String, method: UpliftMethod) throws {
        let model = try FittedUpliftModel.load(from: try Self.fixture("uplift-\(name)-v1.json"))
        #expect(model.method == method)
        let customers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("datasets/telecom-customers.csv").path
        let got = try model.predict(try Table(csvAt: customers).selecting(rows: Array(0..<20)))
        let want = try Self.column("uplift", of: "uplift-\(name).csv")
        #expect(got.count == 20 && want.count == 20)
        for (g, w) in zip(got, want) { #expect(abs(g - w) <= 1e-15, "\(name): \(g) vs \(w)") }
    }

    @Test func aSegmentationInPlaceOfAClassifierIsRefusedNamingItsKind() throws {
        let text = try String(contentsOfFile: try Self.fixture("uplift-two-model-v1.json"), encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"kind\" : \"tree\"", with: "\"kind\" : \"kmeans\"")
        #expect(edited != text)
        let message: String
        do { _ = try FittedUpliftModel.decode(Data(edited.utf8), path: "m.json"); message = "" } catch { message = error.description }
        #expect(message.hasPrefix("m.json: not a readable uplift model file") && message.contains("a kmeans segmentation where a classifier"))
        let unknown = text.replacingOccurrences(of: "\"kind\" : \"tree\"", with: "\"kind\" : \"neural-net\"")
        do { _ = try FittedUpliftModel.decode(Data(unknown.utf8), path: "m.json"); Issue.record("decoded") } catch {
            #expect(error.description.contains("unknown classifier kind \"neural-net\""))
        }
    }
}
