import DecisionTrees
import Ensembles
import LinearModels

extension LogisticRegression: HyperparameterTunable {
    /// `l2`, `class-weight`, `max-iterations`.
    public var tunableHyperparameters: [String] { ["l2", "class-weight", "max-iterations"] }

    /// The penalty over four decades.
    public var defaultSearchRanges: [HyperparameterRange] {
        [HyperparameterRange(name: "l2", values: ["0.01", "0.1", "1", "10", "100"])]
    }

    /// This learner with `l2`, `max-iterations` or `class-weight` (`none`, `balanced`) set.
    /// - Throws: `PipelineError.invalidOption` for another name or a value of the wrong type.
    public func setting(_ name: String, to value: String) throws -> LogisticRegression {
        let text = _HyperparameterText(name: name, value: value)
        var learner = self
        switch name {
        case "l2": learner.l2 = try text.number()
        case "max-iterations": learner.maxIterations = try text.count()
        case "class-weight": learner.classWeight = try text.choice([("none", .none), ("balanced", .balanced)])
        default: throw _HyperparameterText.unknown(name, tunable: tunableHyperparameters)
        }
        return learner
    }
}

extension DecisionTreeClassifier: HyperparameterTunable {
    /// `max-depth`, `min-samples-leaf`, `min-samples-split`, `max-leaf-nodes`, `ccp-alpha`,
    /// `criterion`, `class-weight`, and the categorical and leaf regularization `cat-smooth`,
    /// `min-data-per-category`, `max-cat-threshold`, `max-cat-to-onehot`, `leaf-smoothing`.
    public var tunableHyperparameters: [String] {
        ["max-depth", "min-samples-leaf", "min-samples-split", "max-leaf-nodes", "ccp-alpha", "criterion", "class-weight",
         "cat-smooth", "min-data-per-category", "max-cat-threshold", "max-cat-to-onehot", "leaf-smoothing"]
    }

    /// Depth and leaf size.
    public var defaultSearchRanges: [HyperparameterRange] {
        [
            HyperparameterRange(name: "max-depth", values: ["3", "5", "8"]),
            HyperparameterRange(name: "min-samples-leaf", values: ["10", "50", "100"]),
        ]
    }

    /// This learner with one of `tunableHyperparameters` set; `none` clears `max-depth` or
    /// `max-leaf-nodes`.
    /// - Throws: `PipelineError.invalidOption` for another name or a value of the wrong type.
    public func setting(_ name: String, to value: String) throws -> DecisionTreeClassifier {
        let text = _HyperparameterText(name: name, value: value)
        var learner = self
        switch name {
        case "max-depth": learner.maxDepth = try text.optionalCount()
        case "min-samples-leaf": learner.minSamplesLeaf = try text.count()
        case "min-samples-split": learner.minSamplesSplit = try text.count()
        case "max-leaf-nodes": learner.maxLeafNodes = try text.optionalCount()
        case "ccp-alpha": learner.ccpAlpha = try text.number()
        case "cat-smooth": learner.categoricalSplits.catSmooth = try text.number()
        case "min-data-per-category": learner.categoricalSplits.minDataPerCategory = try text.count()
        case "max-cat-threshold": learner.categoricalSplits.maxCategoryThreshold = try text.count()
        case "max-cat-to-onehot": learner.categoricalSplits.maxCategoryToOneHot = try text.count()
        case "leaf-smoothing": learner.leafSmoothing = try text.number()
        case "criterion": learner.criterion = try text.choice([("gini", .gini), ("entropy", .entropy)])
        case "class-weight": learner.classWeights = try text.choice([("none", .uniform), ("balanced", .balanced)])
        default: throw _HyperparameterText.unknown(name, tunable: tunableHyperparameters)
        }
        return learner
    }
}

extension GradientBoostingClassifier: HyperparameterTunable {
    /// `rounds`, `learning-rate`, `max-leaves`, `min-samples-leaf`, `max-depth`, `l2`, `row-subsample`,
    /// `column-subsample`.
    public var tunableHyperparameters: [String] {
        ["rounds", "learning-rate", "max-leaves", "min-samples-leaf", "max-depth", "l2", "row-subsample", "column-subsample"]
    }

    /// Learning rate, leaves and leaf size.
    public var defaultSearchRanges: [HyperparameterRange] {
        [
            HyperparameterRange(name: "learning-rate", values: ["0.05", "0.1"]),
            HyperparameterRange(name: "max-leaves", values: ["15", "31"]),
            HyperparameterRange(name: "min-samples-leaf", values: ["20", "50"]),
        ]
    }

    /// This learner with one of `tunableHyperparameters` set; `none` clears `max-depth`.
    /// - Throws: `PipelineError.invalidOption` for another name or a value of the wrong type.
    public func setting(_ name: String, to value: String) throws -> GradientBoostingClassifier {
        let text = _HyperparameterText(name: name, value: value)
        var learner = self
        switch name {
        case "rounds": learner.rounds = try text.count()
        case "learning-rate": learner.learningRate = try text.number()
        case "max-leaves": learner.maxLeaves = try text.count()
        case "min-samples-leaf": learner.minSamplesLeaf = try text.count()
        case "max-depth": learner.maxDepth = try text.optionalCount()
        case "l2": learner.l2 = try text.number()
        case "row-subsample": learner.rowSubsample = try text.number()
        case "column-subsample": learner.columnSubsample = try text.number()
        default: throw _HyperparameterText.unknown(name, tunable: tunableHyperparameters)
        }
        return learner
    }
}

extension RandomForestClassifier: HyperparameterTunable {
    /// `trees`, `max-depth`, `max-leaves`, `min-samples-leaf`.
    public var tunableHyperparameters: [String] { ["trees", "max-depth", "max-leaves", "min-samples-leaf"] }

    /// Depth and leaf size.
    public var defaultSearchRanges: [HyperparameterRange] {
        [
            HyperparameterRange(name: "max-depth", values: ["8", "none"]),
            HyperparameterRange(name: "min-samples-leaf", values: ["1", "5", "20"]),
        ]
    }

    /// This learner with one of `tunableHyperparameters` set; `none` clears `max-depth` or `max-leaves`.
    /// - Throws: `PipelineError.invalidOption` for another name or a value of the wrong type.
    public func setting(_ name: String, to value: String) throws -> RandomForestClassifier {
        let text = _HyperparameterText(name: name, value: value)
        var learner = self
        switch name {
        case "trees": learner.trees = try text.count()
        case "max-depth": learner.maxDepth = try text.optionalCount()
        case "max-leaves": learner.maxLeaves = try text.optionalCount()
        case "min-samples-leaf": learner.minSamplesLeaf = try text.count()
        default: throw _HyperparameterText.unknown(name, tunable: tunableHyperparameters)
        }
        return learner
    }
}
