import _TestSupport
import Testing
@testable import Survival

@Suite struct RetentionProjectionTests {
    @Test func fivePercentForFourteenYearsDoublesTheBase() {
        #expect(isClose(RetentionProjection.compoundedGrowth(gain: 0.05, years: 14), 1.979931599439397, tolerance: 1e-14))
        #expect(isClose(RetentionProjection.doublingYears(gain: 0.05), 14.206699082890463, tolerance: 1e-14))
        #expect(RetentionProjection.doublingYears(gain: 0).isNaN && RetentionProjection.compoundedGrowth(gain: -1, years: 2).isNaN)
    }

    @Test func cohortKPIsFollowTheModel() {
        let model = ShiftedBetaGeometricModel(alpha: 0.704, beta: 1.182)
        let rows = RetentionProjection.project(model, initial: 1000, periods: 12)
        #expect(rows.count == 12 && rows[0].atRisk == 1000)
        for row in rows {
            #expect(isClose(row.survivors, row.atRisk * row.retentionRate, tolerance: 1e-12))
            #expect(isClose(row.churnRate, 1 - row.retentionRate, tolerance: 1e-15))
        }
        #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.survivors == $1.atRisk && $0.retentionRate < $1.retentionRate })
    }
}
