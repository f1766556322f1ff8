import _TestSupport
import Testing
@testable import CustomerValue

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
}
