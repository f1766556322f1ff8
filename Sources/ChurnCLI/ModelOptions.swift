import ArgumentParser
import ChurnKit

/// The learners `churn train --model` accepts.
enum ModelChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Binary logistic regression with an inference table.
    case logistic
    /// A CART decision tree with readable rules.
    case tree
    /// Gradient-boosted trees (LightGBM's binary log-loss booster).
    case gbdt
    /// A random forest (bootstrap rows, sqrt features per split).
    case forest
}

/// The split criteria `--criterion` accepts.
enum CriterionChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Gini impurity.
    case gini
    /// Entropy (information gain).
    case entropy
}

/// How classes are weighted in the loss.
enum ClassWeightChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Every row weighs 1.
    case none
    /// Each class weighs the same in total (n / (2 n_class) per row).
    case balanced
}

/// The hyperparameters of the learners, grouped in the help.
struct ModelOptions: ParsableArguments {
    @Option(help: "Learner: \(ModelChoice.allCases.map(\.rawValue).joined(separator: ", ")).")
    var model: ModelChoice = .logistic

    @Option(help: "L2 penalty: on the coefficients (logistic; 1/C of scikit-learn; default 1; 0 gives valid p-values), on the leaf outputs (gbdt; default 0).")
    var l2: Double?

    @Option(help: "Class weights: none or balanced.")
    var classWeight: ClassWeightChoice = .none

    @Option(help: "Maximum solver iterations (logistic).")
    var maxIterations: Int = 100

    @Option(help: "Maximum depth of a tree (tree: default 5; gbdt, forest: no limit).")
    var maxDepth: Int?

    @Option(help: "Minimum customers per leaf (tree: default 50; gbdt: 20; forest: 1).")
    var minSamplesLeaf: Int?

    @Option(help: "Boosting rounds (gbdt).")
    var rounds: Int = 100

    @Option(help: "Learning rate, in (0, 1] (gbdt).")
    var learningRate: Double = 0.1

    @Option(help: "Maximum leaves per tree (gbdt; forest: no limit unless given).")
    var maxLeaves: Int?

    @Option(help: "Patience of early stopping (gbdt; default 10): boosting stops when the log loss on a seeded, stratified 10% of the training rows has not improved for this many rounds, and the model keeps the best round's trees.")
    var earlyStopping: Int?

    @Flag(help: "Grow all --rounds rounds on every training row: no validation split, no early stopping (gbdt).")
    var noEarlyStopping = false

    @Option(help: "Fraction of rows each tree is grown on (gbdt).")
    var rowSubsample: Double = 1

    @Option(help: "Fraction of features each tree may split on (gbdt).")
    var columnSubsample: Double = 1

    @Option(help: "Number of trees (forest).")
    var trees: Int = 100

    @Option(help: "Split criterion: gini or entropy (tree).")
    var criterion: CriterionChoice = .gini

    @Option(help: "Minimum customers in a node for it to be split (tree; at least 2).")
    var minSamplesSplit: Int = 2

    @Option(help: "Cost-complexity pruning strength (tree; 0 for none).")
    var ccpAlpha: Double = 0

    @Option(help: "Grow best-first up to this many leaves (tree; at least 2; default no limit).")
    var maxLeafNodes: Int?

    @Option(help: "Pseudo-customers of the node's churn rate added to each category's rate before categories are ordered (tree).")
    var catSmooth: Double = CategoricalSplitOptions.default.catSmooth

    @Option(help: "Customers a category needs in a node to be placed on its own side; rarer ones go with the rest (tree).")
    var minDataPerCategory: Int = CategoricalSplitOptions.default.minDataPerCategory

    @Option(help: "Most categories listed on one side of a split (tree).")
    var maxCatThreshold: Int = CategoricalSplitOptions.default.maxCategoryThreshold

    @Option(help: "Columns with at most this many categories split one category against the rest (tree; 0 never).")
    var maxCatToOnehot: Int = CategoricalSplitOptions.default.maxCategoryToOneHot

    @Option(help: "Leaf churn rates are (churners + m x parent rate) / (customers + m) with this m (tree; 0 for raw rates, which can be exactly 0 or 1).")
    var leafSmoothing: Double = 1

    func validate() throws {
        if let l2 { guard l2 >= 0, l2.isFinite else { throw ValidationError("--l2 must be a finite number >= 0, not \(l2)") } }
        guard maxIterations > 0 else { throw ValidationError("--max-iterations must be positive, not \(maxIterations)") }
        if let maxDepth { guard maxDepth > 0 else { throw ValidationError("--max-depth must be at least 1, not \(maxDepth)") } }
        if let minSamplesLeaf {
            guard minSamplesLeaf > 0 else { throw ValidationError("--min-samples-leaf must be at least 1, not \(minSamplesLeaf)") }
        }
        guard minSamplesSplit >= 2 else { throw ValidationError("--min-samples-split must be at least 2, not \(minSamplesSplit)") }
        guard ccpAlpha >= 0, ccpAlpha.isFinite else { throw ValidationError("--ccp-alpha must be a finite number >= 0, not \(ccpAlpha)") }
        if let maxLeafNodes, maxLeafNodes < 2 {
            throw ValidationError("--max-leaf-nodes must be at least 2, not \(maxLeafNodes)")
        }
        guard catSmooth >= 0, catSmooth.isFinite else { throw ValidationError("--cat-smooth must be a finite number >= 0, not \(catSmooth)") }
        guard minDataPerCategory >= 1 else {
            throw ValidationError("--min-data-per-category must be at least 1, not \(minDataPerCategory)")
        }
        guard maxCatThreshold >= 1 else { throw ValidationError("--max-cat-threshold must be at least 1, not \(maxCatThreshold)") }
        guard maxCatToOnehot >= 0 else { throw ValidationError("--max-cat-to-onehot must be at least 0, not \(maxCatToOnehot)") }
        guard leafSmoothing >= 0, leafSmoothing.isFinite else {
            throw ValidationError("--leaf-smoothing must be a finite number >= 0, not \(leafSmoothing)")
        }
        guard rounds > 0 else { throw ValidationError("--rounds must be at least 1, not \(rounds)") }
        guard learningRate > 0, learningRate <= 1 else { throw ValidationError("--learning-rate must be in (0, 1], not \(learningRate)") }
        if let maxLeaves { guard maxLeaves >= 2 else { throw ValidationError("--max-leaves must be at least 2, not \(maxLeaves)") } }
        if let earlyStopping {
            guard earlyStopping > 0 else { throw ValidationError("--early-stopping must be at least 1, not \(earlyStopping)") }
            guard !noEarlyStopping else { throw ValidationError("--early-stopping and --no-early-stopping cannot both be given") }
        }
        for (flag, value) in [("--row-subsample", rowSubsample), ("--column-subsample", columnSubsample)] {
            guard value > 0, value <= 1 else { throw ValidationError("\(flag) must be in (0, 1], not \(value)") }
        }
        guard trees > 0 else { throw ValidationError("--trees must be at least 1, not \(trees)") }
    }

    /// The patience of the booster's early stopping: `--early-stopping`, 10 by default, nil with
    /// `--no-early-stopping`.
    var earlyStoppingPatience: Int? { noEarlyStopping ? nil : earlyStopping ?? 10 }

    /// The model specification for the pipeline trainer.
    /// - Parameter seed: the seed of the ensembles' draws (bootstrap, subsampling, validation split).
    func specification(seed: UInt64) -> ModelSpecification {
        switch model {
        case .logistic:
            return .logisticRegression(LogisticRegression(
                l2: l2 ?? 1, classWeight: classWeight == .balanced ? .balanced : .none, maxIterations: maxIterations))
        case .tree:
            return .decisionTree(DecisionTreeClassifier(
                criterion: criterion == .gini ? .gini : .entropy, maxDepth: maxDepth ?? 5, minSamplesSplit: minSamplesSplit,
                minSamplesLeaf: minSamplesLeaf ?? 50, maxLeafNodes: maxLeafNodes,
                classWeights: classWeight == .balanced ? .balanced : .uniform, ccpAlpha: ccpAlpha,
                categoricalSplits: CategoricalSplitOptions(
                    minDataPerCategory: minDataPerCategory, catSmooth: catSmooth, maxCategoryThreshold: maxCatThreshold,
                    maxCategoryToOneHot: maxCatToOnehot),
                leafSmoothing: leafSmoothing))
        case .gbdt:
            return ModelSpecification(GradientBoostingClassifier(
                rounds: rounds, learningRate: learningRate, maxLeaves: maxLeaves ?? 31, maxDepth: maxDepth,
                minSamplesLeaf: minSamplesLeaf ?? 20, l2: l2 ?? 0, rowSubsample: rowSubsample,
                columnSubsample: columnSubsample, earlyStoppingRounds: earlyStoppingPatience,
                classWeights: classWeight == .balanced ? .balanced : .uniform, seed: seed))
        case .forest:
            return ModelSpecification(RandomForestClassifier(
                trees: trees, maxDepth: maxDepth, maxLeaves: maxLeaves, minSamplesLeaf: minSamplesLeaf ?? 1,
                classWeights: classWeight == .balanced ? .balanced : .uniform, seed: seed))
        }
    }
}
