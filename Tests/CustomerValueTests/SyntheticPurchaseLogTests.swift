import Testing
@testable import CustomerValue

@Suite struct SyntheticPurchaseLogTests {
    @Test func theLogHasCDNOWsCalendarAndIsReproducible() throws {
        let simulation = try SyntheticPurchaseLog(customerCount: 500, seed: 5)
        #expect(SyntheticPurchaseLog.cdnowStart.description == "1997-01-01")
        let transactions = simulation.transactions()
        var first: [String: CalendarDay] = [:]
        for t in transactions {
            #expect(t.day.dayNumber >= simulation.start.dayNumber && t.day.dayNumber < simulation.start.dayNumber + 546)
            #expect(t.amount >= 0.01)
            if first[t.customer] == nil { first[t.customer] = t.day }
        }
        #expect(first.count == 500)
        #expect(first.values.allSatisfy { $0.dayNumber - simulation.start.dayNumber < 84 })
        #expect(transactions.first?.customer == "P001" && transactions.last?.customer == "P500")
        #expect(transactions.enumerated().allSatisfy { $0.element.line == $0.offset + 2 })
        // The same seed gives the same bytes; another seed another log; a customer's history does
        // not depend on how many others are simulated.
        #expect(try SyntheticPurchaseLog(customerCount: 500, seed: 5).csv() == simulation.csv())
        #expect(try SyntheticPurchaseLog(customerCount: 500, seed: 6).csv() != simulation.csv())
        let larger = try SyntheticPurchaseLog(customerCount: 5_000, seed: 5).transactions()
        let firstCustomer = transactions.filter { $0.customer == "P001" }
        #expect(larger.filter { $0.customer == "P0001" }.map(\.day) == firstCustomer.map(\.day))
        #expect(simulation.csv().hasPrefix("customer,date,amount\nP001,1997-"))
    }

    /// Parameter recovery: fitted to 20,000 simulated customers over the whole 78 weeks, BG/NBD and
    /// Gamma-Gamma find the true parameters within 4 of their standard errors.
    @Test func fitsRecoverTheTrueParameters() throws {
        let simulation = try SyntheticPurchaseLog(customerCount: 20_000, seed: 2026)
        let summary = try CustomerSummary(
            log: simulation.makeLog(), calibrationEnd: CalendarDay(dayNumber: simulation.start.dayNumber + 545), unit: .weeks)
        let model = try BetaGeometricNBD().fit(frequency: summary.frequencies, recency: summary.recencies, age: summary.ages)
        let truth = SyntheticPurchaseLog.cdnowPurchases
        for (name, fitted, value, se) in [("r", model.r, truth.r, model.standardErrors[0]), ("alpha", model.alpha, truth.alpha, model.standardErrors[1]),
                                          ("a", model.a, truth.a, model.standardErrors[2]), ("b", model.b, truth.b, model.standardErrors[3])] {
            #expect(se > 0 && abs(fitted - value) < 4 * se, "\(name): fitted \(fitted), true \(value), se \(se)")
        }
        let repeaters = summary.customers.filter { $0.frequency > 0 }
        let spend = try GammaGamma().fit(
            frequency: repeaters.map { Double($0.frequency) }, monetaryValue: repeaters.map(\.monetaryValue))
        let spendTruth = SyntheticPurchaseLog.cdnowSpend
        for (name, fitted, value, se) in [("p", spend.p, spendTruth.p, spend.standardErrors[0]), ("q", spend.q, spendTruth.q, spend.standardErrors[1]),
                                          ("gamma", spend.gamma, spendTruth.gamma, spend.standardErrors[2])] {
            #expect(se > 0 && abs(fitted - value) < 4 * se, "\(name): fitted \(fitted), true \(value), se \(se)")
        }
    }

    /// The simulator against the model's closed form: the mean number of repeat purchases in the
    /// 26 weeks after each customer's first purchase equals BG/NBD's E[X(26)] (Fader, Hardie and
    /// Lee 2005, eq. 9) within 4 standard errors of the sample mean.
    @Test func repeatPurchasesFollowTheModelsExpectation() throws {
        let simulation = try SyntheticPurchaseLog(customerCount: 40_000, seed: 77)
        var first: [String: Int] = [:], counts: [String: Int] = [:]
        for t in simulation.transactions() {
            guard let day = first[t.customer] else { first[t.customer] = t.day.dayNumber; counts[t.customer] = 0; continue }
            if t.day.dayNumber - day < 182 { counts[t.customer, default: 0] += 1 }
        }
        let values = counts.values.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        let expected = simulation.purchases.expectedPurchases(duration: 26)
        #expect(abs(mean - expected) < 4 * (variance / Double(values.count)).squareRoot(), "simulated \(mean), model \(expected)")
    }

    @Test func parametersOutsideTheModelAreRefused() {
        #expect(throws: CustomerValueError.self) { try SyntheticPurchaseLog(customerCount: 0) }
        #expect(throws: CustomerValueError.self) {
            try SyntheticPurchaseLog(customerCount: 10, purchases: BetaGeometricNBDModel(r: -1, alpha: 1, a: 1, b: 1))
        }
        #expect(throws: CustomerValueError.self) {
            try SyntheticPurchaseLog(customerCount: 10, spend: GammaGammaModel(p: 1, q: .nan, gamma: 1))
        }
        #expect(throws: CustomerValueError.self) { try SyntheticPurchaseLog(customerCount: 10, acquisitionDays: 600) }
        // r / alpha = 100 purchases a week for 78 weeks: far above the per-customer limit.
        #expect(throws: CustomerValueError.self) {
            try SyntheticPurchaseLog(customerCount: 10, purchases: BetaGeometricNBDModel(r: 100, alpha: 1, a: 1, b: 1))
        }
    }
}
