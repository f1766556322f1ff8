import _TestSupport
import Testing
@testable import Survival

@Suite struct ShiftedBetaGeometricTests {
    @Test func paperCohortsEqualFaderHardieAndScipy() throws {
        let fixtures = try SBGFixtures.load()
        // Fader and Hardie (2007): regular 0.704, 1.182; high end 0.668, 3.806.
        let paper = ["regular": (0.704, 1.182), "highEnd": (0.668, 3.806)]
        for (name, cohort) in fixtures.cohorts {
            let model = try ShiftedBetaGeometric().fit(survivors: cohort.survivors, initial: 1000)
            let published = try #require(paper[name])
            #expect(abs(model.alpha - published.0) < 0.0005 && abs(model.beta - published.1) < 0.0005, "\(name): \(model.alpha), \(model.beta)")
            #expect(isClose(model.alpha, cohort.alpha, tolerance: 1e-6) && isClose(model.beta, cohort.beta, tolerance: 1e-6))
            #expect(model.logLikelihood >= cohort.logLikelihood - 1e-9)
            for year in 8...12 {
                let projected = 1000 * model.survival(after: year)
                // Closed form S(t) = Π (β+i−1)/(α+β+i−1).
                let product = (1...year).reduce(1.0) { $0 * (model.beta + Double($1) - 1) / (model.alpha + model.beta + Double($1) - 1) }
                #expect(isClose(projected, 1000 * product, tolerance: 1e-12))
                #expect(isClose(projected, try #require(cohort.projectedSurvival["\(year)"]), tolerance: 1e-6))
            }
            for n in 1...5 {
                let derl = model.discountedExpectedResidualLifetime(discountRate: 0.1, renewals: n - 1)
                #expect(isClose(derl, try #require(cohort.derl["\(n)"]), tolerance: 1e-6), "\(name) n = \(n): \(derl)")
            }
            #expect(model.standardErrors.allSatisfy { $0 > 0 })
        }
    }

    @Test func closedFormsAgree() {
        let model = ShiftedBetaGeometricModel(alpha: 0.7, beta: 1.2)
        for t in 1...10 {
            #expect(isClose(model.churnProbability(period: t), model.survival(after: t - 1) - model.survival(after: t), tolerance: 1e-14))
            #expect(isClose(model.retentionRate(period: t), model.survival(after: t) / model.survival(after: t - 1), tolerance: 1e-14))
        }
        #expect(model.discountedExpectedResidualLifetime(discountRate: 0).isNaN)
    }

    @Test func badCountsAreRejected() {
        #expect(throws: SurvivalError.self) { try ShiftedBetaGeometric().fit(survivors: [900, 950], initial: 1000) }
        #expect(throws: SurvivalError.self) { try ShiftedBetaGeometric().fit(survivors: [1100], initial: 1000) }
        #expect(throws: SurvivalError.self) { try ShiftedBetaGeometric().fit(survivors: [], initial: 1000) }
        #expect(throws: SurvivalError.self) { try ShiftedBetaGeometric().fit(survivors: [1000, 1000], initial: 1000) }
    }
}
