import Foundation
import LinearAlgebra
import Testing
@testable import DecisionTrees

/// Hand-worked: month-to-month customers churn (9 of 10 under 7 months, 2 of 10 after), the 40
/// others (tenure 1, 4, 7, ..., 58) never do. Weighted Gini of the root candidates: Contract
/// {One year, Two year} | {Month-to-month} 20 * 2 * 0.55 * 0.45 = 9.9, tenure <= 6.5
/// 14 * 2 * 9/14 * 5/14 + 46 * 2 * 2/46 * 44/46 = 10.26, so Contract is chosen; then tenure 6.5
/// (midpoint of 6 and 7, 10 * 0.18 + 10 * 0.32 = 5.0) splits the month-to-month customers.
func contractData() throws -> (x: Matrix, y: [Bool], features: [TreeFeature]) {
    var rows: [[Double]] = [], labels: [Bool] = []
    for (i, tenure) in [1, 1, 2, 2, 3, 3, 4, 5, 6, 6].enumerated() {
        rows.append([0, Double(tenure)])
        labels.append(i != 4)
    }
    for (i, tenure) in [7, 8, 9, 10, 11, 12, 13, 14, 15, 16].enumerated() {
        rows.append([0, Double(tenure)])
        labels.append(i == 4 || i == 5)
    }
    for level in [1.0, 2.0] {
        for i in 0..<20 {
            rows.append([level, Double(1 + 3 * i)])
            labels.append(false)
        }
    }
    let features = [TreeFeature.categorical("Contract", levels: ["Month-to-month", "One year", "Two year"]), .numeric("tenure")]
    return (try Matrix(rows), labels, features)
}

/// The rates are the m-estimates with leaf smoothing 1 and the parent's rate as prior:
/// (9 + 0.55) / 11 = 86.8%, (2 + 0.55) / 11 = 23.2% (parent: 11 of 20 month-to-month churners) and
/// (0 + 11/60) / 41 = 0.4% (parent: the root, 11 of 60).
@Test func rulesReadLikeSentencesSortedByChurnRate() throws {
    let data = try contractData()
    let model = try DecisionTreeClassifier(maxDepth: 2, minSamplesLeaf: 5, splitSearch: .exact)
        .fit(data.x, data.y, features: data.features)
    #expect(model.textRules() == """
        Contract = Month-to-month and tenure <= 6.5: 86.8% churn, 10 customers
        Contract = Month-to-month and tenure > 6.5: 23.2% churn, 10 customers
        Contract in {One year, Two year}: 0.4% churn, 40 customers
        """)
    let first = try #require(model.rules().first)
    #expect(first.conditions.map(\.name) == ["Contract", "tenure"])
    #expect(first.conditions[1].upperBound == 6.5 && first.conditions[1].lowerBound == nil)
    #expect(abs(first.rate - 9.55 / 11) < 1e-15 && first.sampleCount == 10 && first.positiveCount == 9)
    // Unweighted rows: the printed rate is the predicted probability.
    #expect(abs(first.probabilities[1] - first.rate) < 1e-15)
    let raw = try DecisionTreeClassifier(maxDepth: 2, minSamplesLeaf: 5, splitSearch: .exact, leafSmoothing: 0)
        .fit(data.x, data.y, features: data.features)
    #expect(raw.rules().map(\.rate) == [0.9, 0.2, 0])
    // The structured rules round-trip through JSON (for `churn rules --format json`).
    let rules = model.rules()
    #expect(try JSONDecoder().decode([TreeRule].self, from: JSONEncoder().encode(rules)) == rules)
}

/// Hand-worked condition texts: merged bounds, missing values, several levels.
@Test func conditionsMergeBoundsAndMentionMissingValues() {
    let both = TreeCondition(feature: 0, name: "tenure", lowerBound: 6.5, upperBound: 20.5, levels: nil, missing: .excluded)
    #expect(both.text == "6.5 < tenure <= 20.5")
    let withMissing = TreeCondition(feature: 1, name: "TotalCharges", lowerBound: nil, upperBound: 1397.475, levels: nil, missing: .included)
    #expect(withMissing.text == "(TotalCharges <= 1397.47 or missing)")
    let only = TreeCondition(feature: 1, name: "TotalCharges", lowerBound: nil, upperBound: nil, levels: nil, missing: .only)
    #expect(only.text == "TotalCharges is missing")
    let levels = TreeCondition(feature: 2, name: "PaymentMethod", lowerBound: nil, upperBound: nil,
                               levels: ["Electronic check", "Mailed check"], missing: .excluded)
    #expect(levels.text == "PaymentMethod in {Electronic check, Mailed check}")
}

@Test func aSingleLeafTreeHasOneRuleForEveryone() throws {
    let model = try DecisionTreeClassifier().fit(Matrix([[1], [1], [1], [1]]), [true, false, false, false])
    #expect(model.textRules(outcome: "churn", unit: "customers") == "all customers: 25.0% churn, 4 customers")
}

/// Issue 13: rules of a valid tree 100,000 splits deep (a chain: node i splits tenure at i, its left
/// child a leaf, its right child the next split) used to copy the path at every node, quadratic in
/// time and memory (over 6 GB); one walk with undo is linear. The deepest leaf's conditions merge
/// the whole path into one interval.
@Test func aDeepTreeGivesItsRulesInLinearWork() throws {
    let depth = 100_000
    var nodes: [TreeNode] = []
    for i in 0..<depth {
        let remaining = depth - i + 1
        let split = TreeSplit(feature: 0, threshold: Double(i) + 0.5, leftCategories: nil, missingGoesLeft: true, missingCount: 0,
                              left: 2 * i + 1, right: 2 * i + 2, impurityDecrease: 0)
        nodes.append(TreeNode(depth: i, sampleCount: remaining, classCounts: [remaining - 1, 1], classWeights: [Double(remaining - 1), 1],
                              impurity: 0.1, split: split))
        // Split i sits at 2i, its leaf at 2i + 1, the next split at 2i + 2.
        nodes.append(TreeNode(depth: i + 1, sampleCount: 1, classCounts: [1, 0], classWeights: [1, 0], impurity: 0, split: nil))
    }
    nodes.append(TreeNode(depth: depth, sampleCount: 1, classCounts: [0, 1], classWeights: [0, 1], impurity: 0, split: nil))
    let model = DecisionTreeModel(features: [.numeric("tenure")], classCount: 2, criterion: .gini, nodes: nodes, leafSmoothing: 0)
    let rules = model.rules()
    #expect(rules.count == depth + 1)
    let deepest = try #require(rules.first)
    #expect(deepest.text == "tenure > 99999.5: 100.0% churn, 1 customers")
    #expect(rules.contains { $0.text == "49.5 < tenure <= 50.5: 0.0% churn, 1 customers" })
}
