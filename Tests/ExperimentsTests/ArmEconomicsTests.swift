import _TestSupport
import Foundation
import Tabular
import Testing
@testable import Experiments

/// Fixtures/value_retained.json, written by Fixtures/make_value_fixture.py (numpy 2.4.6, scipy 1.17.1).
private struct ValueFixture: Decodable {
    let controlValue, treatedValue: [Double]
    let controlChurned, treatedChurned: [Int]
    let costPerCustomer, valueRetained, netValue, roi, biasedEstimate: Double
    let valueRetainedInterval, netValueInterval, roiInterval: [Double]
    let meanValueControlChurners, meanValueTreated: Double

    static func load() throws -> ValueFixture {
        let url = try #require(Bundle.module.url(forResource: "value_retained", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(ValueFixture.self, from: Data(contentsOf: url))
    }

    var lostControl: [Double] { zip(controlValue, controlChurned).map { $1 == 1 ? $0 : 0 } }
    var lostTreated: [Double] { zip(treatedValue, treatedChurned).map { $1 == 1 ? $0 : 0 } }

    func comparison() throws -> ProportionComparison {
        ProportionComparison(
            treatment: try BinomialCount(events: treatedChurned.reduce(0, +), total: treatedChurned.count),
            control: try BinomialCount(events: controlChurned.reduce(0, +), total: controlChurned.count))
    }
}

@Suite struct ArmEconomicsTests {
    @Test func valueRetainedEqualsScipyDifferenceInMeansAndWelchInterval() throws {
        let fixture = try ValueFixture.load()
        // The fixture is a case where value and churn are correlated: churners are worth more.
        #expect(fixture.meanValueControlChurners > 1.2 * fixture.meanValueTreated)
        let economics = ArmEconomics(
            comparison: try fixture.comparison(), treatedValueLost: SampleSummary(fixture.lostTreated),
            controlValueLost: SampleSummary(fixture.lostControl), costPerCustomer: fixture.costPerCustomer)
        #expect(isClose(economics.valueRetained, fixture.valueRetained, tolerance: 1e-10))
        let value = try #require(economics.valueRetainedInterval)
        #expect(isClose(value.lower, fixture.valueRetainedInterval[0], tolerance: 1e-9))
        #expect(isClose(value.upper, fixture.valueRetainedInterval[1], tolerance: 1e-9))
        let net = try #require(economics.netValueInterval)
        #expect(isClose(economics.netValue, fixture.netValue, tolerance: 1e-10))
        #expect(isClose(net.lower, fixture.netValueInterval[0], tolerance: 1e-9) && isClose(net.upper, fixture.netValueInterval[1], tolerance: 1e-9))
        let roi = try #require(economics.returnOnInvestmentInterval)
        #expect(isClose(try #require(economics.returnOnInvestment), fixture.roi, tolerance: 1e-10))
        #expect(isClose(roi.lower, fixture.roiInterval[0], tolerance: 1e-9) && isClose(roi.upper, fixture.roiInterval[1], tolerance: 1e-9))
        // The old estimator (control rate × Σ treated values − Σ treated churners' values) has the wrong sign here.
        #expect(fixture.biasedEstimate < 0 && economics.valueRetained > 0)
    }

    @Test func seededBootstrapAgreesWithTheWelchInterval() throws {
        let fixture = try ValueFixture.load()
        let control = fixture.lostControl, treated = fixture.lostTreated
        var rng = SeededRandom(seed: 7)
        var estimates: [Double] = []
        for _ in 0..<4000 {
            var sumControl = 0.0, sumTreated = 0.0
            for _ in control.indices { sumControl += control[rng.nextIndex(below: control.count)] }
            for _ in treated.indices { sumTreated += treated[rng.nextIndex(below: treated.count)] }
            estimates.append(Double(treated.count) * (sumControl / Double(control.count) - sumTreated / Double(treated.count)))
        }
        estimates.sort()
        let lower = estimates[99], upper = estimates[3899]  // 2.5% and 97.5% percentiles of 4,000
        let width = fixture.valueRetainedInterval[1] - fixture.valueRetainedInterval[0]
        // The percentile bootstrap and Welch's interval agree within 5% of the interval's width.
        #expect(abs(lower - fixture.valueRetainedInterval[0]) < 0.05 * width)
        #expect(abs(upper - fixture.valueRetainedInterval[1]) < 0.05 * width)
    }

    @Test func oneValuePerCustomerScalesTheNewcombeInterval() throws {
        // Hand-worked: control 20/100 churn, arm 10/100, value 50, cost 2 per treated customer.
        let comparison = ProportionComparison(treatment: try BinomialCount(events: 10, total: 100), control: try BinomialCount(events: 20, total: 100))
        let economics = ArmEconomics(comparison: comparison, valuePerCustomer: 50, costPerCustomer: 2)
        #expect(isClose(economics.customersRetained, 10, tolerance: 1e-13))
        #expect(isClose(economics.valueRetained, 500, tolerance: 1e-12))
        #expect(economics.actionCost == 200 && isClose(economics.netValue, 300, tolerance: 1e-12))
        #expect(isClose(try #require(economics.returnOnInvestment), 1.5, tolerance: 1e-12))
        let newcombe = try #require(comparison.absoluteReductionInterval)
        let customers = try #require(economics.customersRetainedInterval)
        #expect(isClose(customers.lower, newcombe.lower * 100, tolerance: 1e-12) && isClose(customers.upper, newcombe.upper * 100, tolerance: 1e-12))
        let value = try #require(economics.valueRetainedInterval)
        #expect(isClose(value.lower, customers.lower * 50, tolerance: 1e-12) && isClose(value.upper, customers.upper * 50, tolerance: 1e-12))
        let roi = try #require(economics.returnOnInvestmentInterval)
        #expect(isClose(roi.lower, (value.lower - 200) / 200, tolerance: 1e-12))
    }

    @Test func freeActionsHaveNoReturnOnInvestment() throws {
        let comparison = ProportionComparison(treatment: try BinomialCount(events: 10, total: 100), control: try BinomialCount(events: 20, total: 100))
        let economics = ArmEconomics(comparison: comparison, valuePerCustomer: 50, costPerCustomer: 0)
        #expect(economics.actionCost == 0 && economics.returnOnInvestment == nil && economics.returnOnInvestmentInterval == nil)
        // Without churners in either group the value lost has no spread: the estimate stays, the interval is
        // undefined; the cost is per treated customer of the comparison (100).
        let none = ArmEconomics(comparison: comparison, treatedValueLost: SampleSummary([0, 0, 0]),
                                controlValueLost: SampleSummary([0, 0]), costPerCustomer: 1)
        #expect(none.valueRetained == 0 && none.valueRetainedInterval == nil && none.netValue == -100)
    }
}
