import Foundation
import LinearAlgebra
@testable import DecisionTrees

/// scikit-learn reference trees from Fixtures/make_fixtures.py (see its docstring).
struct TreeFixtures: Decodable {
    struct Node: Decodable {
        let impurity: Double
        let samples: Int
        let weighted: Double
        let probabilities: [Double]
        let feature: Int?
        let threshold: Threshold?
        let missing_left: Bool?
        let decrease: Double?
        let tied: Bool?
    }

    /// A threshold: a number or "inf" (the split "non-missing | missing").
    enum Threshold: Decodable {
        case value(Double)
        case infinity

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let v = try? c.decode(Double.self) { self = .value(v) } else { self = .infinity }
        }
    }

    struct Tree: Decodable {
        let nodes: [Node]
        let importances: [Double]
        let depth: Int
        let leaves: Int
    }

    struct Params: Decodable {
        let criterion: String
        let max_depth: Int?
        let min_samples_leaf: Int?
        let min_samples_split: Int?
        let max_leaf_nodes: Int?
        let min_impurity_decrease: Double?
        let class_weight: String?
    }

    struct Path: Decodable {
        let alphas: [Double]
        let impurities: [Double]
    }

    struct Case: Decodable {
        let name: String
        let params: Params
        let X: [[Double?]]
        let y: [Int]
        let sample_weight: [Double]?
        let tree: Tree
        let ccp_path: Path?
        let ccp_alpha: Double?
        let pruned: Tree?
        let proba: [[Double]]

        /// The features as a matrix, NaN for missing.
        func matrix() throws -> Matrix { try Matrix(X.map { $0.map { $0 ?? .nan } }) }

        /// The classifier with the case's hyperparameters.
        func classifier(search: SplitSearch = .exact) -> DecisionTreeClassifier {
            DecisionTreeClassifier(
                criterion: params.criterion == "entropy" ? .entropy : .gini, maxDepth: params.max_depth,
                minSamplesSplit: params.min_samples_split ?? 2, minSamplesLeaf: params.min_samples_leaf ?? 1,
                minImpurityDecrease: params.min_impurity_decrease ?? 0, maxLeafNodes: params.max_leaf_nodes,
                classWeights: params.class_weight == "balanced" ? .balanced : .uniform, splitSearch: search,
                leafSmoothing: 0)
        }
    }

    let cases: [Case]
    /// scikit-learn's 5-fold cross-validated AUC on Telco (depth 5, 50 rows per leaf), if computed.
    let telco_cv_auc: Double?

    static func load() throws -> TreeFixtures {
        guard let url = Bundle.module.url(forResource: "tree_fixtures", withExtension: "json", subdirectory: "Fixtures")
        else { throw CocoaError(.fileNoSuchFile) }
        return try JSONDecoder().decode(TreeFixtures.self, from: Data(contentsOf: url))
    }

    static func named(_ name: String) throws -> Case {
        guard let found = try load().cases.first(where: { $0.name == name }) else { throw CocoaError(.fileNoSuchFile) }
        return found
    }
}

/// True when |a - b| <= tolerance (relative above 1).
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// Differences between a fitted model and a scikit-learn tree, as readable lines (empty when equal).
/// Both trees are walked together; below a split scikit-learn marks as tied, the subtrees are not
/// compared (the choice is arbitrary), nor are the importances.
func differences(_ model: DecisionTreeModel, _ reference: TreeFixtures.Tree, tolerance: Double = 1e-12) -> [String] {
    var problems: [String] = []
    let theirs = reference.nodes
    // In preorder the left child follows its parent and the right child follows the left subtree.
    var rightChild = [Int](repeating: -1, count: theirs.count)
    func end(ofSubtreeAt j: Int) -> Int {
        guard theirs[j].feature != nil else { return j + 1 }
        rightChild[j] = end(ofSubtreeAt: j + 1)
        return end(ofSubtreeAt: rightChild[j])
    }
    _ = end(ofSubtreeAt: 0)
    var anyTie = false
    var pairs = [(0, 0)]
    while let (i, j) = pairs.popLast() {
        guard i < model.nodes.count, j < theirs.count else { problems.append("node index out of range"); break }
        let ours = model.nodes[i], ref = theirs[j]
        if ours.sampleCount != ref.samples { problems.append("node \(j): \(ours.sampleCount) rows vs \(ref.samples)") }
        if !close(ours.impurity, ref.impurity, tolerance) { problems.append("node \(j): impurity \(ours.impurity) vs \(ref.impurity)") }
        if !close(ours.weightedSampleCount, ref.weighted, tolerance) {
            problems.append("node \(j): weight \(ours.weightedSampleCount) vs \(ref.weighted)")
        }
        for (p, q) in zip(ours.probabilities, ref.probabilities) where !close(p, q, tolerance) {
            problems.append("node \(j): probabilities \(ours.probabilities) vs \(ref.probabilities)")
            break
        }
        if ref.tied == true {
            anyTie = true
            continue
        }
        switch (ours.split, ref.feature) {
        case (nil, nil): break
        case (let split?, let feature?):
            if split.feature != feature { problems.append("node \(j): feature \(split.feature) vs \(feature)") }
            switch ref.threshold {
            case .value(let t)?:
                if let ot = split.threshold, !close(ot, t, tolerance) { problems.append("node \(j): threshold \(ot) vs \(t)") }
            case .infinity?:
                if split.threshold != .greatestFiniteMagnitude { problems.append("node \(j): threshold vs inf") }
            case nil: break
            }
            if let d = ref.decrease, !close(split.impurityDecrease, d, tolerance) {
                problems.append("node \(j): decrease \(split.impurityDecrease) vs \(d)")
            }
            if let m = ref.missing_left, m != split.missingGoesLeft { problems.append("node \(j): missing left \(split.missingGoesLeft) vs \(m)") }
            pairs.append((split.right, rightChild[j]))
            pairs.append((split.left, j + 1))
        default:
            problems.append("node \(j): leaf/internal mismatch")
        }
    }
    if !anyTie {
        if model.nodes.count != theirs.count { problems.append("\(model.nodes.count) nodes vs \(theirs.count)") }
        for (a, b) in zip(model.featureImportances, reference.importances) where !close(a, b, tolerance) {
            problems.append("importances \(model.featureImportances) vs \(reference.importances)")
            break
        }
    }
    return problems
}
