import _TestSupport
import DecisionTrees
import Ensembles
import Foundation
import LinearModels
import ModelMetrics
import Tabular
import Testing
@testable import Pipelines

/// 400 synthetic customers and the option to predict their churn.
private let customers = Result { try SyntheticTelecomCustomers(rowCount: 400, seed: 5).makeTable() }
private let churnOptions = TrainingOptions(target: "churned", testFraction: 0)

/// A file of each model kind, as written (logistic, calibrated logistic, tree, gbdt, forest, k-means).
private let modelFiles: Result<[String: Data], any Error> = Result {
    let table = try customers.get()
    let trainer = PipelineTrainer(options: churnOptions)
    let logistic = ModelSpecification.logisticRegression(LogisticRegression())
    let plain = try trainer.train(table, model: logistic).pipeline
    let (calibrated, _) = try CrossValidation(folds: 3, seed: 1).calibrate(
        plain, method: .isotonic, table: table, options: churnOptions, model: logistic)
    let segmentation = try SegmentationTrainer(options: SegmentationOptions(features: ["tenure_months", "monthly_charges"], k: 3...3, seed: 1))
        .segment(table).pipeline
    return [
        "logistic": try plain.jsonData(),
        "calibrated": try calibrated.jsonData(),
        "tree": try trainer.train(table, model: .decisionTree(DecisionTreeClassifier(maxDepth: 4))).pipeline.jsonData(),
        "gbdt": try trainer.train(table, model: ModelSpecification(GradientBoostingClassifier(rounds: 5, maxLeaves: 4))).pipeline.jsonData(),
        "forest": try trainer.train(table, model: ModelSpecification(RandomForestClassifier(trees: 3, maxDepth: 3))).pipeline.jsonData(),
        "kmeans": try segmentation.jsonData(),
    ]
}

/// One step of a key path in a JSON document: an object key or an array index.
private enum Step {
    case key(String)
    case index(Int)
}

/// `data` (a JSON document) with the value at `path` replaced by `change(old value)`.
private func edited(_ data: Data, _ path: [Step], _ change: (Any) -> Any) throws -> Data {
    func apply(_ value: Any, _ rest: ArraySlice<Step>) throws -> Any {
        guard let step = rest.first else { return change(value) }
        switch step {
        case .key(let key):
            var object = try #require(value as? [String: Any], "no object before \(key)")
            object[key] = try apply(object[key] as Any, rest.dropFirst())
            return object
        case .index(let k):
            var array = try #require(value as? [Any], "no array before [\(k)]")
            array[k] = try apply(array[k], rest.dropFirst())
            return array
        }
    }
    return try JSONSerialization.data(withJSONObject: try apply(try JSONSerialization.jsonObject(with: data), path[...]))
}

/// The error message of decoding `data`, or nil when it loads.
private func loadError(_ data: Data) -> String? {
    do {
        _ = try FittedPipeline.decode(data, path: "m.json")
        return nil
    } catch {
        return "\(error)"
    }
}

/// The index of the first encoded column of `data` that is numeric (or one-hot when `oneHot`).
private func columnIndex(_ data: Data, oneHot: Bool) throws -> Int {
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let columns = try #require(((root["pipeline"] as? [String: Any])?["encoder"] as? [String: Any])?["columns"] as? [[String: Any]])
    return try #require(columns.firstIndex { ($0["oneHot"] != nil) == oneHot })
}

private let pipelineKey: [Step] = [.key("pipeline")]

@Test(arguments: ["logistic", "calibrated", "tree", "gbdt", "forest", "kmeans"])
func everyModelKindLoadsWithItsContentHash(_ kind: String) throws {
    let data = try #require(try modelFiles.get()[kind])
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let hash = try #require(root["contentSHA256"] as? String)
    let loaded = try FittedPipeline.decode(data, path: "m.json")
    #expect(try loaded.contentSHA256() == hash && hash.count == 64)
    // Reformatted JSON (compact: the file's line breaks and indentation removed) loads. (Not
    // through JSONSerialization, which writes -0 as 0: another number for the hash.)
    let compact = String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.drop { $0 == " " } }.joined()
    let reformatted = loadError(Data(compact.utf8))
    #expect(reformatted == nil, "\(reformatted ?? "")")
    // A file without the hash (written before it existed) still loads.
    let unhashed = loadError(try edited(data, [], { var o = $0 as? [String: Any] ?? [:]; o["contentSHA256"] = nil; return o }))
    #expect(unhashed == nil, "\(unhashed ?? "")")
}

/// Every kind validates against docs/model-file.schema.json; an unknown key or another kind's
/// parameters do not.
@Test(arguments: ["logistic", "calibrated", "tree", "gbdt", "forest", "kmeans"])
func everyModelKindValidatesAgainstTheSchema(_ kind: String) throws {
    let data = try #require(try modelFiles.get()[kind])
    let schema = try modelFileSchema.get()
    #expect(try schema.errors(in: data) == [])
    let extra = try edited(data, pipelineKey + [.key("model"), .key("parameters")]) { old in
        var parameters = old as? [String: Any] ?? [:]
        parameters["extra"] = 1
        return parameters
    }
    #expect(try schema.errors(in: extra).joined().contains(#"$.pipeline.model.parameters: unexpected key "extra""#))
    let otherKind = try edited(data, pipelineKey + [.key("model"), .key("kind")]) { _ in kind == "kmeans" ? "logistic" : "kmeans" }
    #expect(try schema.errors(in: otherKind) != [])
}

@Test func anEditedParameterBreaksTheContentHash() throws {
    let data = try #require(try modelFiles.get()["logistic"])
    let changed = try edited(data, pipelineKey + [.key("model"), .key("parameters"), .key("intercept")]) { old in
        ((old as? Double) ?? 0) + 1e-9
    }
    #expect(loadError(changed)?.contains("m.json: contentSHA256: the parameters do not match the content hash") == true)
}

@Test func riskDecileEdgesMustBeNineFiniteDecreasingNumbers() throws {
    let data = try #require(try modelFiles.get()["logistic"])
    let edges = pipelineKey + [.key("riskDecileEdges")]
    #expect(loadError(try edited(data, edges + [.index(3)]) { _ in "nan" })
        == "m.json: pipeline.riskDecileEdges[3]: nan is not a finite number")
    #expect(loadError(try edited(data, edges) { _ in [Double](repeating: 0.5, count: 1_000_000) })
        == "m.json: pipeline.riskDecileEdges: 1000000 cut points; a churn model has 9")
    #expect(loadError(try edited(data, edges) { _ in [Double]() }) == "m.json: pipeline.riskDecileEdges: 0 cut points; a churn model has 9")
    #expect(loadError(try edited(data, edges + [.index(8)]) { _ in 0.99 })?
        .hasPrefix("m.json: pipeline.riskDecileEdges[8]: 0.99 is above the cut point before it") == true)
}

@Test func scalesCentresAndFillsMustBeUsable() throws {
    let data = try #require(try modelFiles.get()["logistic"])
    let k = try columnIndex(data, oneHot: false)
    let column = pipelineKey + [.key("encoder"), .key("columns"), .index(k)]
    #expect(loadError(try edited(data, column + [.key("scale")]) { _ in -2.0 })
        == "m.json: pipeline.encoder.columns[\(k)].scale: -2.0 is not a positive finite number")
    #expect(loadError(try edited(data, column + [.key("scale")]) { _ in 0.0 })
        == "m.json: pipeline.encoder.columns[\(k)].scale: 0.0 is not a positive finite number")
    #expect(loadError(try edited(data, column + [.key("center")]) { _ in "inf" })
        == "m.json: pipeline.encoder.columns[\(k)].center: inf is not a finite number")
    #expect(loadError(try edited(data, column + [.key("imputation"), .key("fill")]) { _ in ["number": ["_0": "nan"]] })
        == "m.json: pipeline.encoder.columns[\(k)].imputation.fill: nan is not a finite number")
}

@Test func oneHotListsMustAgree() throws {
    let data = try #require(try modelFiles.get()["logistic"])
    let k = try columnIndex(data, oneHot: true)
    let group = pipelineKey + [.key("encoder"), .key("columns"), .index(k), .key("oneHot")]
    let unknown = try edited(data, group + [.key("encodedCategories"), .index(0)]) { _ in "no such level" }
    #expect(loadError(unknown) == "m.json: pipeline.encoder.columns[\(k)].oneHot.encodedCategories: \"no such level\" is not among "
        + "oneHot.categories after the levels before it (the encoded levels are a subsequence of the levels)")
    let twice = try edited(data, group + [.key("categories")]) { old in
        let levels = old as? [String] ?? []
        return levels + levels.prefix(1)
    }
    #expect(loadError(twice) == "m.json: pipeline.encoder.columns[\(k)].oneHot.categories: a level is listed twice")
    let reordered = try edited(data, group + [.key("encodedCategories")]) { old in Array((old as? [String] ?? []).reversed()) }
    let levels = try #require(try FittedPipeline.decode(data).encoder.columns[k].oneHot?.encodedCategories)
    if levels.count > 1 { #expect(loadError(reordered)?.contains("oneHot.encodedCategories") == true) }
}

@Test func theModelMustReadTheFeaturesTheEncoderMakes() throws {
    let data = try #require(try modelFiles.get()["logistic"])
    let coefficients = pipelineKey + [.key("model"), .key("parameters"), .key("coefficients")]
    #expect(loadError(try edited(data, coefficients) { old in Array((old as? [Any] ?? []).dropLast()) })?
        .hasPrefix("m.json: pipeline.model.parameters: the model reads") == true)
    #expect(loadError(try edited(data, coefficients + [.index(2)]) { _ in "inf" })
        == "m.json: pipeline.model.parameters.coefficients[2]: inf is not a finite number")
}

@Test func treeNodesAndCentroidsAreCheckedByTheirDecoders() throws {
    let files = try modelFiles.get()
    let tree = try #require(files["tree"])
    let split = pipelineKey + [.key("model"), .key("parameters"), .key("nodes"), .index(0), .key("split")]
    #expect(loadError(try edited(tree, split + [.key("left")]) { _ in 1_000_000 })?.contains("node 0 has children 1000000") == true)
    #expect(loadError(try edited(tree, split + [.key("left")]) { _ in 0 })?.contains("node 0 has children 0") == true)
    let kmeans = try #require(files["kmeans"])
    let centroids = pipelineKey + [.key("model"), .key("parameters"), .key("centroids")]
    #expect(loadError(try edited(kmeans, centroids + [.key("columns")]) { _ in 5 }) != nil)
    #expect(loadError(try edited(kmeans, centroids + [.key("values"), .index(0)]) { _ in "nan" })?.contains("centroids must be a finite matrix") == true)
}
