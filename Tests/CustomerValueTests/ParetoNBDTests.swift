import _TestSupport
import Foundation
import Testing
@testable import CustomerValue

/// Fixtures/pareto.json (make_pareto_fixtures.py): ln L by mpmath's hypergeometric form, and
/// lifetimes' fit on the bundled purchase log.
private struct ParetoFixtures: Decodable {
    struct History: Decodable {
        let params: [Double]
        let x, tx, T, logLikelihood: Double
    }
    struct Bundled: Decodable {
        let customers: Int
        let params: [Double]
        let logLikelihood: Double
    }
    let histories: [History]
    let bundled: Bundled

    static func load() throws -> ParetoFixtures {
        let url = try #require(Bundle.module.url(forResource: "pareto", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(ParetoFixtures.self, from: Data(contentsOf: url))
    }
}

@Suite struct ParetoNBDTests {
    @Test func cdnowFitIsAtLeastAsLikelyAsLifetimes() throws {
        let fixture = try LifetimesFixtures.load()
        let t = fixture.table
        let model = try ParetoNBD().fit(frequency: t.frequency, recency: t.recency, age: t.age)
        // lifetimes 0.11.3: r, alpha, s, beta = 0.5533, 10.5773, 0.6062, 11.6671; LL -9594.976.
        #expect(model.logLikelihood >= fixture.paretoNBD.logLikelihood - 1e-9, "\(model.logLikelihood) vs \(fixture.paretoNBD.logLikelihood)")
        for (ours, theirs) in zip([model.r, model.alpha, model.s, model.beta], fixture.paretoNBD.params) {
            #expect(isClose(ours, theirs, tolerance: 1e-3), "\(ours) vs \(theirs)")
        }
        #expect(model.standardErrors.allSatisfy { $0 > 0 && $0.isFinite })
    }

    @Test func predictionsEqualLifetimesAtItsParameters() throws {
        let fixture = try LifetimesFixtures.load()
        let p = fixture.paretoNBD.params
        let model = ParetoNBDModel(r: p[0], alpha: p[1], s: p[2], beta: p[3])
        let t = fixture.table
        #expect(isClose(model.logLikelihood(frequency: t.frequency, recency: t.recency, age: t.age), fixture.paretoNBD.logLikelihood, tolerance: 1e-12))
        for (k, i) in fixture.predictions.rows.enumerated() {
            let alive = model.probabilityAlive(frequency: t.frequency[i], recency: t.recency[i], age: t.age[i])
            #expect(isClose(alive, fixture.predictions.paretoProbabilityAlive[k], tolerance: 1e-10))
            let expected = model.conditionalExpectedPurchases(
                duration: fixture.predictions.duration, frequency: t.frequency[i], recency: t.recency[i], age: t.age[i])
            #expect(isClose(expected, fixture.predictions.paretoExpectedPurchases[k], tolerance: 1e-10))
        }
    }

    @Test func likelihoodEqualsTheHypergeometricFormAtFortyDigits() throws {
        for h in try ParetoFixtures.load().histories {
            let ours = ParetoNBDModel._customerLogLikelihood(h.params, h.x, h.tx, h.T)
            #expect(isClose(ours, h.logLikelihood, tolerance: 1e-13), "\(h.params), x \(h.x), tx \(h.tx), T \(h.T): \(ours) vs \(h.logLikelihood)")
        }
    }

    @Test func analyticDerivativesEqualDifferences() throws {
        let table = try LifetimesFixtures.load().table
        let histories = _DistinctRows(table.frequency, table.recency, table.age)
        // Every fourth distinct history (all frequencies, a quarter of the debug-build time).
        let rows = Array(stride(from: 0, to: histories.count.count, by: 4))
        let (x, tx, t, w) = (rows.map { histories.columns[0][$0] }, rows.map { histories.columns[1][$0] },
                             rows.map { histories.columns[2][$0] }, rows.map { histories.count[$0] })
        // lifetimes' CDNOW fit, α > β and α < β far apart, and a point on the s, β → ∞ ridge.
        for point in [[0.5533, 10.5773, 0.6062, 11.6671], [1.0, 10.0, 2.0, 0.5], [3.0, 0.7, 0.2, 8.0], [0.49, 9.9, 167.0, 6362.0]] {
            expectDerivativesMatchDifferences(
                { ParetoNBDModel._logLikelihood($0, x, tx, t, weights: w) },
                { ParetoNBDModel._logLikelihoodDerivatives($0, x, tx, t, weights: w) }, at: point)
        }
    }

    /// On the bundled log (simulated from BG/NBD) the likelihood rises along s, β → ∞ at a fixed
    /// s/β (one exponential lifetime for everyone): the fit follows the ridge in a few dozen
    /// iterations (it took minutes with the hypergeometric series) and ends no less likely than
    /// lifetimes, which stops at s = 167, β = 6362 (its s/β within 0.3% of ours).
    @Test func ridgeFitOnTheBundledLogIsAtLeastAsLikelyAsLifetimes() throws {
        let reference = try ParetoFixtures.load().bundled
        let log = try TransactionLog(contentsOf: packageRoot.appendingPathComponent("datasets/purchases.csv").path,
                                     layout: .csv(customer: "customer", date: "date", amount: "amount"))
        let summary = try CustomerSummary(log: log, calibrationEnd: CalendarDay(year: 1997, month: 9, day: 30)!, holdoutEnd: nil, unit: .weeks)
        #expect(summary.customers.count == reference.customers)
        let model = try ParetoNBD().fit(frequency: summary.frequencies, recency: summary.recencies, age: summary.ages)
        #expect(model.logLikelihood >= reference.logLikelihood - 1e-9, "\(model.logLikelihood) vs \(reference.logLikelihood)")
        #expect(model.iterationCount < ParetoNBD().maxIterations)
        #expect(isClose(model.r, reference.params[0], tolerance: 1e-3) && isClose(model.alpha, reference.params[1], tolerance: 1e-3))
        #expect(model.s > reference.params[2] && isRelativelyClose(model.s / model.beta, reference.params[2] / reference.params[3], tolerance: 1e-2))
        // A customer whose last purchase is at the calibration end is certainly alive.
        #expect(model.probabilityAlive(frequency: 3, recency: 20, age: 20) == 1)
    }
}
