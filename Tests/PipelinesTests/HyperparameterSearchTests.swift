import DecisionTrees
import LinearModels
import Pipelines
import Tabular
import Testing

@Test func theGridIsTheProductOfTheRangesInOrder() throws {
    let search = HyperparameterSearch(ranges: [
        HyperparameterRange(name: "max-depth", values: ["3", "5"]),
        HyperparameterRange(name: "min-samples-leaf", values: ["10", "20", "50"]),
    ])
    let points = try search.gridPoints()
    #expect(points == [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]])
}

@Test func randomTrialsAreDistinctGridPointsAndReproducible() throws {
    var search = HyperparameterSearch(ranges: [
        HyperparameterRange(name: "l2", values: (1...10).map(String.init)),
        HyperparameterRange(name: "class-weight", values: ["none", "balanced"]),
    ], trials: 5)
    let first = try search.gridPoints()
    #expect(first.count == 5)
    #expect(Set(first.map { "\($0)" }).count == 5)
    #expect(try search.gridPoints() == first)
    search.trials = 100  // more than the grid: every point once
    #expect(try search.gridPoints().count == 20)
}

@Test func searchRefusesEmptyHugeOrUnknownRanges() throws {
    #expect(throws: PipelineError.self) { try HyperparameterSearch(ranges: []).gridPoints() }
    #expect(throws: PipelineError.self) { try HyperparameterSearch(ranges: [HyperparameterRange(name: "l2", values: [])]).gridPoints() }
    let wide = (0..<5).map { HyperparameterRange(name: "l2\($0)", values: (0..<10).map(String.init)) }
    #expect(throws: PipelineError.self) { try HyperparameterSearch(ranges: wide).gridPoints() }
    #expect(throws: PipelineError.self) { try HyperparameterSearch(ranges: [HyperparameterRange(name: "l2", values: ["1"])], trials: 0).gridPoints() }
    let logistic = ModelSpecification.logisticRegression(LogisticRegression())
    #expect(throws: PipelineError.self) { try logistic.setting("max-depth", to: "3") }
    #expect(throws: PipelineError.self) { try logistic.setting("l2", to: "abc") }
    #expect(throws: PipelineError.self) { try logistic.setting("class-weight", to: "heavy") }
}

@Test func settingChangesOnlyTheNamedHyperparameter() throws {
    let learner = try #require(
        try ModelSpecification.logisticRegression(LogisticRegression()).setting("l2", to: "0.25").trainer as? LogisticRegression)
    #expect(learner.l2 == 0.25)
    #expect(learner.maxIterations == LogisticRegression().maxIterations)
    let tree = try #require(
        try ModelSpecification.decisionTree(DecisionTreeClassifier(maxDepth: 4)).setting("max-depth", to: "none").trainer
            as? DecisionTreeClassifier)
    #expect(tree.maxDepth == nil)
}

@Test func candidatesAreScoredOnTheSameFoldsAndSortedBestFirst() throws {
    let table = try Table(csvAt: bundledCustomers).selecting(rows: Array(0..<1_500))
    let ignored = table.columns.map(\.name).filter { !fixtureFeatures.contains($0) && $0 != "churned" }
    let options = TrainingOptions(target: "churned", ignoredColumns: ignored)
    let validation = CrossValidation(folds: 3, seed: 5)
    let search = HyperparameterSearch(
        ranges: [HyperparameterRange(name: "l2", values: ["1000", "1"])], scoring: .logLoss, validation: validation)
    var calls: [Int] = []
    let candidates = try search.run(table, options: options, base: .logisticRegression(LogisticRegression())) { _, done, _ in
        calls.append(done)
    }
    #expect(calls == [1, 2])
    #expect(candidates.count == 2)
    #expect(candidates[0].score <= candidates[1].score)  // log loss: lower first
    for candidate in candidates {
        let direct = try validation.validate(table, options: options, model: candidate.specification)
        #expect(candidate.score == direct.metric("logLoss")?.mean)
    }
    #expect(candidates[0].settings == [HyperparameterSetting(name: "l2", value: "1")])  // a heavy penalty underfits
}
