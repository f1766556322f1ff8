import _TestSupport
import DecisionTrees
import Ensembles
import Foundation
@testable import LinearModels
import Pipelines
import Tabular
import Testing

/// Model files (pipeline version 3, uplift version 2) have keys that read well: no `_0`, Swift's
/// synthesized key for an enum payload, anywhere in a file of any model kind; and the `_0` forms
/// of earlier files still decode to the same values.
struct ModelFileKeysTests {
    /// Every key of a JSON value, recursively.
    private func keys(_ value: Any) -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: Set(object.keys)) { $0.formUnion(keys($1.value)) }
        }
        if let array = value as? [Any] { return array.reduce(into: []) { $0.formUnion(keys($1)) } }
        return []
    }

    @Test func noModelKindWritesSynthesizedPayloadKeys() throws {
        // Unpenalized logistic regression on a design with an aliased column (x2 = 2 x1) and a
        // missing cell, so the file holds standard errors, an aliased warning and fill values.
        var rows = "x1,x2,plan,churned\n"
        for i in 0..<120 {
            let x1 = Double(i % 17) / 4
            rows += "\(i == 5 ? "" : String(x1)),\(2 * x1),\(["a", "b", "c"][i % 3]),\(i % 4 == 0 || i % 7 == 0 ? 1 : 0)\n"
        }
        let table = try Table(csvBytes: Array(rows.utf8))
        let models: [ModelSpecification] = [
            .logisticRegression(LogisticRegression(l2: 0)),
            .decisionTree(DecisionTreeClassifier(maxDepth: 3, classWeights: .custom([1, 3]))),
            ModelSpecification(GradientBoostingClassifier(rounds: 5, minSamplesLeaf: 5, classWeights: .balanced)),
            ModelSpecification(RandomForestClassifier(trees: 3, maxDepth: 3)),
        ]
        for model in models {
            let result = try PipelineTrainer(options: TrainingOptions(target: "churned", testFraction: 0)).train(table, model: model)
            let json = try JSONSerialization.jsonObject(with: result.pipeline.jsonData())
            #expect(!keys(json).contains("_0"), "\(model): \(keys(json).sorted())")
            #expect(try modelFileSchema.get().errors(in: result.pipeline.jsonData()) == [], "\(model)")
            #expect(try FittedPipeline.decode(result.pipeline.jsonData(), path: "m.json") == result.pipeline)
        }
    }

    @Test func earlierPayloadFormsStillDecode() throws {
        func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
            try JSONDecoder().decode(T.self, from: Data(text.utf8))
        }
        #expect(try decode(ImputedValue.self, #"{"number": {"_0": 6.5}}"#) == .number(6.5))
        #expect(try decode(ImputedValue.self, #"{"number": 6.5}"#) == .number(6.5))
        #expect(try decode(ImputedValue.self, #"{"label": {"_0": "1) $0 - $100"}}"#) == .label("1) $0 - $100"))
        #expect(try decode(ImputedValue.self, #"{"flag": {"_0": true}}"#) == .flag(true))
        #expect(try decode(LogisticTerm.self, #"{"feature": {"_0": 3}}"#) == .feature(3))
        #expect(try decode(LogisticTerm.self, #"{"intercept": {}}"#) == .intercept)
        #expect(try decode(ClassWeights.self, #"{"custom": {"_0": [1, 3]}}"#) == .custom([1, 3]))
        #expect(try decode(ClassWeights.self, #"{"balanced": {}}"#) == .balanced)
        let aliased = try decode(LogisticRegressionWarning.self,
                                 #"{"aliased": {"_0": {"column": 6, "aliasedWith": [{"intercept": {}}, {"feature": {"_0": 5}}]}}}"#)
        guard case .aliased(let term) = aliased else { Issue.record("not aliased: \(aliased)"); return }
        #expect(term.column == 6 && term.aliasedWith == [.intercept, .feature(5)])
        #expect(try decode(LogisticRegressionWarning.self, #"{"notConverged": {"iterations": 7, "gradientNorm": 0.5}}"#)
            == .notConverged(iterations: 7, gradientNorm: 0.5))
        #expect(try decode(_InferenceState.self, #"{"standardErrors": {"_0": [0.1, 0.2]}}"#) == .standardErrors([0.1, 0.2]))
        #expect(try decode(_InferenceState.self, #"{"notComputed": "penalized"}"#) == .notComputed("penalized"))
        // Two case keys, or none, is an error, not a guess.
        #expect(throws: DecodingError.self) { try decode(ImputedValue.self, #"{"number": 1, "label": "a"}"#) }
        #expect(throws: DecodingError.self) { try decode(ImputedValue.self, #"{}"#) }
    }
}
