import DecisionTrees
import Foundation
import LinearAlgebra
import LinearModels
import Testing
import Tabular
@testable import Pipelines

/// Synthetic customers with categorical, boolean and numeric columns and missing values.
private func customers(rows: Int, seed: UInt64) throws -> Table {
    try SyntheticTelecomCustomers(rowCount: rows, seed: seed).makeTable()
}

@Test func logisticContributionsAddUpToTheLogitMinusTheBaselineInOriginalColumns() throws {
    let table = try customers(rows: 3_000, seed: 4)
    let options = TrainingOptions(target: "churned", encoder: FeatureEncoder(addMissingIndicators: true), testFraction: 0)
    let pipeline = try PipelineTrainer(options: options).train(table, model: .logisticRegression(LogisticRegression(l2: 1))).pipeline
    let model = try #require(pipeline.model.classifier as? LogisticRegressionModel)
    let means = try #require(pipeline.featureMeans)
    // The mean of a one-hot feature is its level's share of the training rows, counted from the raw table.
    let contract = try table.column(named: "contract")
    let features = pipeline.encoder.features
    for (j, feature) in features.enumerated() where feature.sourceColumn == "contract" {
        let rows = (0..<table.rowCount).filter { (row: Int) -> Bool in contract.text(at: row) == feature.level }
        let share = Double(rows.count) / Double(table.rowCount)
        #expect(abs(means[j] - share) <= 1e-12, "\(feature.name): mean \(means[j]) vs share \(share)")
    }
    let explanation = try pipeline.explain(table)
    #expect(explanation.unit == .logit)
    #expect(explanation.baselineKind == .trainingMean)
    #expect(explanation.columns == pipeline.encoder.requiredColumns)
    #expect(Set(features.map(\.sourceColumn)) == Set(explanation.columns))
    let baseline = zip(model.coefficients, means).reduce(model.intercept) { $0 + $1.0 * $1.1 }
    #expect(abs(explanation.baseline - baseline) <= 1e-12)
    let logits = try model.logits(try pipeline.encoder.transform(table))
    var worst = 0.0
    for row in 0..<table.rowCount {
        let total = explanation.columns.indices.reduce(0.0) { $0 + explanation.contributions[row, $1] }
        worst = max(worst, abs(total - (logits[row] - explanation.baseline)))
    }
    #expect(worst <= 1e-9, "largest |Σ contributions - (logit - baseline)| \(worst)")
    // One column by hand: every contract level's w (x - μ), summed.
    let x = try pipeline.encoder.transform(table)
    let c = try #require(explanation.columns.firstIndex(of: "contract"))
    let byHand = features.indices.filter { features[$0].sourceColumn == "contract" }
        .reduce(0.0) { $0 + model.coefficients[$1] * (x[7, $1] - means[$1]) }
    #expect(abs(explanation.contributions[7, c] - byHand) <= 1e-12)
}

@Test func reasonsNameTheColumnAndTheCustomersLevelLargestFirst() throws {
    let table = try customers(rows: 2_000, seed: 5)
    let pipeline = try PipelineTrainer(options: TrainingOptions(target: "churned", testFraction: 0))
        .train(table, model: .logisticRegression(LogisticRegression(l2: 1))).pipeline
    let explanation = try pipeline.explain(table)
    let contract = try table.column(named: "contract")
    var sawContract = false
    for row in 0..<200 {
        let reasons = try explanation.reasons(row: row, count: 3)
        #expect(reasons.count <= 3)
        #expect(zip(reasons, reasons.dropFirst()).allSatisfy { $0.effect >= $1.effect })
        #expect(reasons.allSatisfy { $0.effect > 0 })
        // Exactly the columns with the largest positive contributions.
        let positives = explanation.columns.indices.map { explanation.contributions[row, $0] }.filter { $0 > 0 }.sorted(by: >)
        #expect(reasons.map(\.effect) == Array(positives.prefix(3)))
        for reason in reasons where reason.column == "contract" {
            sawContract = true
            #expect(reason.description == "contract=\(contract.text(at: row) ?? "(missing)")")
        }
    }
    #expect(sawContract)
    #expect(throws: PipelineError.self) { try explanation.reasons(row: 0, count: 0) }
    #expect(throws: PipelineError.self) { try explanation.reasons(row: 2_000, count: 1) }
    let global = explanation.meanAbsoluteContributions
    #expect(global.count == explanation.columns.count)
    #expect(zip(global, global.dropFirst()).allSatisfy { $0.meanAbsolute >= $1.meanAbsolute })
}

@Test func treeContributionsAddUpToTheTreesProbability() throws {
    let table = try customers(rows: 3_000, seed: 6)
    let tree = DecisionTreeClassifier(maxDepth: 6, minSamplesLeaf: 10)
    let pipeline = try PipelineTrainer(options: TrainingOptions(target: "churned", testFraction: 0))
        .train(table, model: .decisionTree(tree)).pipeline
    let model = try #require(pipeline.model.classifier as? DecisionTreeModel)
    #expect(pipeline.featureMeans == nil)
    let explanation = try pipeline.explain(table)
    #expect(explanation.unit == .probability)
    #expect(explanation.baselineKind == .treeExpectation)
    // The baseline is the cover-weighted mean of the leaves' (smoothed) predictions.
    let root = model.nodes[0].weightedSampleCount
    let expected = model.nodes.indices.filter { model.nodes[$0].isLeaf }.reduce(0.0) { sum, i in
        sum + model.nodes[i].weightedSampleCount / root * (model.nodeProbabilities(i)?[1] ?? .nan)
    }
    #expect(abs(explanation.baseline - expected) <= 1e-12)
    let probabilities = try pipeline.probabilities(for: table).probabilities
    var worst = 0.0
    for row in 0..<table.rowCount {
        let total = explanation.columns.indices.reduce(explanation.baseline) { $0 + explanation.contributions[row, $1] }
        worst = max(worst, abs(total - probabilities[row]))
    }
    #expect(worst <= 1e-9, "largest |baseline + Σ contributions - p| \(worst)")
    #expect(try explanation.reasons(row: 0, count: 2).allSatisfy { explanation.columns.contains($0.column) })
}

@Test func featureMeansSurviveTheFileAndOlderFilesExplainFromTheReferenceCustomer() throws {
    let table = try customers(rows: 1_000, seed: 8)
    let pipeline = try PipelineTrainer(options: TrainingOptions(target: "churned", testFraction: 0))
        .train(table, model: .logisticRegression(LogisticRegression(l2: 1))).pipeline
    let decoded = try FittedPipeline.decode(try pipeline.jsonData())
    #expect(decoded.featureMeans == pipeline.featureMeans)
    // A file without featureMeans (written before they were kept): the baseline is the intercept.
    var json = try #require(try JSONSerialization.jsonObject(with: pipeline.jsonData()) as? [String: Any])
    var inner = try #require(json["pipeline"] as? [String: Any])
    inner.removeValue(forKey: "featureMeans")
    json["pipeline"] = inner
    json["contentSHA256"] = nil  // nor a content hash
    let older = try FittedPipeline.decode(try JSONSerialization.data(withJSONObject: json))
    #expect(older.featureMeans == nil)
    let model = try #require(older.model.classifier as? LogisticRegressionModel)
    let explanation = try older.explain(table)
    #expect(explanation.baselineKind == .referenceCustomer)
    #expect(explanation.baseline == model.intercept)
    let total = explanation.columns.indices.reduce(explanation.baseline) { $0 + explanation.contributions[3, $1] }
    #expect(abs(total - explanation.scores[3]) <= 1e-9)
    // Means of the wrong length are a corrupt file.
    inner["featureMeans"] = [0.5]
    json["pipeline"] = inner
    #expect(throws: PipelineError.self) { try FittedPipeline.decode(try JSONSerialization.data(withJSONObject: json)) }
}

@Test func aSegmentationHasNoChurnExplanation() throws {
    let table = try customers(rows: 300, seed: 9)
    let segmentation = try SegmentationTrainer(options: SegmentationOptions(features: ["tenure_months", "monthly_charges"], k: 3...3, seed: 1))
        .segment(table)
    #expect(throws: PipelineError.self) { try segmentation.pipeline.explain(table) }
}
