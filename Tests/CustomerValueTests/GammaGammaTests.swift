import _TestSupport
import Testing
@testable import CustomerValue

@Suite struct GammaGammaTests {
    @Test func cdnowFitEqualsThePaperAndLifetimes() throws {
        let fixture = try LifetimesFixtures.load()
        let model = try GammaGamma().fit(frequency: fixture.table.frequency, monetaryValue: fixture.table.monetary)
        // Fader and Hardie (2013): p = 6.25, q = 3.74, gamma = 15.44.
        #expect(abs(model.p - 6.25) < 0.005 && abs(model.q - 3.74) < 0.005 && abs(model.gamma - 15.44) < 0.005)
        #expect(model.customerCount == 946)
        #expect(model.logLikelihood >= fixture.gammaGamma.logLikelihood - 1e-9)
        for (ours, theirs) in zip([model.p, model.q, model.gamma], fixture.gammaGamma.params) {
            #expect(isClose(ours, theirs, tolerance: 1e-4), "\(ours) vs \(theirs)")
        }
    }

    @Test func expectedSpendEqualsLifetimesAtItsParameters() throws {
        let fixture = try LifetimesFixtures.load()
        let g = fixture.gammaGamma.params
        let model = GammaGammaModel(p: g[0], q: g[1], gamma: g[2])
        for (k, i) in fixture.predictions.rows.enumerated() {
            let spend = model.conditionalExpectedSpend(frequency: fixture.table.frequency[i], monetaryValue: fixture.table.monetary[i])
            #expect(isClose(spend, fixture.predictions.expectedSpend[k], tolerance: 1e-12))
        }
        #expect(GammaGammaModel(p: 1, q: 0.5, gamma: 1).conditionalExpectedSpend(frequency: 1, monetaryValue: 2).isNaN)
    }

    @Test func analyticDerivativesEqualDifferences() throws {
        let t = try LifetimesFixtures.load().table
        let repeaters = t.frequency.indices.filter { t.frequency[$0] > 0 }
        let spend = _DistinctRows(repeaters.map { t.frequency[$0] }, repeaters.map { t.monetary[$0] })
        let (x, m, w) = (spend.columns[0], spend.columns[1], spend.count)
        for point in [[6.25, 3.74, 15.44], [1.0, 1.0, 1.0], [0.5, 12.0, 300.0]] {
            expectDerivativesMatchDifferences(
                { GammaGammaModel._logLikelihood($0, x, m, weights: w) },
                { GammaGammaModel._logLikelihoodDerivatives($0, x, m, weights: w) }, at: point)
        }
    }

    @Test func badSpendIsRejected() {
        #expect(throws: CustomerValueError.self) { try GammaGamma().fit(frequency: [1], monetaryValue: [0]) }
        #expect(throws: CustomerValueError.self) { try GammaGamma().fit(frequency: [0, 0], monetaryValue: [0, 0]) }
        #expect(throws: CustomerValueError.self) { try GammaGamma().fit(frequency: [1], monetaryValue: [1, 2]) }
    }
}
