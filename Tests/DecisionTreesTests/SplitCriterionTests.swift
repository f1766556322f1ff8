import Testing
@testable import DecisionTrees

/// Hand-worked: Gini [3, 1] = 1 - (9 + 1)/16 = 0.375; entropy [1, 1] = 1 bit;
/// entropy [3, 1] = -(3/4 log2 3/4 + 1/4 log2 1/4) = 0.8112781244591328; pure nodes 0.
@Test func impuritiesMatchHandWorkedValues() {
    #expect(SplitCriterion.gini._impurity([3, 1]) == 0.375)
    #expect(SplitCriterion.gini._impurity([2, 2, 0]) == 0.5)
    #expect(SplitCriterion.entropy._impurity([1, 1]) == 1)
    #expect(abs(SplitCriterion.entropy._impurity([3, 1]) - 0.8112781244591328) < 1e-15)
    #expect(SplitCriterion.gini._impurity([4, 0]) == 0)
    #expect(SplitCriterion.entropy._impurity([0, 4]) == 0)
    #expect(SplitCriterion.gini._impurity([0, 0]) == 0)
}
