import Testing
@testable import DecisionTrees

/// Hand-worked: probabilities are the normalized class weights; a weightless node is uniform.
@Test func nodeProbabilitiesNormalizeTheClassWeights() {
    let node = TreeNode(depth: 0, sampleCount: 4, classCounts: [3, 1], classWeights: [1.5, 0.5], impurity: 0.375, split: nil)
    #expect(node.probabilities == [0.75, 0.25])
    #expect(node.weightedSampleCount == 2)
    #expect(node.isLeaf)
    let empty = TreeNode(depth: 1, sampleCount: 2, classCounts: [1, 1], classWeights: [0, 0], impurity: 0, split: nil)
    #expect(empty.probabilities == [0.5, 0.5])
}
