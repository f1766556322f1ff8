import Testing
@testable import Experiments

@Suite struct TargetingComparisonTests {
    @Test func handWorkedKnownEffects() throws {
        // Customers: a sure thing (high risk, no effect), a sleeping dog (high risk, −0.2),
        // two persuadables (+0.3, +0.1), a lost cause. Budget 40% = 2 customers.
        let reduction = [0.0, -0.2, 0.3, 0.1, 0.0]
        let risk = [0.9, 0.8, 0.5, 0.4, 0.95]
        let uplift = [0.0, -0.1, 0.25, 0.05, -0.01]
        let result = try TargetingComparison(trueReduction: reduction, riskScores: risk, upliftScores: uplift, budgetFraction: 0.4)
        #expect(result.targeted == 2)
        #expect(result.retainedByRisk == 0.0)  // rows 4 and 0
        #expect(isClose(result.retainedByUplift, 0.4, tolerance: 1e-15))  // rows 2 and 3
        #expect(isClose(result.retainedAtRandom, 0.2 / 5 * 2, tolerance: 1e-15))
        #expect(isClose(result.retainedByOracle, 0.4, tolerance: 1e-15))
    }

    @Test func estimatesFromARandomizedSample() throws {
        // Top 2 by risk: rows 0 (treated, churned) and 1 (control, churned): 1 − 1 = 0.
        // Top 2 by uplift: rows 2 (treated, stayed) and 3 (control, churned): (1 − 0) × 2 = 2.
        let churned = [true, true, false, true]
        let treatment = [true, false, true, false]
        let result = try TargetingComparison(churned: churned, treatment: treatment, riskScores: [4, 3, 2, 1], upliftScores: [1, 2, 4, 3], budgetFraction: 0.5)
        #expect(result.retainedByRisk == 0 && result.retainedByUplift == 2)
        #expect(result.retainedAtRandom == 1 && result.retainedByOracle.isNaN)
    }

    @Test func badInputThrows() {
        #expect(throws: ExperimentsError.self) { try TargetingComparison(trueReduction: [], riskScores: [], upliftScores: [], budgetFraction: 0.5) }
        #expect(throws: ExperimentsError.self) { try TargetingComparison(trueReduction: [1], riskScores: [1], upliftScores: [1], budgetFraction: 0) }
        #expect(throws: ExperimentsError.self) { try TargetingComparison(trueReduction: [1], riskScores: [.nan], upliftScores: [1], budgetFraction: 1) }
        #expect(throws: ExperimentsError.self) { try TargetingComparison(churned: [true], treatment: [], riskScores: [1], upliftScores: [1], budgetFraction: 1) }
    }
}
