import _TestSupport
import Testing
@testable import Experiments

@Suite struct RetentionRehearsalTests {
    /// The rehearsal at 100,000 policyholders: the pooled reduction's interval covers the truth,
    /// and its uplift evaluation agrees with the scenario's true Qini: the measured Qini of
    /// ranking by the true uplift and by the churn model's score are within 4 standard deviations
    /// of their expectations (a two-sided 4σ bound fails with probability 6e-5), and the true
    /// ranking's expected Qini is the larger.
    @Test func upliftEvaluationAgreesWithTheTrueQini() throws {
        let rehearsal = try RetentionRehearsal(policyholders: 100_000, seed: 11)
        let interval = try #require(rehearsal.report.overall.relativeReductionInterval)
        #expect(interval.contains(rehearsal.overallTruth.relativeReduction))
        let check = rehearsal.qini
        for q in [check.byRisk, check.byTrueUplift] {
            #expect(abs(q.standardizedDifference) < 4, "\(q.measuredGain) vs \(q.expectedGain) ± \(q.gainStandardDeviation)")
            #expect(q.curve.targeted.last == 100_000)
        }
        #expect(check.byTrueUplift.expectedGain > check.byRisk.expectedGain + 4 * check.byRisk.gainStandardDeviation)
        #expect(check.byTrueUplift.expectedCoefficient > 0)
        // Retention curves: control then the arms; nobody is censored before month 12, so each
        // curve ends at the group's share of customers who stayed.
        let retention = rehearsal.retention
        #expect(retention.groups == ["control", "call", "discount"] && retention.curves.count == 3)
        #expect(retention.curves.reduce(0) { $0 + $1.count } == 100_000)
        let total = rehearsal.report.cells.reduce(into: [String: (events: Int, total: Int)]()) { sums, cell in
            sums[cell.arm, default: (0, 0)].events += cell.comparison.treatment.events
            sums[cell.arm, default: (0, 0)].total += cell.comparison.treatment.total
        }
        for (name, curve) in zip(retention.groups.dropFirst(), retention.curves.dropFirst()) {
            let arm = try #require(total[name])
            #expect(curve.count == arm.total && curve.eventCount == arm.events)
            #expect(isClose(curve.survival(at: 12), 1 - Double(arm.events) / Double(arm.total), tolerance: 1e-12))
        }
        #expect(Set(retention.logRank.groups) == Set(retention.groups) && retention.logRank.degreesOfFreedom == 2)
    }
}
