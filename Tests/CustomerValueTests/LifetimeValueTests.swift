import _TestSupport
import Testing
@testable import CustomerValue

@Suite struct LifetimeValueTests {
    @Test func lifetimeValueEqualsLifetimes() throws {
        let fixture = try LifetimesFixtures.load()
        let p = fixture.bgnbd.params, g = fixture.gammaGamma.params
        let transactions = BetaGeometricNBDModel(r: p[0], alpha: p[1], a: p[2], b: p[3])
        let spend = GammaGammaModel(p: g[0], q: g[1], gamma: g[2])
        let t = fixture.table
        for (k, i) in fixture.predictions.rows.enumerated() {
            let clv = LifetimeValue.value(
                transactions: transactions, spend: spend, frequency: t.frequency[i], recency: t.recency[i], age: t.age[i],
                monetaryValue: t.monetary[i], unit: .weeks, options: LifetimeValueOptions(horizonMonths: 12, monthlyDiscountRate: 0.01))
            #expect(isClose(clv, fixture.predictions.lifetimeValue[k], tolerance: 1e-9), "row \(i): \(clv) vs \(fixture.predictions.lifetimeValue[k])")
            let margin = LifetimeValue.value(
                transactions: transactions, spend: spend, frequency: t.frequency[i], recency: t.recency[i], age: t.age[i],
                monetaryValue: t.monetary[i], unit: .weeks, options: LifetimeValueOptions(horizonMonths: 12, monthlyDiscountRate: 0.01, margin: 0.3))
            #expect(isClose(margin, 0.3 * clv, tolerance: 1e-12))
        }
    }

    @Test func valuesOfATableEqualEachCustomersValue() throws {
        let fixture = try LifetimesFixtures.load()
        let p = fixture.bgnbd.params, g = fixture.gammaGamma.params
        let transactions = BetaGeometricNBDModel(r: p[0], alpha: p[1], a: p[2], b: p[3])
        let spend = GammaGammaModel(p: g[0], q: g[1], gamma: g[2])
        let t = fixture.table, options = LifetimeValueOptions(margin: 0.3)
        let values = try LifetimeValue.values(
            transactions: transactions, spend: spend, frequency: t.frequency, recency: t.recency, age: t.age, monetaryValue: t.monetary,
            unit: .weeks, options: options)
        for i in t.frequency.indices {
            let one = LifetimeValue.value(
                transactions: transactions, spend: spend, frequency: t.frequency[i], recency: t.recency[i], age: t.age[i],
                monetaryValue: t.monetary[i], unit: .weeks, options: options)
            #expect(values[i] == one, "row \(i)")
        }
        #expect(throws: CustomerValueError.self) {
            try LifetimeValue.values(transactions: transactions, spend: spend, frequency: [1], recency: [1], age: [2], monetaryValue: [],
                                     unit: .weeks, options: options)
        }
    }

    @Test func undiscountedValueIsSpendTimesExpectedPurchases() {
        let transactions = BetaGeometricNBDModel(r: 0.5, alpha: 5, a: 2, b: 3)
        let spend = GammaGammaModel(p: 6, q: 4, gamma: 15)
        let clv = LifetimeValue.value(
            transactions: transactions, spend: spend, frequency: 3, recency: 20, age: 30, monetaryValue: 25, unit: .days,
            options: LifetimeValueOptions(horizonMonths: 6, monthlyDiscountRate: 0))
        let expected = spend.conditionalExpectedSpend(frequency: 3, monetaryValue: 25)
            * transactions.conditionalExpectedPurchases(duration: 180, frequency: 3, recency: 20, age: 30)
        #expect(isClose(clv, expected, tolerance: 1e-12))
    }

    @Test func optionsAreValidated() {
        #expect(throws: CustomerValueError.self) { try LifetimeValueOptions(horizonMonths: 0).validate() }
        #expect(throws: CustomerValueError.self) { try LifetimeValueOptions(monthlyDiscountRate: -0.1).validate() }
        #expect(throws: CustomerValueError.self) { try LifetimeValueOptions(margin: .nan).validate() }
    }
}
