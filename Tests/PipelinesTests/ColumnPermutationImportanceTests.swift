import DecisionTrees
import Ensembles
import Foundation
import LinearModels
import ModelMetrics
import Tabular
import Testing
@testable import Pipelines

/// `Fixtures/permutation_importance.json`, made by `Fixtures/make_permutation_fixture.py`
/// (scikit-learn 1.9.1): a logistic model with set coefficients, 300 rows, and scikit-learn's
/// `permutation_importance` with the row orders it used.
private struct PermutationFixture: Decodable {
    let coefficients: [Double]
    let intercept: Double
    let x: [[Double]]
    let y: [Int]
    let orders: [[Int]]
    let baselineAUC: Double
    let importances: [[Double]]
    let importancesMean: [Double]
    let importancesStd: [Double]

    static func load() throws -> PermutationFixture {
        let url = try #require(Bundle.module.url(forResource: "permutation_importance", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(PermutationFixture.self, from: Data(contentsOf: url))
    }

    /// The model's logit of every row of `x`.
    func scores(_ x: [[Double]]) -> [Double] {
        x.map { row in zip(row, coefficients).reduce(intercept) { $0 + $1.0 * $1.1 } }
    }
}

/// On scikit-learn's row orders, the AUC drops (each repeat), their mean and their population
/// standard deviation equal scikit-learn's `permutation_importance(scoring="roc_auc")`.
@Test func permutationImportanceEqualsScikitLearnsOnTheSameRowOrders() throws {
    let fixture = try PermutationFixture.load()
    let names = fixture.coefficients.indices.map { "x\($0)" }
    let (baseline, measured) = try PermutationImportanceReport._measure(
        labels: fixture.y.map { $0 == 1 }, baselineScores: fixture.scores(fixture.x), columns: names,
        permutations: fixture.orders
    ) { c, order in
        fixture.scores(fixture.x.indices.map { i in
            var row = fixture.x[i]
            row[c] = fixture.x[order[i]][c]
            return row
        })
    }
    #expect(abs(baseline - fixture.baselineAUC) <= 1e-14)
    #expect(measured.map(\.column) == ["x0", "x1", "x2", "x3"])
    for (c, name) in names.enumerated() {
        let item = try #require(measured.first { $0.column == name })
        #expect(item.drops.count == fixture.orders.count)
        for (ours, theirs) in zip(item.drops, fixture.importances[c]) { #expect(abs(ours - theirs) <= 1e-14, "\(name)") }
        #expect(abs(item.meanDrop - fixture.importancesMean[c]) <= 1e-14, "\(name)")
        #expect(abs(item.standardDeviation - fixture.importancesStd[c]) <= 1e-14, "\(name)")
    }
    // The ignored column (coefficient 0) moves no score.
    #expect(measured.last?.meanDrop == 0)
}

/// Through a table: a column the score does not read drops nothing, the one it reads drops the
/// AUC, each drop is the AUC of the rows with that column reordered by the documented seeded
/// shuffles, and a seed repeats its result.
@Test func permutationImportanceShufflesOneColumnOfTheTable() throws {
    let n = 200
    var random = SeededRandom(seed: 3)
    let signal = (0..<n).map { _ in random.nextGaussian() }
    let noise = (0..<n).map { _ in random.nextGaussian() }
    let labels = signal.map { $0 + random.nextGaussian() > 0 }
    let plan = (0..<n).map { $0 % 3 == 0 ? "gold" : "basic" }
    let table = try Table(columns: [
        Column(name: "signal", numeric: signal), Column(name: "noise", numeric: noise), Column(name: "plan", labels: plan),
    ])
    func score(_ t: Table) throws -> [Double] {
        guard case .numeric(let s) = try t.column(named: "signal").values,
              case .categorical(let codes, let levels) = try t.column(named: "plan").values
        else { throw PipelineError.invalidOption("unexpected column kinds") }
        return s.indices.map { s[$0] + (levels[Int(codes[$0])] == "gold" ? 0.5 : 0) }
    }
    let importances = try PermutationImportanceReport(
        table: table, labels: labels, columns: ["noise", "signal", "plan"], repeats: 4, seed: 9, score: score)
    #expect(importances.rowCount == n && importances.repeats == 4 && importances.seed == 9)
    #expect(importances.columns.first?.column == "signal")
    #expect(importances.columns.first { $0.column == "noise" }?.drops == [0, 0, 0, 0])
    let signalDrops = try #require(importances.columns.first { $0.column == "signal" }?.drops)
    #expect(signalDrops.allSatisfy { $0 > 0.1 })

    // The documented row orders: one stream, each repeat shuffles the previous order again.
    var stream = SeededRandom(seed: 9)
    var order = Array(0..<n)
    let baseline = try rocAUC(labels: labels, scores: try score(table))
    #expect(importances.baselineAUC == baseline)
    for drop in signalDrops {
        stream.shuffle(&order)
        let shuffled = try rocAUC(labels: labels, scores: order.indices.map { i in
            signal[order[i]] + (plan[i] == "gold" ? 0.5 : 0)
        })
        #expect(abs(drop - (baseline - shuffled)) <= 1e-15)
    }
    let again = try PermutationImportanceReport(
        table: table, labels: labels, columns: ["noise", "signal", "plan"], repeats: 4, seed: 9, score: score)
    #expect(again == importances)

    #expect(throws: PipelineError.self) {
        try PermutationImportanceReport(table: table, labels: labels, columns: ["signal"], repeats: 0, seed: 1, score: score)
    }
    #expect(throws: PipelineError.self) {
        try PermutationImportanceReport(table: table, labels: Array(labels.dropLast()), columns: ["signal"], repeats: 1, seed: 1, score: score)
    }
    #expect(throws: TabularError.self) {
        try PermutationImportanceReport(table: table, labels: labels, columns: ["tenure"], repeats: 1, seed: 1, score: score)
    }
}

/// The trainer measures permutation importance with the model fitted on the training part, on the
/// hold-out rows (its baseline is the hold-out AUC), for every column the encoder reads, and the
/// tree models' mean |SHAP| is the saved pipeline's explanation averaged over the rows.
@Test func trainerReportsPermutationImportanceAndMeanAbsoluteSHAP() throws {
    let table = try Table(csvAt: bundledCustomers)
    var options = TrainingOptions(target: "churned", seed: 5, permutationRepeats: 2, shapRows: 300)
    let tree = try PipelineTrainer(options: options).train(
        table, model: .decisionTree(DecisionTreeClassifier(maxDepth: 4, minSamplesLeaf: 50)))
    let importances = try #require(tree.permutationImportances)
    #expect(abs(importances.baselineAUC - (tree.holdout?.auc ?? .nan)) <= 1e-12)
    #expect(importances.rowCount == tree.testRows)
    #expect(Set(importances.columns.map(\.column)) == Set(tree.pipeline.encoder.requiredColumns))
    let summary = try #require(tree.treeSHAP)
    #expect(summary.rowCount == 300 && summary.unit == .probability)
    #expect(summary.columns.map(\.meanAbsolute) == summary.columns.map(\.meanAbsolute).sorted(by: >))

    options.testFraction = 0
    options.permutationRepeats = 0
    options.shapRows = 10_000
    let boosted = try PipelineTrainer(options: options).train(
        table, model: ModelSpecification(GradientBoostingClassifier(rounds: 20, maxLeaves: 8)))
    let global = try #require(boosted.treeSHAP)
    #expect(global.unit == .logit && global.rowCount == table.rowCount)
    #expect(global.columns == (try boosted.pipeline.explain(table)).meanAbsoluteContributions)
    #expect(boosted.permutationImportances == nil)

    let logistic = try PipelineTrainer(options: options).train(table, model: .logisticRegression(LogisticRegression()))
    #expect(logistic.treeSHAP == nil)
    options.permutationRepeats = 1
    #expect(throws: PipelineError.self) { try PipelineTrainer(options: options).train(table, model: .logisticRegression(LogisticRegression())) }
}
