import _TestSupport
import Tabular
import Testing
@testable import Experiments

@Suite struct TargetingPlanTests {
    // Five customers, worked by hand. Risk × save rate 0.2 gives the effects
    // e = [0.1, 0.04, 0.18, 0.02, 0.06]; with values [100, 200, 50, 400, 100] the gains v·e are
    // [10, 8, 9, 8, 6]. At a cost of 7 four customers are worth contacting, best first rows 0
    // (10), 2 (9), 1 (8), 3 (8; the tie goes to the earlier row); row 4 (6 < 7) is not.
    static let risk = [0.5, 0.2, 0.9, 0.1, 0.3]
    static let values = [100.0, 200, 50, 400, 100]
    static let z95 = 1.959963984540054

    @Test func maximumNetValueContactsEveryoneWorthIt() throws {
        let plan = try TargetingPlan(risk: Self.risk, uplift: nil, saveRate: 0.2, values: Self.values, costPerContact: 7)
        #expect(plan.contacts == [0, 2, 1, 3])
        #expect(plan.worthContacting == 4 && plan.budgetContacts == nil)
        let e = plan.expected
        #expect(isClose(e.customersRetained, 0.34, tolerance: 1e-15))
        #expect(isClose(e.valueRetained, 35, tolerance: 1e-13))
        #expect(e.cost == 28 && isClose(e.netValue, 7, tolerance: 1e-13) && isClose(e.returnOnInvestment ?? .nan, 0.25, tolerance: 1e-14))
        // Variances: Σ e(1 − e) = 0.09 + 0.1476 + 0.0384 + 0.0196 = 0.2956;
        // Σ v² e(1 − e) = 100²·0.09 + 50²·0.1476 + 200²·0.0384 + 400²·0.0196 = 900 + 369 + 1536 + 3136 = 5941.
        let customers = try #require(e.customersRetainedInterval), value = try #require(e.valueRetainedInterval)
        #expect(isClose(customers.lower, 0.34 - Self.z95 * 0.2956.squareRoot(), tolerance: 1e-12))
        #expect(isClose(customers.upper, 0.34 + Self.z95 * 0.2956.squareRoot(), tolerance: 1e-12))
        #expect(isClose(value.lower, 35 - Self.z95 * 5941.0.squareRoot(), tolerance: 1e-10))
        #expect(isClose(value.upper, 35 + Self.z95 * 5941.0.squareRoot(), tolerance: 1e-10))
        let net = try #require(e.netValueInterval)
        #expect(isClose(net.lower, value.lower - 28, tolerance: 1e-12) && isClose(net.upper, value.upper - 28, tolerance: 1e-12))
        // The same four contacts by risk: rows 2, 0, 4, 1 keep 0.18 + 0.1 + 0.06 + 0.04 = 0.38 customers and
        // 9 + 10 + 6 + 8 = 33 in value; at random 4 × mean effect 0.08 = 0.32 and 4 × mean gain 8.2 = 32.8.
        #expect(plan.alternatives.map(\.rule) == [.expectedNetValue, .risk, .random])
        let risk = plan.alternatives[1].expectation, random = plan.alternatives[2].expectation
        #expect(isClose(risk.customersRetained, 0.38, tolerance: 1e-15) && isClose(risk.valueRetained, 33, tolerance: 1e-13))
        #expect(isClose(risk.netValue, 5, tolerance: 1e-13) && risk.contacts == 4 && risk.cost == 28)
        #expect(isClose(random.customersRetained, 0.32, tolerance: 1e-15) && isClose(random.valueRetained, 32.8, tolerance: 1e-13))
        #expect(plan.alternatives[0].expectation == e)
    }

    @Test func aBudgetCapsTheList() throws {
        // 15 at 7 per contact buys 2: rows 0 and 2, 0.28 customers and 19 in value.
        let money = try TargetingPlan(risk: Self.risk, uplift: nil, saveRate: 0.2, values: Self.values, costPerContact: 7, budget: .money(15))
        #expect(money.contacts == [0, 2] && money.budgetContacts == 2)
        #expect(isClose(money.expected.customersRetained, 0.28, tolerance: 1e-15) && isClose(money.expected.valueRetained, 19, tolerance: 1e-13))
        // A cap above the customers worth contacting leaves contacts unused.
        let many = try TargetingPlan(risk: Self.risk, uplift: nil, saveRate: 0.2, values: Self.values, costPerContact: 7, budget: .contacts(10))
        #expect(many.contacts == [0, 2, 1, 3] && many.budgetContacts == 5)
        let one = try TargetingPlan(risk: Self.risk, uplift: nil, saveRate: 0.2, values: Self.values, costPerContact: 7, budget: .contacts(1))
        #expect(one.contacts == [0])
        // 0.3 / 0.1 is 2.9999999999999996 in floating point: within 1e-12 of 3, so 3 contacts.
        let cents = try TargetingPlan(risk: Self.risk, uplift: nil, saveRate: 0.2, values: Self.values, costPerContact: 0.1, budget: .money(0.3))
        #expect(cents.budgetContacts == 3 && cents.contacts == [0, 2, 1])
    }

    @Test func upliftScoresAreTheEffect() throws {
        // Gains with uplift [0.05, −0.1, 0.2, 0.1, 0]: [5, −20, 10, 40, 0]; at a cost of 4, rows 3, 2, 0.
        let uplift = [0.05, -0.1, 0.2, 0.1, 0.0]
        let plan = try TargetingPlan(risk: Self.risk, uplift: uplift, saveRate: nil, values: Self.values, costPerContact: 4)
        #expect(plan.contacts == [3, 2, 0] && plan.expectedEffect == uplift)
        #expect(isClose(plan.expected.customersRetained, 0.35, tolerance: 1e-15) && isClose(plan.expected.valueRetained, 55, tolerance: 1e-13))
        // By uplift: rows 2, 3, 0, the same set; by risk: rows 2, 0, 4, keeping 0.25 customers and 15 in value.
        #expect(plan.alternatives.map(\.rule) == [.expectedNetValue, .uplift, .risk, .random])
        #expect(isClose(plan.alternatives[1].expectation.valueRetained, 55, tolerance: 1e-13))
        #expect(isClose(plan.alternatives[2].expectation.customersRetained, 0.25, tolerance: 1e-15))
        #expect(isClose(plan.alternatives[2].expectation.valueRetained, 15, tolerance: 1e-13))
        // A negative effect contributes |e|(1 − |e|): a customer costing 100 whom a contact drives away
        // with probability 0.3 gains 30; customers retained −0.3 ± z·√0.21.
        let away = try TargetingPlan(risk: nil, uplift: [-0.3], saveRate: nil, values: [-100], costPerContact: 0)
        let interval = try #require(away.expected.customersRetainedInterval)
        #expect(away.contacts == [0] && isClose(away.expected.valueRetained, 30, tolerance: 1e-14))
        #expect(isClose(interval.upper, -0.3 + Self.z95 * 0.21.squareRoot(), tolerance: 1e-12))
        #expect(away.alternatives.map(\.rule) == [.expectedNetValue, .uplift, .random])
    }

    /// The prediction interval's coverage under its own model: 2,000 simulated campaigns of a
    /// 3,000-customer plan, each contacted customer kept with probability e_i. The share of
    /// campaigns whose realised count falls inside the interval is within 3 standard errors
    /// (3·√(0.95·0.05/2000) = 0.0146) of 0.95.
    @Test func intervalsCoverTheirModelsOutcomes() throws {
        var rng = SeededRandom(seed: 7)
        let n = 3000
        let risk = (0..<n).map { _ in rng.nextUnitDouble() * 0.6 }
        let values = (0..<n).map { _ in 200 + 800 * rng.nextUnitDouble() }
        let plan = try TargetingPlan(risk: risk, uplift: nil, saveRate: 0.3, values: values, costPerContact: 20)
        let customers = try #require(plan.expected.customersRetainedInterval), value = try #require(plan.expected.valueRetainedInterval)
        #expect(plan.contacts.count > 500)
        var coveredCustomers = 0, coveredValue = 0
        let campaigns = 2000
        for _ in 0..<campaigns {
            var kept = 0.0, keptValue = 0.0
            for i in plan.contacts where rng.nextUnitDouble() < plan.expectedEffect[i] {
                kept += 1
                keptValue += values[i]
            }
            if customers.contains(kept) { coveredCustomers += 1 }
            if value.contains(keptValue) { coveredValue += 1 }
        }
        for covered in [coveredCustomers, coveredValue] {
            #expect(abs(Double(covered) / Double(campaigns) - 0.95) < 0.0146, "coverage \(covered) of \(campaigns)")
        }
    }

    @Test func badInputThrows() {
        let r = Self.risk, v = Self.values
        #expect(throws: ExperimentsError.self) { try TargetingPlan(risk: nil, uplift: nil, saveRate: 0.1, values: v, costPerContact: 1) }
        #expect(throws: ExperimentsError.self) { try TargetingPlan(risk: r, uplift: nil, saveRate: nil, values: v, costPerContact: 1) }
        #expect(throws: ExperimentsError.self) { try TargetingPlan(risk: r, uplift: r, saveRate: 0.1, values: v, costPerContact: 1) }
        #expect(throws: ExperimentsError.self) { try TargetingPlan(risk: r, uplift: nil, saveRate: 1.5, values: v, costPerContact: 1) }
        #expect(throws: ExperimentsError.self) { try TargetingPlan(risk: [2, 0, 0, 0, 0], uplift: nil, saveRate: 0.1, values: v, costPerContact: 1) }
        #expect(throws: ExperimentsError.self) { try TargetingPlan(risk: [0.1], uplift: nil, saveRate: 0.1, values: v, costPerContact: 1) }
        #expect(throws: ExperimentsError.self) { try TargetingPlan(risk: r, uplift: nil, saveRate: 0.1, values: [1, 2, 3, 4, .nan], costPerContact: 1) }
        #expect(throws: ExperimentsError.self) { try TargetingPlan(risk: r, uplift: nil, saveRate: 0.1, values: v, costPerContact: -1) }
        #expect(throws: ExperimentsError.self) { try TargetingPlan(risk: r, uplift: nil, saveRate: 0.1, values: v, costPerContact: 0, budget: .money(10)) }
        #expect(throws: ExperimentsError.self) { try TargetingPlan(risk: r, uplift: nil, saveRate: 0.1, values: v, costPerContact: 1, budget: .contacts(-1)) }
        #expect(throws: ExperimentsError.self) { try TargetingPlan(risk: [], uplift: nil, saveRate: 0.1, values: [], costPerContact: 1) }
    }
}
