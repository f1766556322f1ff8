import Foundation
import LinearAlgebra
import Testing
@testable import DecisionTrees

/// Hand-worked ordering. Levels (rows, churners): A (10, 5), B (40, 18), C (100, 7), D (50, 10),
/// E (20, 4), F (5, 5); the node's rate is 49/225, but the prior given is 0.2. Smoothed with 10
/// pseudo-rows: A (5 + 2) / 20 = 0.35, B 20/50 = 0.4, C 9/110, D 12/60 = 0.2, E 6/30 = 0.2 (D
/// first on the tie), so C, D, E, A, B; raw: C, D, E (0.2 each), B 0.45, A 0.5. F has fewer than
/// 10 rows and is left out.
@Test func levelsAreOrderedBySmoothedRatesAndRareLevelsAreLeftOut() {
    let rows: [Double] = [10, 40, 100, 50, 20, 5, 0]
    let positives: [Double] = [5, 18, 7, 10, 4, 5, 0]
    let smoothed = CategoricalSplitOptions(minDataPerCategory: 10)._ordered(
        rows: rows, weights: rows, positives: positives, prior: 0.2)
    #expect(smoothed.levels == [2, 3, 4, 0, 1] && smoothed.hasRare)
    let raw = CategoricalSplitOptions(minDataPerCategory: 1, catSmooth: 0)._ordered(
        rows: rows, weights: rows, positives: positives, prior: 0.2)
    #expect(raw.levels == [2, 3, 4, 1, 0, 5] && !raw.hasRare)
}

/// Five levels of 30 rows (churners A 3, B 27, C 15, D 3, E 27) and a rare level R of 5 rows,
/// all churners. Weighted Gini of the candidates: {A, D} | {C, B, E, R} 10.8 + 32.7 = 43.5,
/// {A, D, C} | {B, E, R} 32.2 + 10.9 = 43.1 (the best), {E, B} | rest 10.8 + 37.8 = 48.6.
/// Unregularized, R is ordered last (rate 1) and the best prefix is {A, D, C}. With 10 rows per
/// level, R is not ordered, never listed, and goes right: the same partition here, as the
/// reversed order lets R join either end. With at most one listed level, a single level is listed.
@Test func rareLevelsGoRightAndTheListedSideIsCapped() throws {
    let groups = [(30, 3), (30, 27), (30, 15), (30, 3), (30, 27), (5, 5)]
    var rows: [[Double]] = [], labels: [Bool] = []
    for (level, (count, churners)) in groups.enumerated() {
        for i in 0..<count {
            rows.append([Double(level)])
            labels.append(i < churners)
        }
    }
    let x = try Matrix(rows)
    let feature = TreeFeature.categorical("plan", levels: ["A", "B", "C", "D", "E", "R"])
    func rootSplit(_ options: CategoricalSplitOptions) throws -> TreeSplit {
        try #require(try DecisionTreeClassifier(maxDepth: 1, categoricalSplits: options).fit(x, labels, features: [feature])
            .nodes[0].split)
    }
    let optimal = try rootSplit(.unregularized)
    #expect(optimal.leftCategories == [0, 2, 3])
    let regularized = try rootSplit(CategoricalSplitOptions(minDataPerCategory: 10))
    #expect(regularized.leftCategories == [0, 2, 3])
    let capped = try rootSplit(CategoricalSplitOptions(minDataPerCategory: 10, maxCategoryThreshold: 1))
    #expect(capped.leftCategories?.count == 1)
}

/// A 4-level column where the best partition is {a, b} | {c, d} (churners 18, 16, 4, 2 of 20
/// each): with the default one-vs-rest up to 4 levels the split lists one level, a (18 of 20)
/// or d (2 of 20); with one-vs-rest off it lists two.
@Test func fewLevelsAreSplitOneAgainstTheRest() throws {
    let churners = [18, 16, 4, 2]
    var rows: [[Double]] = [], labels: [Bool] = []
    for (level, count) in churners.enumerated() {
        for i in 0..<20 {
            rows.append([Double(level)])
            labels.append(i < count)
        }
    }
    let x = try Matrix(rows)
    let feature = TreeFeature.categorical("plan", levels: ["a", "b", "c", "d"])
    let oneVsRest = try #require(try DecisionTreeClassifier(maxDepth: 1).fit(x, labels, features: [feature]).nodes[0].split)
    #expect(oneVsRest.leftCategories == [0] || oneVsRest.leftCategories == [3])
    var options = CategoricalSplitOptions.default
    options.maxCategoryToOneHot = 0
    options.minDataPerCategory = 10
    let sorted = try #require(
        try DecisionTreeClassifier(maxDepth: 1, categoricalSplits: options).fit(x, labels, features: [feature]).nodes[0].split)
    #expect(Set(sorted.leftCategories ?? []) == [2, 3] || Set(sorted.leftCategories ?? []) == [0, 1])
}

/// Hand-worked m-estimates: one split of 4 rows into 2 + 2 pure leaves; with m = 1 and the root
/// rate 0.5 as prior, the leaves predict 0.5 / 3 and 2.5 / 3; m = 0 gives 0 and 1; the root of a
/// single-leaf tree predicts its own rate.
@Test func leafProbabilitiesAreMEstimatesWithTheParentRateAsPrior() throws {
    let x = try Matrix([[1], [2], [3], [4]])
    let y = [false, false, true, true]
    let smoothed = try DecisionTreeClassifier().fit(x, y).predictProbabilities(x)
    for (p, q) in zip(smoothed, [0.5 / 3, 0.5 / 3, 2.5 / 3, 2.5 / 3]) { #expect(abs(p - q) < 1e-15) }
    let strong = try DecisionTreeClassifier(leafSmoothing: 2).fit(x, y).predictProbabilities(x)
    #expect(abs(strong[0] - 1.0 / 4) < 1e-15 && abs(strong[3] - 3.0 / 4) < 1e-15)
    #expect(try DecisionTreeClassifier(leafSmoothing: 0).fit(x, y).predictProbabilities(x) == [0, 0, 1, 1])
    let leaf = try DecisionTreeClassifier().fit(Matrix([[5], [5], [5], [5]]), [true, false, false, false])
    #expect(try leaf.predictProbabilities(Matrix([[5]])) == [0.25])
    // Class probabilities agree with the positive-class probabilities.
    let model = try DecisionTreeClassifier().fit(x, y)
    let both = try model.predictClassProbabilities(x)
    #expect((0..<4).allSatisfy { abs(both[$0, 1] - smoothed[$0]) < 1e-15 && abs(both[$0, 0] + both[$0, 1] - 1) < 1e-15 })
}

/// Bad options are typed errors naming the option; a huge minSamplesLeaf does not overflow.
@Test func badCategoricalOptionsAndSmoothingAreRejected() throws {
    let x = try Matrix([[1], [2], [3], [4]])
    let y = [false, false, true, true]
    let cases: [(CategoricalSplitOptions, String)] = [
        (CategoricalSplitOptions(minDataPerCategory: 0), "minDataPerCategory"),
        (CategoricalSplitOptions(catSmooth: -1), "catSmooth"),
        (CategoricalSplitOptions(catSmooth: .infinity), "catSmooth"),
        (CategoricalSplitOptions(maxCategoryThreshold: 0), "maxCategoryThreshold"),
        (CategoricalSplitOptions(maxCategoryToOneHot: -1), "maxCategoryToOneHot"),
    ]
    for (options, name) in cases {
        #expect {
            try DecisionTreeClassifier(categoricalSplits: options).fit(x, y)
        } throws: { error in
            guard case .invalidParameter(let named, _, _) = error as? DecisionTreeError else { return false }
            return named == name
        }
    }
    for m in [-1.0, .nan, .infinity] {
        #expect(throws: DecisionTreeError.invalidParameter(
            name: "leafSmoothing", value: "\(m)", requirement: "must be finite and >= 0")) {
            try DecisionTreeClassifier(leafSmoothing: m).fit(x, y)
        }
    }
    let huge = try DecisionTreeClassifier(minSamplesSplit: Int.max, minSamplesLeaf: Int.max).fit(x, y)
    #expect(huge.leafCount == 1)
}

/// Files written before these options decode: a classifier without them takes the defaults, a
/// model without `leafSmoothing` predicts its raw frequencies (as it did when it was written).
@Test func olderClassifierAndModelFilesStillDecode() throws {
    let trainer = DecisionTreeClassifier(maxDepth: 3, categoricalSplits: .unregularized, leafSmoothing: 2)
    let encoded = try JSONEncoder().encode(trainer)
    #expect(try JSONDecoder().decode(DecisionTreeClassifier.self, from: encoded) == trainer)
    var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
    object["categoricalSplits"] = nil
    object["leafSmoothing"] = nil
    let old = try JSONDecoder().decode(DecisionTreeClassifier.self, from: JSONSerialization.data(withJSONObject: object))
    #expect(old.categoricalSplits == .default && old.leafSmoothing == 1 && old.maxDepth == 3)

    let x = try Matrix([[1], [2], [3], [4]])
    let model = try DecisionTreeClassifier().fit(x, [false, false, true, true])
    let modelJSON = try JSONEncoder().encode(model)
    #expect(try JSONDecoder().decode(DecisionTreeModel.self, from: modelJSON) == model)
    var modelObject = try #require(try JSONSerialization.jsonObject(with: modelJSON) as? [String: Any])
    modelObject["leafSmoothing"] = nil
    let oldModel = try JSONDecoder().decode(DecisionTreeModel.self, from: JSONSerialization.data(withJSONObject: modelObject))
    #expect(oldModel.leafSmoothing == 0)
    #expect(try oldModel.predictProbabilities(x) == [0, 0, 1, 1])
}
