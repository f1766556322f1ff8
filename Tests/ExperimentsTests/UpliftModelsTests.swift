import LinearAlgebra
import Tabular
import Testing
@testable import Experiments

@Suite struct UpliftModelsTests {
    /// A learner that predicts, for each value of the first feature, the training mean of the label
    /// (0.5 for an unseen value): exact conditional frequencies, so uplifts can be worked by hand.
    static let groupMeanLearner: ProbabilityLearner = { x, y in
        var sums: [Double: (Double, Double)] = [:]
        for i in 0..<x.rows {
            let key = x[i, 0]
            let old = sums[key] ?? (0, 0)
            sums[key] = (old.0 + (y[i] ? 1 : 0), old.1 + 1)
        }
        let means = sums.mapValues { $0.0 / $0.1 }
        return { features in (0..<features.rows).map { means[features[$0, 0]] ?? 0.5 } }
    }

    /// Segment 0: treated 3/4 respond, control 1/4 → uplift 0.5. Segment 1: treated 1/4, control 3/4 → −0.5.
    static func sample() throws -> (Matrix, [Bool], [Bool]) {
        var features: [[Double]] = [], outcome: [Bool] = [], treatment: [Bool] = []
        for segment in 0...1 {
            for treated in [true, false] {
                let responders = (segment == 0) == treated ? 3 : 1
                for k in 0..<4 {
                    features.append([Double(segment)])
                    outcome.append(k < responders)
                    treatment.append(treated)
                }
            }
        }
        return (try Matrix(features), outcome, treatment)
    }

    @Test func twoModelIsTheDifferenceOfGroupRates() throws {
        let (x, y, t) = try Self.sample()
        let model = try UpliftLearner.twoModel(x: x, outcome: y, treatment: t, learner: Self.groupMeanLearner)
        #expect(try model.predict(try Matrix([[0], [1]])) == [0.5, -0.5])
        #expect(model.method == "two-model")
    }

    @Test func classTransformationRecoversTheSameUpliftWhenBalanced() throws {
        // z-rate in segment 0: (3 treated responders + 3 control non-responders) / 8 = 0.75 → 2·0.75 − 1 = 0.5.
        let (x, y, t) = try Self.sample()
        let model = try UpliftLearner.classTransformation(x: x, outcome: y, treatment: t, learner: Self.groupMeanLearner)
        #expect(try model.predict(try Matrix([[0], [1]])) == [0.5, -0.5])
    }

    @Test func classTransformationBalancesUnequalGroups() throws {
        // 400 treated and 100 controls, one segment, true rates 0.6 vs 0.3: the balanced fit must
        // estimate ≈ 0.3, whereas the unbalanced identity would not.
        var rng = SeededRandom(seed: 4)
        var rows: [[Double]] = [], y: [Bool] = [], t: [Bool] = []
        for i in 0..<500 {
            let treated = i < 400
            rows.append([0]); t.append(treated)
            y.append(rng.nextUnitDouble() < (treated ? 0.6 : 0.3))
        }
        let model = try UpliftLearner.classTransformation(x: try Matrix(rows), outcome: y, treatment: t, learner: Self.groupMeanLearner, seed: 1)
        let twoModel = try UpliftLearner.twoModel(x: try Matrix(rows), outcome: y, treatment: t, learner: Self.groupMeanLearner)
        let estimate = try model.predict(try Matrix([[0]]))[0]
        #expect(abs(estimate - (try twoModel.predict(try Matrix([[0]]))[0])) < 0.06)
    }

    @Test func failuresAreReportedWithTheGroup() throws {
        struct Boom: Error {}
        let (x, y, t) = try Self.sample()
        let failing: ProbabilityLearner = { _, _ in throw Boom() }
        #expect(throws: ExperimentsError.learnerFailed(group: "treated", reason: "Boom()")) {
            try UpliftLearner.twoModel(x: x, outcome: y, treatment: t, learner: failing)
        }
        #expect(throws: ExperimentsError.self) {
            try UpliftLearner.twoModel(x: x, outcome: y, treatment: t.map { _ in true }, learner: Self.groupMeanLearner)
        }
        #expect(throws: ExperimentsError.lengthMismatch(argument: "outcome", count: 1, expected: 16)) {
            try UpliftLearner.classTransformation(x: x, outcome: [true], treatment: t, learner: Self.groupMeanLearner)
        }
        let wrongCount: ProbabilityLearner = { _, _ in { _ in [0.5] } }
        let model = try UpliftLearner.twoModel(x: x, outcome: y, treatment: t, learner: wrongCount)
        #expect(throws: ExperimentsError.self) { try model.predict(try Matrix([[0], [1]])) }
    }
}
