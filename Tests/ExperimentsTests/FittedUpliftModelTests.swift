import Pipelines
import DecisionTrees
import LinearAlgebra
import LinearModels
import Tabular
import Testing
@testable import Experiments

@Suite struct FittedUpliftModelTests {
    static let columns = UpliftTrainingColumns(treatment: "t", controlLabel: nil, outcome: "y", churnOutcome: false)

    /// Segment a: treated 3/4 respond, control 1/4 → uplift +0.5; segment b: 1/4 vs 3/4 → −0.5.
    static func handSample() throws -> (Table, [Bool], [Bool]) {
        var segment: [String?] = [], response: [Bool] = [], treatment: [Bool] = []
        for s in ["a", "b"] {
            for treated in [true, false] {
                let responders = (s == "a") == treated ? 3 : 1
                for k in 0..<4 { segment.append(s); response.append(k < responders); treatment.append(treated) }
            }
        }
        return (try Table(columns: [Column(name: "segment", labels: segment)]), response, treatment)
    }

    static let stump = ModelSpecification.decisionTree(DecisionTreeClassifier(maxDepth: 1, leafSmoothing: 0))

    @Test func twoModelTreeGivesTheHandWorkedGroupDifferences() throws {
        let (table, y, t) = try Self.handSample()
        let model = try FittedUpliftModel.fit(table, response: y, treatment: t, columns: Self.columns, method: .twoModel, learner: Self.stump)
        let scores = try model.predict(try Table(columns: [Column(name: "segment", labels: ["a", "b"])]))
        #expect(scores.count == 2 && abs(scores[0] - 0.5) < 1e-12 && abs(scores[1] + 0.5) < 1e-12)
        #expect(model.trainingCounts == [8, 8] && model.controlModel != nil && model.treatedModel.kind == "tree")
    }

    @Test func classTransformationGivesTheSameUpliftsOnBalancedGroups() throws {
        // Equal groups: no resampling; P(z | a) = 6/8, P(z | b) = 2/8, uplift = 2p − 1 = ±0.5.
        let (table, y, t) = try Self.handSample()
        let model = try FittedUpliftModel.fit(table, response: y, treatment: t, columns: Self.columns, method: .classTransformation, learner: Self.stump)
        let scores = try model.predict(try Table(columns: [Column(name: "segment", labels: ["b", "a"])]))
        #expect(abs(scores[0] + 0.5) < 1e-12 && abs(scores[1] - 0.5) < 1e-12)
        #expect(model.controlModel == nil)
    }

    @Test func twoModelLogisticIsTheDifferenceOfTwoDirectFits() throws {
        var random = SeededRandom(seed: 11)
        var x1: [Double] = [], response: [Bool] = [], treatment: [Bool] = []
        for _ in 0..<300 {
            let v = random.nextUnitDouble(), treated = random.nextUnitDouble() < 0.5
            x1.append(v); treatment.append(treated)
            response.append(random.nextUnitDouble() < (treated ? 0.2 + 0.5 * v : 0.4))
        }
        let table = try Table(columns: [Column(name: "x1", numeric: x1), Column(name: "id", labels: x1.indices.map { "c\($0)" })])
        let model = try FittedUpliftModel.fit(
            table, excluding: ["id"], response: response, treatment: treatment, columns: Self.columns, method: .twoModel,
            learner: .logisticRegression(LogisticRegression()))
        // Reference: the same standardization and two logistic fits done by hand.
        let encoder = try FeatureEncoder().fit(table, columns: ["x1"])
        let x = try encoder.transform(table)
        func fit(_ treated: Bool) throws -> LogisticRegressionModel {
            let rows = treatment.indices.filter { treatment[$0] == treated }
            return try LogisticRegression().fit(try Matrix(rows.map { Array(x.row($0)) }), rows.map { response[$0] })
        }
        let expected = zip(try fit(true).predictProbabilities(x), try fit(false).predictProbabilities(x)).map { $0 - $1 }
        let scores = try model.predict(table)
        #expect(zip(scores, expected).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(model.encoder.requiredColumns == ["x1"] && model.schema.columns.map(\.name) == ["x1"])
    }

    @Test func fitErrorsNameTheProblem() throws {
        let (table, y, t) = try Self.handSample()
        #expect(throws: ExperimentsError.self) {
            try FittedUpliftModel.fit(table, response: y, treatment: t.map { _ in true }, columns: Self.columns, method: .twoModel, learner: Self.stump)
        }
        #expect(throws: UpliftModelError.self) {
            try FittedUpliftModel.fit(table, features: ["nope"], response: y, treatment: t, columns: Self.columns, method: .twoModel, learner: Self.stump)
        }
        // The control group never responds in this variant: its classifier sees one class.
        let allControlFail = y.indices.map { t[$0] ? y[$0] : false }
        #expect(throws: UpliftModelError.self) {
            try FittedUpliftModel.fit(table, response: allControlFail, treatment: t, columns: Self.columns, method: .twoModel,
                                      learner: .logisticRegression(LogisticRegression()))
        }
    }
}
