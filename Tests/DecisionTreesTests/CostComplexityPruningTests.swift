import LinearAlgebra
import Testing
@testable import DecisionTrees

/// Reference: scikit-learn's `cost_complexity_pruning_path` and a tree fitted with `ccp_alpha`
/// on the same data (Fixtures/make_fixtures.py).
@Test func pruningPathMatchesScikitLearn() throws {
    let fixture = try TreeFixtures.named("gini_depth4_leaf5")
    let reference = try #require(fixture.ccp_path)
    let path = try fixture.classifier().costComplexityPruningPath(fixture.matrix(), fixture.y.map { $0 == 1 })
    #expect(path.alphas.count == reference.alphas.count)
    for (a, b) in zip(path.alphas, reference.alphas) { #expect(close(a, b)) }
    for (a, b) in zip(path.impurities, reference.impurities) { #expect(close(a, b)) }
}

@Test func prunedTreeMatchesScikitLearn() throws {
    let fixture = try TreeFixtures.named("gini_depth4_leaf5")
    let alpha = try #require(fixture.ccp_alpha)
    let reference = try #require(fixture.pruned)
    var trainer = fixture.classifier()
    trainer.ccpAlpha = alpha
    let model = try trainer.fit(fixture.matrix(), classes: fixture.y)
    #expect(differences(model, reference).isEmpty)
    #expect(model.leafCount == reference.leaves)
    // Pruning a fitted tree afterwards gives the same subtree.
    let full = try fixture.classifier().fit(fixture.matrix(), classes: fixture.y)
    #expect(try full.pruned(ccpAlpha: alpha).nodes == model.nodes)
    // Beyond the largest alpha only the root remains; alpha 0 keeps everything.
    #expect(try full.pruned(ccpAlpha: 1).leafCount == 1)
    #expect(try full.pruned(ccpAlpha: 0).nodes == full.nodes)
    #expect(throws: DecisionTreeError.self) { try full.pruned(ccpAlpha: .nan) }
}
