import _TestSupport
import Testing
@testable import CustomerValue

@Suite struct BetaGeometricNBDTests {
    @Test(.enabled(if: cdnowAvailable, "needs ../shared/datasets/CDNOW_sample.txt"))
    func cdnowFitEqualsThePaperAndLifetimes() throws {
        let summary = try cdnowSummary()
        let model = try BetaGeometricNBD().fit(frequency: summary.frequencies, recency: summary.recencies, age: summary.ages)
        // Fader, Hardie and Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
        let paper = [0.243, 4.414, 0.793, 2.426]
        for (ours, published) in zip([model.r, model.alpha, model.a, model.b], paper) {
            #expect(abs(ours - published) < 0.0005, "\(ours) vs \(published)")
        }
        #expect(abs(model.logLikelihood - -9582.4) < 0.05)
        let reference = try LifetimesFixtures.load().bgnbd
        // The same maximum as lifetimes (its optimiser stops at about 1e-6 relative), never below it.
        #expect(model.logLikelihood >= reference.logLikelihood - 1e-9)
        for (ours, theirs) in zip([model.r, model.alpha, model.a, model.b], reference.params) {
            #expect(isClose(ours, theirs, tolerance: 1e-4), "\(ours) vs \(theirs)")
        }
        // Standard errors are a smooth function of where each optimiser stopped: they agree as the
        // parameters do (1e-4 relative; about 1e-6 on one CPU, 9e-6 on another whose BLAS kernels round differently).
        for (ours, theirs) in zip(model.standardErrors, try #require(reference.standardErrors)) {
            #expect(abs(ours - theirs) <= 1e-4 * theirs, "\(ours) vs \(theirs)")
        }
    }

    @Test func predictionsEqualLifetimesAtItsParameters() throws {
        let fixture = try LifetimesFixtures.load()
        let p = fixture.bgnbd.params
        let model = BetaGeometricNBDModel(r: p[0], alpha: p[1], a: p[2], b: p[3])
        let t = fixture.table
        #expect(isClose(model.logLikelihood(frequency: t.frequency, recency: t.recency, age: t.age), fixture.bgnbd.logLikelihood, tolerance: 1e-12))
        for (k, i) in fixture.predictions.rows.enumerated() {
            let alive = model.probabilityAlive(frequency: t.frequency[i], recency: t.recency[i], age: t.age[i])
            #expect(isClose(alive, fixture.predictions.probabilityAlive[k], tolerance: 1e-10))
            let expected = model.conditionalExpectedPurchases(
                duration: fixture.predictions.duration, frequency: t.frequency[i], recency: t.recency[i], age: t.age[i])
            #expect(isClose(expected, fixture.predictions.expectedPurchases[k], tolerance: 1e-10))
        }
        for (duration, reference) in zip(fixture.predictions.unconditionalDurations, fixture.predictions.unconditional) {
            #expect(isClose(model.expectedPurchases(duration: duration), reference, tolerance: 1e-10))
        }
        #expect(model.probabilityAlive(frequency: 0, recency: 0, age: 30) == 1)
        #expect(model.conditionalExpectedPurchases(duration: 0, frequency: 2, recency: 3, age: 10) == 0)
    }

    @Test func analyticDerivativesEqualDifferences() throws {
        let table = try LifetimesFixtures.load().table
        let histories = _DistinctRows(table.frequency, table.recency, table.age)
        let (x, tx, t, w) = (histories.columns[0], histories.columns[1], histories.columns[2], histories.count)
        for point in [[0.243, 4.414, 0.793, 2.426], [1.0, 10.0, 2.0, 0.5], [3.0, 0.7, 0.2, 8.0]] {
            expectDerivativesMatchDifferences(
                { BetaGeometricNBDModel._logLikelihood($0, x, tx, t, weights: w) },
                { BetaGeometricNBDModel._logLikelihoodDerivatives($0, x, tx, t, weights: w) }, at: point)
        }
    }

    @Test func inconsistentHistoriesAreRejected() {
        #expect(throws: CustomerValueError.self) { try BetaGeometricNBD().fit(frequency: [1], recency: [5], age: [4]) }
        #expect(throws: CustomerValueError.self) { try BetaGeometricNBD().fit(frequency: [1.5], recency: [1], age: [4]) }
        #expect(throws: CustomerValueError.self) { try BetaGeometricNBD().fit(frequency: [], recency: [], age: []) }
        #expect(throws: CustomerValueError.self) { try BetaGeometricNBD().fit(frequency: [0], recency: [2], age: [4]) }
        #expect(throws: CustomerValueError.self) { try BetaGeometricNBD().fit(frequency: [1, 2], recency: [1], age: [4]) }
    }
}

/// The fits run on distinct histories with counts: the weighted likelihood equals the sum over
/// every customer (BG/NBD, Pareto/NBD and Gamma-Gamma, on the lifetimes fixture's CDNOW table).
@Test func distinctHistoriesKeepTheLikelihood() throws {
    let t = try LifetimesFixtures.load().table
    let histories = _DistinctRows(t.frequency, t.recency, t.age)
    #expect(histories.count.reduce(0, +) == Double(t.frequency.count))
    #expect(histories.count.count < t.frequency.count && histories.columns.count == 3)
    for i in t.frequency.indices {
        let row = histories.rowOfInput[i]
        #expect([histories.columns[0][row], histories.columns[1][row], histories.columns[2][row]] == [t.frequency[i], t.recency[i], t.age[i]])
    }
    for p in [[0.243, 4.414, 0.793, 2.426], [1.0, 10.0, 2.0, 0.5]] {
        let all = BetaGeometricNBDModel._logLikelihood(p, t.frequency, t.recency, t.age)
        let grouped = BetaGeometricNBDModel._logLikelihood(p, histories.columns[0], histories.columns[1], histories.columns[2], weights: histories.count)
        #expect(abs(grouped - all) <= 1e-11 * abs(all), "\(grouped) vs \(all)")
        let pareto = ParetoNBDModel._logLikelihood(p, t.frequency, t.recency, t.age)
        let paretoGrouped = ParetoNBDModel._logLikelihood(p, histories.columns[0], histories.columns[1], histories.columns[2], weights: histories.count)
        #expect(abs(paretoGrouped - pareto) <= 1e-11 * abs(pareto), "\(paretoGrouped) vs \(pareto)")
    }
    let repeaters = t.frequency.indices.filter { t.frequency[$0] > 0 }
    let x = repeaters.map { t.frequency[$0] }, m = repeaters.map { t.monetary[$0] }
    let spend = _DistinctRows(x, m)
    #expect(spend.columns.count == 2 && spend.count.reduce(0, +) == Double(x.count))
    let all = GammaGammaModel._logLikelihood([6.25, 3.74, 15.44], x, m)
    let grouped = GammaGammaModel._logLikelihood([6.25, 3.74, 15.44], spend.columns[0], spend.columns[1], weights: spend.count)
    #expect(abs(grouped - all) <= 1e-11 * abs(all), "\(grouped) vs \(all)")
}
