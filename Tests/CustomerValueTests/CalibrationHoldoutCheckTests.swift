import Testing
@testable import CustomerValue

@Suite struct CalibrationHoldoutCheckTests {
    @Test(.enabled(if: cdnowAvailable, "needs ../shared/datasets/CDNOW_sample.txt"))
    func cdnowGroupsAddUpAndTrackTheHoldout() throws {
        let summary = try cdnowSummary()
        let p = try LifetimesFixtures.load().bgnbd.params
        let model = BetaGeometricNBDModel(r: p[0], alpha: p[1], a: p[2], b: p[3])
        let rows = CalibrationHoldoutCheck.table(summary, model: model)
        #expect(rows.map(\.group) == ["0", "1", "2", "3", "4", "5", "6", "7+"])
        #expect(rows.reduce(0) { $0 + $1.customers } == 2357)
        let actualTotal = rows.reduce(0.0) { $0 + $1.actual * Double($1.customers) }
        #expect(abs(actualTotal - Double(summary.holdoutOccasionCount)) < 1e-9)
        // Non-repeaters: the model's expectation for x = 0 depends only on T; it predicts well (paper Fig. 4).
        let zero = rows[0]
        #expect(abs(zero.predicted - zero.actual) < 0.1)
        #expect(rows.last.map { $0.predicted > 2 && $0.actual > 2 } == true)
    }
}
