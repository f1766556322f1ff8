import ArgumentParser
import ChurnKit

/// The learners `churn train --model` accepts.
enum ModelChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Binary logistic regression with an inference table.
    case logistic
    /// A CART decision tree with readable rules.
    case tree
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

    @Option(help: "L2 penalty strength on the coefficients (1/C of scikit-learn); 0 for none, which gives valid p-values.")
    var l2: Double = 1.0

    @Option(help: "Class weights: none or balanced.")
    var classWeight: ClassWeightChoice = .none

    @Option(help: "Maximum solver iterations (logistic).")
    var maxIterations: Int = 100

    @Option(help: "Maximum depth of the tree (tree; default 5).")
    var maxDepth: Int = 5

    @Option(help: "Minimum customers per leaf (tree).")
    var minSamplesLeaf: Int = 50

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
        guard l2 >= 0, l2.isFinite else { throw ValidationError("--l2 must be a finite number >= 0, not \(l2)") }
        guard maxIterations > 0 else { throw ValidationError("--max-iterations must be positive, not \(maxIterations)") }
        guard maxDepth > 0 else { throw ValidationError("--max-depth must be at least 1, not \(maxDepth)") }
        guard minSamplesLeaf > 0 else { throw ValidationError("--min-samples-leaf must be at least 1, not \(minSamplesLeaf)") }
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
    }

    /// The model specification for the pipeline trainer.
    var specification: ModelSpecification {
        switch model {
        case .logistic:
            return .logisticRegression(LogisticRegression(
                l2: l2, classWeight: classWeight == .balanced ? .balanced : .none, maxIterations: maxIterations))
        case .tree:
            return .decisionTree(DecisionTreeClassifier(
                criterion: criterion == .gini ? .gini : .entropy, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit,
                minSamplesLeaf: minSamplesLeaf, maxLeafNodes: maxLeafNodes,
                classWeights: classWeight == .balanced ? .balanced : .uniform, ccpAlpha: ccpAlpha,
                categoricalSplits: CategoricalSplitOptions(
                    minDataPerCategory: minDataPerCategory, catSmooth: catSmooth, maxCategoryThreshold: maxCatThreshold,
                    maxCategoryToOneHot: maxCatToOnehot),
                leafSmoothing: leafSmoothing))
        }
    }
}
