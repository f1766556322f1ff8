import LinearModels
import Tabular

// What a decoded model file must mean before it scores anything. The JSON decoders of the models
// check their own structure (a tree's node indices and acyclicity, a centroid matrix's shape and
// finiteness, a calibrator's breakpoints); these checks tie the parts together: the encoder makes
// the features the model reads, its scalings are usable, its one-hot lists agree, and the risk
// deciles are nine finite decreasing cut points.

/// A key of a model file (`pipeline.encoder.columns[2].scale`) and what is wrong with its value.
struct _ModelFileProblem: Error, Equatable {
    let key: String
    let reason: String
}

extension FittedPipeline {
    /// The first part of the pipeline whose value makes no sense, or nil.
    /// - Complexity: O(parameters + levels).
    func _meaningProblem() -> _ModelFileProblem? {
        if let problem = Self.decileProblem(riskDecileEdges, isSegmentation: target == nil) { return problem }
        for (k, plan) in encoder.columns.enumerated() {
            if let problem = Self.columnProblem(plan) {
                return _ModelFileProblem(key: "pipeline.encoder.columns[\(k)].\(problem.key)", reason: problem.reason)
            }
        }
        let features = encoder.featureCount
        let width: Int
        switch model {
        case .classifier(let classifier): width = classifier.featureCount
        case .segmenter(let segmenter): width = segmenter.featureCount
        }
        guard width == features else {
            return _ModelFileProblem(
                key: "pipeline.model.parameters",
                reason: "the model reads \(width) features, but the encoder makes \(features)")
        }
        if let logistic = model.classifier as? LogisticRegressionModel,
            let bad = logistic.coefficients.firstIndex(where: { !$0.isFinite }) ?? (logistic.intercept.isFinite ? nil : -1)
        {
            return bad < 0
                ? _ModelFileProblem(key: "pipeline.model.parameters.intercept", reason: "\(logistic.intercept) is not a finite number")
                : _ModelFileProblem(
                    key: "pipeline.model.parameters.coefficients[\(bad)]", reason: "\(logistic.coefficients[bad]) is not a finite number")
        }
        return nil
    }

    /// Risk-decile edges: none for a segmentation, else nine finite numbers in decreasing order.
    private static func decileProblem(_ edges: [Double], isSegmentation: Bool) -> _ModelFileProblem? {
        let key = "pipeline.riskDecileEdges"
        if isSegmentation, edges.isEmpty { return nil }
        guard edges.count == 9 else {
            return _ModelFileProblem(key: key, reason: "\(edges.count) cut points; a churn model has 9")
        }
        if let bad = edges.firstIndex(where: { !$0.isFinite }) {
            return _ModelFileProblem(key: "\(key)[\(bad)]", reason: "\(edges[bad]) is not a finite number")
        }
        if let bad = edges.indices.dropFirst().first(where: { edges[$0] > edges[$0 - 1] }) {
            return _ModelFileProblem(
                key: "\(key)[\(bad)]", reason: "\(edges[bad]) is above the cut point before it (\(edges[bad - 1])); they must decrease")
        }
        return nil
    }

    /// One encoded column: a finite centre, a positive finite scale, a finite numeric fill, and
    /// one-hot lists that agree (distinct levels; the encoded ones in level order, at most one left out).
    private static func columnProblem(_ plan: EncodedColumn) -> _ModelFileProblem? {
        guard plan.center.isFinite else { return _ModelFileProblem(key: "center", reason: "\(plan.center) is not a finite number") }
        guard plan.scale.isFinite, plan.scale > 0 else {
            return _ModelFileProblem(key: "scale", reason: "\(plan.scale) is not a positive finite number")
        }
        if case .number(let fill) = plan.imputation.fill, !fill.isFinite {
            return _ModelFileProblem(key: "imputation.fill", reason: "\(fill) is not a finite number")
        }
        guard let group = plan.oneHot else { return nil }
        guard group.column == plan.imputation.column else {
            return _ModelFileProblem(key: "oneHot.column", reason: "\"\(group.column)\" is not the column \"\(plan.imputation.column)\"")
        }
        guard Set(group.categories).count == group.categories.count else {
            return _ModelFileProblem(key: "oneHot.categories", reason: "a level is listed twice")
        }
        var next = group.categories.startIndex
        for label in group.encodedCategories {
            guard let found = group.categories[next...].firstIndex(of: label) else {
                return _ModelFileProblem(
                    key: "oneHot.encodedCategories",
                    reason: "\"\(label)\" is not among oneHot.categories after the levels before it (the encoded levels are a subsequence of the levels)")
            }
            next = found + 1
        }
        guard group.encodedCategories.count + 1 >= group.categories.count else {
            return _ModelFileProblem(
                key: "oneHot.encodedCategories",
                reason: "\(group.encodedCategories.count) encoded levels of \(group.categories.count); at most one level (the reference) is left out")
        }
        if case .label(let label) = plan.imputation.fill, !group.categories.contains(label) {
            return _ModelFileProblem(key: "imputation.fill", reason: "\"\(label)\" is not among oneHot.categories")
        }
        return nil
    }
}
