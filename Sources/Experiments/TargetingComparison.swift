/// Customers retained when a campaign with room for a fraction of the customers targets them by
/// churn risk, by predicted uplift, at random, or (with known effects) perfectly.
public struct TargetingComparison: Sendable, Codable, Equatable {
    /// Fraction of customers the budget allows to contact (targeted / n for a count).
    public var budgetFraction: Double
    /// Customers contacted: ⌊budgetFraction · n⌋, or the count given.
    public var targeted: Int
    /// Customers retained when the highest churn scores are contacted.
    public var retainedByRisk: Double
    /// Customers retained when the highest predicted uplifts are contacted.
    public var retainedByUplift: Double
    /// Customers retained by contacting a random set of the same size (mean effect × targeted).
    public var retainedAtRandom: Double
    /// Customers retained by the best possible choice (known effects only; NaN for estimates).
    public var retainedByOracle: Double

    /// Compares targeting rules when each customer's true effect is known (a simulation).
    /// - Parameters:
    ///   - trueReduction: Per customer, P(churn | no action) − P(churn | action); negative for
    ///     sleeping dogs.
    ///   - riskScores: Churn scores.
    ///   - upliftScores: Predicted reductions of churn probability (higher = more worth contacting).
    ///   - budgetFraction: Fraction of customers to contact, in (0, 1].
    /// - Returns: Expected customers retained under each rule.
    /// - Throws: `ExperimentsError` for mismatched lengths, empty input, non-finite scores, or a
    ///   budget outside (0, 1].
    /// - Complexity: O(n log n).
    public init(trueReduction: [Double], riskScores: [Double], upliftScores: [Double], budgetFraction: Double) throws(ExperimentsError) {
        let k = try _budget(n: trueReduction.count, riskScores: riskScores, upliftScores: upliftScores, budgetFraction: budgetFraction)
        try self.init(trueReduction: trueReduction, riskScores: riskScores, upliftScores: upliftScores, targeted: k)
        self.budgetFraction = budgetFraction
    }

    /// Compares targeting rules for a given number of contacts when each customer's effect is known
    /// (a simulation) or expected (a plan: the effects a model predicts).
    /// - Parameters:
    ///   - trueReduction: Per customer, what a contact gains (churn probability removed, or value
    ///     retained); negative when a contact loses.
    ///   - riskScores: Churn scores.
    ///   - upliftScores: Predicted reductions of churn probability.
    ///   - k: Customers contacted, in 0...n.
    /// - Returns: The sum of `trueReduction` over the contacts of each rule; `budgetFraction` is
    ///   targeted / n.
    /// - Throws: `ExperimentsError` for mismatched lengths, empty input, non-finite scores, or a
    ///   count outside 0...n.
    /// - Complexity: O(n log n).
    public init(trueReduction: [Double], riskScores: [Double], upliftScores: [Double], targeted k: Int) throws(ExperimentsError) {
        let n = trueReduction.count
        try _validate(n: n, riskScores: riskScores, upliftScores: upliftScores)
        guard k >= 0, k <= n else { throw .invalidCount(argument: "targeted", value: k, reason: "must lie in 0...\(n)") }
        func retained(_ scores: [Double]) -> Double { _top(scores, k).reduce(0) { $0 + trueReduction[$1] } }
        budgetFraction = Double(k) / Double(n)
        targeted = k
        retainedByRisk = retained(riskScores)
        retainedByUplift = retained(upliftScores)
        retainedAtRandom = trueReduction.reduce(0, +) / Double(trueReduction.count) * Double(k)
        retainedByOracle = retained(trueReduction)
    }

    /// Estimates the same comparison from a randomized sample: among the top-scored customers,
    /// (control churn rate − treated churn rate) × customers targeted.
    /// - Parameters:
    ///   - churned: Whether each customer churned.
    ///   - treatment: Whether each customer was treated.
    ///   - riskScores: Churn scores.
    ///   - upliftScores: Predicted reductions of churn probability.
    ///   - budgetFraction: Fraction of customers to contact, in (0, 1].
    /// - Returns: Estimated customers retained (NaN for a rule whose top set lacks a treated or a
    ///   control customer); `retainedByOracle` is NaN.
    /// - Throws: As `init(trueReduction:riskScores:upliftScores:budgetFraction:)`.
    /// - Complexity: O(n log n).
    public init(churned: [Bool], treatment: [Bool], riskScores: [Double], upliftScores: [Double], budgetFraction: Double) throws(ExperimentsError) {
        guard treatment.count == churned.count else { throw .lengthMismatch(argument: "treatment", count: treatment.count, expected: churned.count) }
        let k = try _budget(n: churned.count, riskScores: riskScores, upliftScores: upliftScores, budgetFraction: budgetFraction)
        func reduction(_ rows: some Collection<Int>) -> Double {
            var nt = 0.0, nc = 0.0, yt = 0.0, yc = 0.0
            for r in rows {
                if treatment[r] { nt += 1; if churned[r] { yt += 1 } } else { nc += 1; if churned[r] { yc += 1 } }
            }
            return nt > 0 && nc > 0 ? yc / nc - yt / nt : .nan
        }
        self.budgetFraction = budgetFraction
        targeted = k
        retainedByRisk = reduction(_top(riskScores, k)) * Double(k)
        retainedByUplift = reduction(_top(upliftScores, k)) * Double(k)
        retainedAtRandom = reduction(churned.indices) * Double(k)
        retainedByOracle = .nan
    }
}

private func _budget(n: Int, riskScores: [Double], upliftScores: [Double], budgetFraction: Double) throws(ExperimentsError) -> Int {
    try _validate(n: n, riskScores: riskScores, upliftScores: upliftScores)
    guard budgetFraction > 0, budgetFraction <= 1 else {
        throw .invalidArgument(name: "budgetFraction", value: "\(budgetFraction)", reason: "must lie in (0, 1]")
    }
    return Int(Double(n) * budgetFraction)
}

private func _validate(n: Int, riskScores: [Double], upliftScores: [Double]) throws(ExperimentsError) {
    guard n > 0 else { throw .emptyInput("no customers to target") }
    guard riskScores.count == n else { throw .lengthMismatch(argument: "riskScores", count: riskScores.count, expected: n) }
    guard upliftScores.count == n else { throw .lengthMismatch(argument: "upliftScores", count: upliftScores.count, expected: n) }
    for (name, scores) in [("riskScores", riskScores), ("upliftScores", upliftScores)] {
        if let bad = scores.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(argument: name, index: bad, value: scores[bad]) }
    }
}

/// The `k` rows with the highest scores (earlier rows first among ties).
func _top(_ scores: [Double], _ k: Int) -> ArraySlice<Int> {
    scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }.prefix(k)
}
