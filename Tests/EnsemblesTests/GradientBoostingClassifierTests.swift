import Foundation
import LinearAlgebra
import Testing
@testable import DecisionTrees
@testable import Ensembles

/// With one tree, learning rate 1 and no penalty, the gradients of the log loss at the base rate p
/// are p - y and the Hessians the constant p (1 - p), so the gain of a split, sum over the children
/// of G^2 / H minus the parent's, is (sum_c n_c p_c^2 - n p_t^2) / (p (1 - p)), and the weighted
/// Gini decrease of CART is (2 / N)(sum_c n_c p_c^2 - n p_t^2): the same ranking of splits and of
/// leaves. So the booster's first tree is the best-first Gini CART with as many leaves, and a leaf
/// holding a fraction p_l of positives outputs -G / H = (p_l - p) / (p (1 - p)).
@Test(arguments: [0.0, 0.15])
func firstBoostedTreeIsTheGiniCARTOfTheGradients(missingRate: Double) throws {
    let data = try EnsembleTestData(rows: 3_000, features: 5, missingRate: missingRate)
    let leaves = 12, minLeaf = 15
    let cart = try DecisionTreeClassifier(
        minSamplesLeaf: minLeaf, maxLeafNodes: leaves, categoricalSplits: .unregularized, leafSmoothing: 0
    ).fit(data.x, data.y)
    let booster = try GradientBoostingClassifier(
        rounds: 1, learningRate: 1, maxLeaves: leaves, minSamplesLeaf: minLeaf, minSumHessian: 0
    ).fit(data.x, data.y)
    let tree = try #require(booster.trees.first)
    #expect(booster.trees.count == 1)
    #expect(tree.leafCount == leaves)
    #expect(tree.nodes.count == cart.nodes.count)
    for (ours, theirs) in zip(tree.nodes, cart.nodes) {
        #expect(ours.split?.feature == theirs.split?.feature)
        #expect(ours.sampleCount == theirs.sampleCount)
        #expect(ours.split?.missingGoesLeft == theirs.split?.missingGoesLeft)
    }
    let base = Double(data.y.filter { $0 }.count) / Double(data.y.count)
    #expect(abs(booster.baseMargin - log(base / (1 - base))) < 1e-12)
    let expected = try cart.predictProbabilities(data.x).map { booster.baseMargin + ($0 - base) / (base * (1 - base)) }
    let margins = try booster.margins(data.x)
    for (a, b) in zip(margins, expected) { #expect(abs(a - b) < 1e-9) }
}

/// The leaf outputs of a stump with L1 and L2 penalties, computed by hand from its rows:
/// -rate * sign(G) max(|G| - l1, 0) / (H + l2) with G = sum (p - y), H = n p (1 - p) at the base rate.
@Test func penalizedLeafOutputsAreTheSoftThresholdedNewtonSteps() throws {
    let data = try EnsembleTestData(rows: 800, features: 3)
    let (rate, l1, l2) = (0.3, 4.0, 10.0)
    let model = try GradientBoostingClassifier(
        rounds: 1, learningRate: rate, maxLeaves: 2, minSamplesLeaf: 5, l2: l2, l1: l1
    ).fit(data.x, data.y)
    let tree = try #require(model.trees.first)
    let split = try #require(tree.nodes[0].split)
    let p = 1 / (1 + exp(-model.baseMargin))
    for (child, goesLeft) in [(split.left, true), (split.right, false)] {
        var g = 0.0, n = 0
        for i in 0..<data.x.rows where (data.x[i, split.feature] <= (split.threshold ?? 0)) == goesLeft {
            g += p - (data.y[i] ? 1 : 0)
            n += 1
        }
        let h = Double(n) * p * (1 - p)
        let t = g > l1 ? g - l1 : (g < -l1 ? g + l1 : 0)
        #expect(tree.nodes[child].sampleCount == n)
        #expect(abs(tree.nodes[child].value - (-rate * t / (h + l2))) < 1e-12)
    }
}

/// A row of weight 2 weighs as that row twice: same trees, same margins.
@Test func integerSampleWeightsEqualRepeatedRows() throws {
    let data = try EnsembleTestData(rows: 600, features: 4)
    // Few distinct values per feature, so that repeating rows leaves the bins unchanged.
    let x = try Matrix(rows: data.x.rows, columns: data.x.columns, values: (0..<(data.x.rows * data.x.columns)).map {
        (data.x[$0 / data.x.columns, $0 % data.x.columns] * 4).rounded() / 4
    })
    let weights = (0..<x.rows).map { $0 % 3 == 0 ? 2.0 : 1.0 }
    let repeated = (0..<x.rows).flatMap { $0 % 3 == 0 ? [$0, $0] : [$0] }
    let learner = GradientBoostingClassifier(rounds: 20, maxLeaves: 8, minSamplesLeaf: 1, minSumHessian: 0)
    let weighted = try learner.fit(x, data.y, sampleWeights: weights)
    let copied = try learner.fit(try x.keepingRows(repeated), repeated.map { data.y[$0] })
    #expect(weighted.trees.count == copied.trees.count)
    for (a, b) in zip(try weighted.margins(x), try copied.margins(x)) { #expect(abs(a - b) < 1e-9) }
}

/// The same seed gives the same model, subsampling included; another seed another one.
@Test func subsampledBoostingIsDeterministicForASeed() throws {
    let data = try EnsembleTestData(rows: 2_000, features: 6, missingRate: 0.05)
    let learner = GradientBoostingClassifier(rounds: 15, maxLeaves: 7, rowSubsample: 0.7, columnSubsample: 0.5, seed: 3)
    let a = try learner.fit(data.x, data.y), b = try learner.fit(data.x, data.y)
    #expect(a == b)
    var other = learner
    other.seed = 4
    #expect(try other.fit(data.x, data.y) != a)
    // Trees use only the features drawn for them: 3 of 6.
    for tree in a.trees { #expect(Set(tree.nodes.compactMap { $0.split?.feature }).count <= 3) }
}

/// Early stopping keeps the rounds up to the best validation loss and stops `patience` rounds later;
/// the recorded learning curve is the model's staged loss on the validation rows.
@Test func earlyStoppingKeepsTheBestRound() throws {
    let data = try EnsembleTestData(rows: 1_500, features: 5)
    let validation = try EnsembleTestData(rows: 500, features: 5, seed: 8)
    let patience = 5
    let model = try GradientBoostingClassifier(
        rounds: 300, learningRate: 0.5, maxLeaves: 31, minSamplesLeaf: 2, earlyStoppingRounds: patience
    ).fit(data.x, data.y, validation: ValidationSet(x: validation.x, y: validation.y))
    let curve = model.validationLoss
    let best = try #require(curve.indices.min { curve[$0] < curve[$1] })
    #expect(curve.count < 300)
    #expect(model.trees.count == best + 1)
    #expect(curve.count == best + 1 + patience)
    let staged = try model.stagedLogLoss(validation.x, validation.y)
    for (a, b) in zip(staged, curve) { #expect(abs(a - b) < 1e-12) }
}

/// Without a validation set, early stopping sets aside a stratified fraction of the rows.
@Test func earlyStoppingSplitsOffAValidationFraction() throws {
    let data = try EnsembleTestData(rows: 1_000, features: 4)
    let model = try GradientBoostingClassifier(rounds: 50, earlyStoppingRounds: 3, validationFraction: 0.2)
        .fit(data.x, data.y)
    #expect(!model.validationLoss.isEmpty)
    #expect(model.trees[0].nodes[0].sampleCount == 800)
}

@Test func badHyperparametersAndDataAreRefusedByName() throws {
    let data = try EnsembleTestData(rows: 100, features: 2)
    #expect(throws: DecisionTreeError.invalidParameter(name: "learningRate", value: "0.0", requirement: "must be in (0, 1]")) {
        try GradientBoostingClassifier(learningRate: 0).fit(data.x, data.y)
    }
    #expect(throws: DecisionTreeError.invalidParameter(name: "maxLeaves", value: "1", requirement: "must be at least 2")) {
        try GradientBoostingClassifier(maxLeaves: 1).fit(data.x, data.y)
    }
    var values = (0..<200).map { Double($0) }
    values[7] = .infinity
    #expect(throws: DecisionTreeError.nonFiniteValue(feature: "feature_1", row: 3, value: .infinity)) {
        try GradientBoostingClassifier().fit(try Matrix(rows: 100, columns: 2, values: values), data.y)
    }
    #expect(throws: DecisionTreeError.singleClass(label: 1, rows: 100)) {
        try GradientBoostingClassifier().fit(data.x, [Bool](repeating: true, count: 100))
    }
    let model = try GradientBoostingClassifier(rounds: 2).fit(data.x, data.y)
    #expect(throws: DecisionTreeError.dimensionMismatch("X has 3 features, but the model expects 2")) {
        try model.margins(try Matrix(rows: 1, columns: 3, values: [0, 0, 0]))
    }
}
