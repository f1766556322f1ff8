// Uplift models: estimating each customer's treatment effect from a randomized sample.
//
// The models are meta-learners around any probabilistic classifier, given as a closure so that the
// logistic regression, trees or anything else plug in without this module importing them.
// - Two-model (T-learner): fit P(y | x, treated) and P(y | x, control) separately; uplift =
//   difference. Reference: Künzel, Sekhon, Bickel, Yu, "Metalearners for estimating heterogeneous
//   treatment effects using machine learning", PNAS 116 (2019).
// - Class-variable transformation: z = 1 when (treated and y) or (control and not y). When half
//   the customers are treated, uplift = 2·P(z = 1 | x) − 1 (Jaskowski & Jaroszewicz, "Uplift
//   modeling for clinical trial data", ICML workshop 2012). For other treatment shares the smaller
//   group is first brought to the size of the larger one by seeded resampling with replacement,
//   so the identity holds on the balanced sample and learners without sample weights work too.

import LinearAlgebra
import Tabular

/// A binary classifier trainer: given features and labels, returns a scorer of P(label = true | x).
public typealias ProbabilityLearner = @Sendable (Matrix, [Bool]) throws -> @Sendable (Matrix) throws -> [Double]

/// A fitted uplift model: predicts the change in the probability of the desired response.
public struct UpliftModel: Sendable {
    /// Which meta-learner produced the model.
    public let method: String
    private let predictor: @Sendable (Matrix) throws -> [Double]

    init(method: String, predictor: @escaping @Sendable (Matrix) throws -> [Double]) {
        self.method = method
        self.predictor = predictor
    }

    /// Predicted uplift per row: P(y | x, treated) − P(y | x, control).
    /// - Parameter x: Features, one row per customer.
    /// - Returns: One uplift per row.
    /// - Throws: `ExperimentsError.learnerFailed` when a scorer fails or returns a wrong count.
    public func predict(_ x: Matrix) throws(ExperimentsError) -> [Double] {
        let result: [Double]
        do { result = try predictor(x) } catch let error as ExperimentsError { throw error } catch {
            throw .learnerFailed(group: method, reason: "\(error)")
        }
        return result
    }
}

/// Meta-learners that turn a classifier into an uplift model.
public enum UpliftLearner {
    /// Fits a two-model (T-learner) uplift model.
    /// - Parameters:
    ///   - x: Features (n × d).
    ///   - outcome: Desired response per row (for churn: retained).
    ///   - treatment: Treated flag per row.
    ///   - learner: The classifier trainer, used once per group.
    /// - Returns: The model.
    /// - Throws: `ExperimentsError` for mismatched lengths, an empty group, or a failing learner.
    /// - Complexity: Two learner fits on the group sizes.
    public static func twoModel(x: Matrix, outcome: [Bool], treatment: [Bool], learner: ProbabilityLearner) throws(ExperimentsError) -> UpliftModel {
        try _check(x: x, outcome: outcome, treatment: treatment)
        let treatedRows = treatment.indices.filter { treatment[$0] }
        let controlRows = treatment.indices.filter { !treatment[$0] }
        let treatedScorer = try _fit(learner, x, outcome, treatedRows, group: "treated")
        let controlScorer = try _fit(learner, x, outcome, controlRows, group: "control")
        return UpliftModel(method: "two-model") { features in
            let t = try treatedScorer(features), c = try controlScorer(features)
            guard t.count == features.rows, c.count == features.rows else {
                throw ExperimentsError.learnerFailed(group: "two-model", reason: "a scorer returned \(t.count) and \(c.count) values for \(features.rows) rows")
            }
            return zip(t, c).map { $0 - $1 }
        }
    }

    /// Fits a class-variable-transformation uplift model.
    /// - Parameters:
    ///   - x: Features (n × d).
    ///   - outcome: Desired response per row.
    ///   - treatment: Treated flag per row.
    ///   - learner: The classifier trainer, fitted once on the transformed label.
    ///   - seed: Seed of the balancing resample when groups differ in size.
    /// - Returns: The model; uplift = 2·P(z | x) − 1.
    /// - Throws: `ExperimentsError` for mismatched lengths, an empty group, or a failing learner.
    /// - Complexity: One learner fit on up to 2·max(group sizes) rows.
    public static func classTransformation(
        x: Matrix, outcome: [Bool], treatment: [Bool], learner: ProbabilityLearner, seed: UInt64 = 0
    ) throws(ExperimentsError) -> UpliftModel {
        try _check(x: x, outcome: outcome, treatment: treatment)
        let (rows, z) = _transformedSample(outcome: outcome, treatment: treatment, seed: seed)
        let scorer: @Sendable (Matrix) throws -> [Double]
        do { scorer = try learner(_select(x, rows), z) } catch {
            throw .learnerFailed(group: "transformed", reason: "\(error)")
        }
        return UpliftModel(method: "class-transformation") { features in
            let p = try scorer(features)
            guard p.count == features.rows else {
                throw ExperimentsError.learnerFailed(group: "class-transformation", reason: "the scorer returned \(p.count) values for \(features.rows) rows")
            }
            return p.map { 2 * $0 - 1 }
        }
    }
}

/// The balanced sample of the class-variable transformation: the smaller group resampled (seeded,
/// with replacement) to the larger one's size, treated rows first, and the transformed label
/// z = [outcome == treated] of every sampled row.
/// - Complexity: O(n).
func _transformedSample(outcome: [Bool], treatment: [Bool], seed: UInt64) -> (rows: [Int], z: [Bool]) {
    var treatedRows = treatment.indices.filter { treatment[$0] }
    var controlRows = treatment.indices.filter { !treatment[$0] }
    var rng = SeededRandom(seed: seed)
    if treatedRows.count < controlRows.count {
        treatedRows += (0..<(controlRows.count - treatedRows.count)).map { _ in treatedRows[rng.nextIndex(below: treatedRows.count)] }
    } else if controlRows.count < treatedRows.count {
        controlRows += (0..<(treatedRows.count - controlRows.count)).map { _ in controlRows[rng.nextIndex(below: controlRows.count)] }
    }
    let rows = treatedRows + controlRows
    return (rows, rows.map { outcome[$0] == treatment[$0] })
}

/// Checks that the lengths match and that both groups occur.
func _check(x: Matrix, outcome: [Bool], treatment: [Bool]) throws(ExperimentsError) {
    guard outcome.count == x.rows else { throw .lengthMismatch(argument: "outcome", count: outcome.count, expected: x.rows) }
    guard treatment.count == x.rows else { throw .lengthMismatch(argument: "treatment", count: treatment.count, expected: x.rows) }
    guard treatment.contains(true), treatment.contains(false) else {
        throw .emptyInput("an uplift model needs both treated and control customers")
    }
}

private func _fit(_ learner: ProbabilityLearner, _ x: Matrix, _ outcome: [Bool], _ rows: [Int], group: String) throws(ExperimentsError) -> @Sendable (Matrix) throws -> [Double] {
    do { return try learner(_select(x, rows), rows.map { outcome[$0] }) } catch {
        throw .learnerFailed(group: group, reason: "\(error)")
    }
}

/// The rows `rows` of `x`, in that order.
func _select(_ x: Matrix, _ rows: [Int]) throws -> Matrix {
    var values: [Double] = []
    values.reserveCapacity(rows.count * x.columns)
    for r in rows { values.append(contentsOf: x.row(r)) }
    return try Matrix(rows: rows.count, columns: x.columns, values: values)
}
