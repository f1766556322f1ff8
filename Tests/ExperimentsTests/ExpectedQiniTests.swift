import _TestSupport
import Testing
@testable import Experiments

@Suite struct ExpectedQiniTests {
    /// The area between the measured Qini curve and the random line (the coefficient's numerator).
    static func measuredGain(_ evaluation: UpliftEvaluation) -> Double {
        let curve = evaluation.qiniCurve
        let last = curve.targeted.count - 1
        return curve.area - curve.targeted[last] * curve.value[last] / 2
    }

    /// Exact reference by enumeration: all 2⁸ response vectors of eight customers (ties in the
    /// scores included), each weighted by its probability, give E[gain] and Var[gain] of the
    /// measured Qini, which the closed form must equal.
    @Test func meanAndVarianceEqualTheEnumeration() throws {
        let treatment = [true, false, true, true, false, false, true, false]
        let scores = [0.9, 0.9, 0.7, 0.5, 0.5, 0.5, 0.2, 0.1]
        let π = [0.8, 0.3, 0.6, 0.5, 0.45, 0.2, 0.9, 0.35]
        var mean = 0.0, square = 0.0
        for mask in 0..<256 {
            let outcome = (0..<8).map { mask >> $0 & 1 == 1 }
            let probability = (0..<8).reduce(1.0) { $0 * (outcome[$1] ? π[$1] : 1 - π[$1]) }
            let gain = Self.measuredGain(try UpliftEvaluation(outcome: outcome, treatment: treatment, scores: scores))
            mean += probability * gain
            square += probability * gain * gain
        }
        let observed = [true, false, false, true, true, false, true, false]
        let evaluation = try UpliftEvaluation(outcome: observed, treatment: treatment, scores: scores)
        let expected = try evaluation.expectedQini(responseProbability: π)
        #expect(isClose(expected.expectedGain, mean, tolerance: 1e-12))
        #expect(isClose(expected.gainStandardDeviation, (square - mean * mean).squareRoot(), tolerance: 1e-12))
        #expect(isClose(expected.measuredGain, Self.measuredGain(evaluation), tolerance: 1e-12))
        #expect(expected.measuredCoefficient == evaluation.qiniCoefficient)
        // The expected curve at the measured curve's points: after the tie at 0.9 (rows 0, 1;
        // r = 1): 0.8 − 0.3 = 0.5; after row 2: 0.8 + 0.6 − 2 · 0.3 = 0.8.
        #expect(expected.curve.targeted == evaluation.qiniCurve.targeted)
        #expect(isClose(expected.curve.value[1], 0.5, tolerance: 1e-15) && isClose(expected.curve.value[2], 0.8, tolerance: 1e-15))
    }

    /// On the AXA scenario (200,000 policyholders, the rehearsal's design: top 20% high risk, 10%
    /// control per tier), the measured Qini of ranking by the true uplift and by the churn score
    /// lie within 4 standard deviations of their expectations (a two-sided 4σ bound fails with
    /// probability 6e-5 per check), and the true ranking's expected Qini exceeds the score's.
    @Test func measuredQiniIsConsistentWithTheTruth() throws {
        let portfolio = try InsurancePortfolio(scenario: InsuranceScenario.axa.with(customerCount: 200_000), seed: 5)
        let design = try ExperimentDesign.highLow(highFraction: 0.2, controlShare: 0.1, arms: ["call", "discount"])
        let assignment = try Assignment.randomize(design: design, ids: portfolio.ids, scores: portfolio.riskScore, seed: 6)
        let outcomes = try portfolio.outcomes(for: assignment, seed: 7)
        let truth = try portfolio.trueProbabilities(for: assignment)
        let retained = outcomes.events.map { !$0 }, treated = assignment.groups.map { $0 > 0 }
        let stay = truth.cancellation.map { 1 - $0 }
        var results: [ExpectedQini] = []
        for scores in [truth.reduction, portfolio.riskScore] {
            let result = try UpliftEvaluation(outcome: retained, treatment: treated, scores: scores).expectedQini(responseProbability: stay)
            #expect(abs(result.standardizedDifference) < 4, "\(result)")
            #expect(abs(result.measuredCoefficient - result.expectedCoefficient) < 4 * result.coefficientStandardDeviation)
            results.append(result)
        }
        #expect(results[0].expectedCoefficient > results[1].expectedCoefficient + 4 * results[1].coefficientStandardDeviation)
        print("true Qini: measured \(results[0].measuredCoefficient), expected \(results[0].expectedCoefficient) ± \(results[0].coefficientStandardDeviation); "
            + "risk: measured \(results[1].measuredCoefficient), expected \(results[1].expectedCoefficient) ± \(results[1].coefficientStandardDeviation)")
    }

    @Test func badProbabilitiesThrow() throws {
        let evaluation = try UpliftEvaluation(outcome: [true, false], treatment: [true, false], scores: [1, 0])
        #expect(throws: ExperimentsError.self) { try evaluation.expectedQini(responseProbability: [0.5]) }
        #expect(throws: ExperimentsError.self) { try evaluation.expectedQini(responseProbability: [0.5, 1.5]) }
        #expect(throws: ExperimentsError.self) { try evaluation.expectedQini(responseProbability: [0.5, .nan]) }
    }
}
