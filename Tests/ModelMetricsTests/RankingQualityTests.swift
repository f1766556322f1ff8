import Testing
@testable import ModelMetrics

@Suite struct RankingQualityTests {
    @Test func gradesFollowTheHosmerLemeshowScale() {
        #expect(RankingQuality(auc: 0.5) == .none && RankingQuality(auc: .nan) == .none)
        #expect(RankingQuality(auc: 0.658) == .poor && RankingQuality(auc: 0.6999) == .poor)
        #expect(RankingQuality(auc: 0.7) == .acceptable && RankingQuality(auc: 0.85) == .excellent)
        #expect(RankingQuality(auc: 0.9) == .outstanding && RankingQuality(auc: 1) == .outstanding)
        #expect(RankingQuality.poor < .acceptable && !(RankingQuality.excellent < .poor))
    }
}
