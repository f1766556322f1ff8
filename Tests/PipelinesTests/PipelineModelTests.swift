import Foundation
import LinearAlgebra
import ModelProtocols
import Tabular
import Testing
@testable import Pipelines

/// Files written before the model protocols (`Fixtures/legacy-models/make_legacy_models.sh`, commit
/// 2d7c56c): each kind still decodes to its type and scores the first 20 rows of the bundled
/// customers exactly as that build's `churn score` / `churn segment assign` did.
@Suite struct LegacyModelFileTests {
    static func fixture(_ name: String) throws -> String {
        try #require(Bundle.module.path(forResource: "Fixtures/legacy-models/\(name)", ofType: nil))
    }

    static func scoredRows() throws -> Table {
        try Table(csvAt: bundledTelecomCustomers).selecting(rows: Array(0..<20))
    }

    /// One numeric column of a CSV the old build wrote (unquoted fields), parsed exactly.
    static func column(_ name: String, of file: String) throws -> [Double] {
        let lines = try String(contentsOfFile: try fixture(file), encoding: .utf8).split(separator: "\n")
        let index = try #require(lines.first?.split(separator: ",").firstIndex { $0 == name })
        return try lines.dropFirst().map { try #require(Double(String($0.split(separator: ",")[index]))) }
    }

    @Test(arguments: [("logistic-v2.json", "scores-logistic.csv", ModelKind.logisticRegression), ("tree-v2.json", "scores-tree.csv", .decisionTree)])
    func churnModelsScoreAsTheBuildThatWroteThem(model: String, scores: String, kind: ModelKind) throws {
        let pipeline = try FittedPipeline.load(from: try Self.fixture(model))
        #expect(pipeline.model.kind == kind)
        let got = try pipeline.probabilities(for: try Self.scoredRows()).probabilities
        let want = try Self.column("churn_probability", of: scores)
        #expect(got.count == 20 && want.count == 20)
        for (g, w) in zip(got, want) { #expect(abs(g - w) <= 1e-15 * max(1, abs(w)), "\(model): \(g) vs \(w)") }
    }

    @Test func aKMeansSegmentationAssignsAsTheBuildThatWroteIt() throws {
        let pipeline = try FittedPipeline.load(from: try Self.fixture("kmeans-v2.json"))
        #expect(pipeline.model.kind == .kMeans && pipeline.model.classifier == nil)
        let got = try pipeline.segments(for: try Self.scoredRows())
        #expect(got.map(Double.init) == (try Self.column("segment", of: "segments-kmeans.csv")))
        #expect(throws: PipelineError.notAChurnModel(kind: .kMeans)) { try pipeline.probabilities(for: try Self.scoredRows()) }
    }

    @Test func theFilesKeyedTheSameWayAfterARoundTrip() throws {
        for name in ["logistic-v2.json", "tree-v2.json"] {
            let pipeline = try FittedPipeline.load(from: try Self.fixture(name))
            #expect(try FittedPipeline.decode(try pipeline.jsonData()) == pipeline)
            let model = try #require(
                (try JSONSerialization.jsonObject(with: try pipeline.jsonData()) as? [String: Any])?["pipeline"] as? [String: Any])
            let tagged = try #require(model["model"] as? [String: Any])
            #expect(Set(tagged.keys) == ["kind", "parameters"] && tagged["kind"] as? String == pipeline.model.kind.rawValue)
        }
    }
}

@Test func modelsOfDifferentKindsOrParametersAreNotEqual() throws {
    let logistic = try FittedPipeline.load(from: try LegacyModelFileTests.fixture("logistic-v2.json")).model
    let tree = try FittedPipeline.load(from: try LegacyModelFileTests.fixture("tree-v2.json")).model
    let kMeans = try FittedPipeline.load(from: try LegacyModelFileTests.fixture("kmeans-v2.json")).model
    #expect(logistic == logistic && tree == tree && kMeans == kMeans)
    #expect(logistic != tree && tree != kMeans && kMeans != logistic)
    #expect(throws: PipelineError.notASegmentation(kind: .decisionTree)) { try tree.segments(try Matrix(rows: 1, columns: 3, values: [0, 0, 0])) }
}
