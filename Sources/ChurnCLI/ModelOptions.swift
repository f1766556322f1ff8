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

    func validate() throws {
        guard l2 >= 0, l2.isFinite else { throw ValidationError("--l2 must be a finite number >= 0, not \(l2)") }
        guard maxIterations > 0 else { throw ValidationError("--max-iterations must be positive, not \(maxIterations)") }
        guard maxDepth > 0 else { throw ValidationError("--max-depth must be at least 1, not \(maxDepth)") }
        guard minSamplesLeaf > 0 else { throw ValidationError("--min-samples-leaf must be at least 1, not \(minSamplesLeaf)") }
    }

    /// The model specification for the pipeline trainer.
    var specification: ModelSpecification {
        switch model {
        case .logistic:
            return .logisticRegression(LogisticRegression(
                l2: l2, classWeight: classWeight == .balanced ? .balanced : .none, maxIterations: maxIterations))
        case .tree:
            return .decisionTree(DecisionTreeClassifier(
                criterion: criterion == .gini ? .gini : .entropy, maxDepth: maxDepth, minSamplesLeaf: minSamplesLeaf,
                classWeights: classWeight == .balanced ? .balanced : .uniform))
        }
    }
}
