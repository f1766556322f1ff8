import _TestSupport
import Foundation
import Tabular
import Testing
@testable import Survival

@Suite struct KaplanMeierTests {
    @Test(.enabled(if: telcoAvailable, "needs ../shared/datasets/telco-customer-churn.csv"))
    func telcoCurvesByContractEqualLifelines() throws {
        let telco = try Table(csvAt: telcoPath)
        let data = try SurvivalData(table: telco, duration: "tenure", event: "Churn", group: "Contract", file: telcoPath)
        let reference = try LifelinesFixtures.load()
        #expect(data.groupLabels == reference.kaplanMeier.map(\.group))
        for group in reference.kaplanMeier {
            let part = data.subset(group: group.group)
            let curve = try KaplanMeier().fit(durations: part.durations, events: part.events)
            #expect(curve.times == group.times)
            #expect(curve.atRisk == group.atRisk && curve.observed == group.observed && curve.censored == group.censored)
            #expect(curve.count == group.n && curve.eventCount == group.events)
            for k in curve.times.indices {
                #expect(isClose(curve.survival[k], group.survival[k], tolerance: 1e-12))
                #expect(isClose(curve.lower[k], group.lower[k], tolerance: 1e-10), "\(group.group) t = \(curve.times[k])")
                #expect(isClose(curve.upper[k], group.upper[k], tolerance: 1e-10), "\(group.group) t = \(curve.times[k])")
            }
            #expect(curve.median == group.median)
        }
    }

    @Test func handWorkedCurve() throws {
        // Durations 1, 2+, 3, 3, 4+ (plus = censored): S(1) = 4/5, S(3) = 4/5 · 1/3.
        let curve = try KaplanMeier().fit(durations: [3, 1, 4, 3, 2], events: [true, true, false, true, false])
        #expect(curve.times == [0, 1, 2, 3, 4])
        #expect(curve.atRisk == [5, 5, 4, 3, 1])
        #expect(isClose(curve.survival[3], 0.8 / 3, tolerance: 1e-15))
        #expect(curve.median == 3)
        #expect(curve.survival(at: 2.5) == 0.8 && curve.survival(at: 0.5) == 1)
        #expect(curve.quantile(0.1) == nil)
        // Greenwood at t = 3: 1/(5·4) + 2/(3·1).
        let v = log(0.8 / 3), sigma = (1.0 / 20 + 2.0 / 3).squareRoot(), z = 1.959963984540054
        #expect(isClose(curve.lower[3], exp(-exp(log(-v) - z * sigma / v)), tolerance: 1e-12))
    }

    @Test func badInputIsRejected() {
        #expect(throws: SurvivalError.self) { try KaplanMeier().fit(durations: [], events: []) }
        #expect(throws: SurvivalError.self) { try KaplanMeier().fit(durations: [-1], events: [true]) }
        #expect(throws: SurvivalError.self) { try KaplanMeier(confidence: 1).fit(durations: [1], events: [true]) }
    }
}
