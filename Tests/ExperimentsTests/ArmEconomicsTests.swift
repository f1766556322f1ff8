import Testing
@testable import Experiments

@Suite struct ArmEconomicsTests {
    @Test func perCustomerValuesAndFreeActions() throws {
        // Hand-worked: control 20/100 churn, arm 10/100; values 1...100, churners are values 1...10.
        let comparison = ProportionComparison(treatment: try BinomialCount(events: 10, total: 100), control: try BinomialCount(events: 20, total: 100))
        let values = (1...100).map(Double.init)
        let churned = (1...100).map { $0 <= 10 }
        let economics = ArmEconomics(comparison: comparison, treatedValues: values, treatedChurned: churned, costPerCustomer: 0)
        #expect(isClose(economics.customersRetained, 10, tolerance: 1e-13))
        // 0.2 × 5050 − 55 = 955.
        #expect(isClose(economics.valueRetained, 955, tolerance: 1e-12))
        #expect(economics.actionCost == 0 && economics.returnOnInvestment == nil)
        let interval = try #require(economics.customersRetainedInterval)
        let newcombe = try #require(comparison.absoluteReductionInterval)
        #expect(isClose(interval.lower, newcombe.lower * 100, tolerance: 1e-12) && isClose(interval.upper, newcombe.upper * 100, tolerance: 1e-12))
    }
}
