import _TestSupport
import Testing
@testable import Experiments

@Suite struct UpliftEvaluationTests {
    let cases: [UpliftFixtures.Case]

    init() throws { cases = try UpliftFixtures.load().cases }

    func evaluation(_ c: UpliftFixtures.Case) throws -> UpliftEvaluation {
        try UpliftEvaluation(outcome: c.outcome.map { $0 == 1 }, treatment: c.treatment.map { $0 == 1 }, scores: c.scores)
    }

    @Test func normalisedAreasMatchScikitUplift() throws {
        for c in cases {
            let e = try evaluation(c)
            #expect(isClose(e.upliftAUC, c.upliftAUC, tolerance: 1e-9), "\(c)")
            #expect(isClose(e.qiniCoefficient, c.qiniAUC, tolerance: 1e-9), "\(c)")
        }
    }

    @Test func curvesMatchScikitUplift() throws {
        for c in cases {
            let e = try evaluation(c)
            let uplift = e.upliftCurve, qini = e.qiniCurve
            #expect(uplift.targeted == c.upliftCurve[0], "\(c)")
            #expect(zip(uplift.value, c.upliftCurve[1]).allSatisfy { isClose($0, $1, tolerance: 1e-12) } && uplift.value.count == c.upliftCurve[1].count)
            #expect(qini.targeted == c.qiniCurve[0], "\(c)")
            #expect(zip(qini.value, c.qiniCurve[1]).allSatisfy { isClose($0, $1, tolerance: 1e-12) } && qini.value.count == c.qiniCurve[1].count)
        }
    }

    @Test func upliftAtKMatchesScikitUplift() throws {
        for c in cases {
            let e = try evaluation(c)
            for row in c.upliftAtK {
                let strategy: UpliftRankingStrategy = row[1].text == "overall" ? .overall : .byGroup
                let value = try e.upliftAtK(fraction: row[0].number, strategy: strategy)
                #expect(isClose(value, row[2].number, tolerance: 1e-12), "\(c) k = \(row[0].number) \(strategy)")
            }
        }
    }

    @Test func upliftByPercentileMatchesScikitUplift() throws {
        for c in cases {
            let e = try evaluation(c)
            for (key, reference) in c.percentiles {
                let parts = key.split(separator: "-")
                let rows = try e.upliftByPercentile(bins: Int(parts[1]) ?? 0, strategy: parts[0] == "overall" ? .overall : .byGroup)
                #expect(rows.map(\.percentile) == reference.percentile)
                #expect(rows.map(\.treatedCount) == reference.nTreatment && rows.map(\.controlCount) == reference.nControl, "\(c) \(key)")
                for (row, i) in zip(rows, rows.indices) {
                    #expect(matches(row.treatedRate, reference.rateTreatment[i]) && matches(row.controlRate, reference.rateControl[i]))
                    #expect(matches(row.uplift, reference.uplift[i]) && matches(row.upliftStandardError, reference.stdUplift[i]), "\(c) \(key) bin \(i)")
                }
            }
        }
    }

    /// NaN matches null; numbers match to 1e-12.
    func matches(_ actual: Double, _ expected: Double?) -> Bool {
        guard let expected else { return actual.isNaN }
        return isClose(actual, expected)
    }

    @Test func handWorkedQini() throws {
        // Four customers ranked t1(responds), c1(no), t2(no), c2(responds):
        // Qini after 1: 1 − 0 = 1; after 2: 1 − 0·1/1 = 1; after 3: 1 − 0·2/1 = 1; after 4: 1 − 1·2/2 = 0.
        let e = try UpliftEvaluation(outcome: [true, false, false, true], treatment: [true, false, true, false], scores: [4, 3, 2, 1])
        #expect(e.qiniCurve == UpliftCurvePoints(targeted: [0, 1, 2, 3, 4], value: [0, 1, 1, 1, 0]))
        #expect(e.upliftCurve.value == [0, 1, 2, 1.5, 0])
    }

    @Test func badInputThrows() {
        #expect(throws: ExperimentsError.self) { try UpliftEvaluation(outcome: [true], treatment: [true], scores: [1]) }
        #expect(throws: ExperimentsError.self) { try UpliftEvaluation(outcome: [true, false], treatment: [true, false], scores: [1]) }
        #expect(throws: ExperimentsError.self) { try UpliftEvaluation(outcome: [true, false], treatment: [true, false], scores: [1, .nan]) }
        #expect(throws: ExperimentsError.self) {
            try UpliftEvaluation(outcome: [true, false], treatment: [true, false], scores: [1, 2]).upliftAtK(fraction: 1, strategy: .overall)
        }
        #expect(throws: ExperimentsError.self) {
            try UpliftEvaluation(outcome: [true, false], treatment: [true, false], scores: [1, 2]).upliftByPercentile(bins: 2)
        }
    }
}
