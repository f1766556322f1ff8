import DecisionTrees
import LinearModels

extension ModelSpecification {
    /// The hyperparameters `setting(_:to:)` can change for this learner, by their CLI names.
    public var tunableHyperparameters: [String] {
        switch self {
        case .logisticRegression: return ["l2", "class-weight", "max-iterations"]
        case .decisionTree:
            return ["max-depth", "min-samples-leaf", "min-samples-split", "max-leaf-nodes", "ccp-alpha", "criterion", "class-weight"]
        }
    }

    /// A small default grid for `HyperparameterSearch` when none is given: the penalty over four
    /// decades for logistic regression; depth and leaf size for a tree.
    public var defaultSearchRanges: [HyperparameterRange] {
        switch self {
        case .logisticRegression:
            return [HyperparameterRange(name: "l2", values: ["0.01", "0.1", "1", "10", "100"])]
        case .decisionTree:
            return [
                HyperparameterRange(name: "max-depth", values: ["3", "5", "8"]),
                HyperparameterRange(name: "min-samples-leaf", values: ["10", "50", "100"]),
            ]
        }
    }

    /// This learner with one hyperparameter set from text, named as the `churn train` flag without
    /// its dashes (`l2`, `max-depth`, `min-samples-leaf`, ...); `none` clears an optional limit.
    /// - Parameters:
    ///   - name: a name in `tunableHyperparameters`.
    ///   - value: its value as text (`0.1`, `8`, `balanced`, `entropy`, `none`).
    /// - Returns: the changed learner; its own checks still run when it is fitted.
    /// - Throws: `PipelineError.invalidOption` naming the hyperparameter and the value when the name
    ///   is not one of this learner's or the value is not of its type.
    public func setting(_ name: String, to value: String) throws -> ModelSpecification {
        func number() throws -> Double {
            guard let x = Double(value), x.isFinite else { throw invalid("a finite number") }
            return x
        }
        func count() throws -> Int {
            guard let x = Int(value) else { throw invalid("a whole number") }
            return x
        }
        func optionalCount() throws -> Int? { value == "none" ? nil : try count() }
        func invalid(_ expected: String) -> PipelineError {
            .invalidOption("hyperparameter \(name): \"\(value)\" is not \(expected)")
        }
        switch self {
        case .logisticRegression(var learner):
            switch name {
            case "l2": learner.l2 = try number()
            case "max-iterations": learner.maxIterations = try count()
            case "class-weight":
                switch value {
                case "none": learner.classWeight = .none
                case "balanced": learner.classWeight = .balanced
                default: throw invalid("none or balanced")
                }
            default: throw unknown(name)
            }
            return .logisticRegression(learner)
        case .decisionTree(var learner):
            switch name {
            case "max-depth": learner.maxDepth = try optionalCount()
            case "min-samples-leaf": learner.minSamplesLeaf = try count()
            case "min-samples-split": learner.minSamplesSplit = try count()
            case "max-leaf-nodes": learner.maxLeafNodes = try optionalCount()
            case "ccp-alpha": learner.ccpAlpha = try number()
            case "criterion":
                switch value {
                case "gini": learner.criterion = .gini
                case "entropy": learner.criterion = .entropy
                default: throw invalid("gini or entropy")
                }
            case "class-weight":
                switch value {
                case "none": learner.classWeights = .uniform
                case "balanced": learner.classWeights = .balanced
                default: throw invalid("none or balanced")
                }
            default: throw unknown(name)
            }
            return .decisionTree(learner)
        }
    }

    private func unknown(_ name: String) -> PipelineError {
        .invalidOption(
            "hyperparameter \"\(name)\" is not one of this learner's (\(tunableHyperparameters.joined(separator: ", ")))")
    }
}
