import Testing
@testable import DecisionTrees

@Test func featuresAreNumberedLikeScikitLearnAndKnowTheirKind() {
    #expect(TreeFeature.numbered(2) == [.numeric("feature_0"), .numeric("feature_1")])
    #expect(TreeFeature.numbered(-1) == [])
    #expect(TreeFeature.categorical("Contract", levels: ["a"]).isCategorical)
    #expect(!TreeFeature.numeric("tenure").isCategorical)
}
