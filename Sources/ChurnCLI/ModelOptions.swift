import ArgumentParser
import ChurnKit

/// The learners `churn train --model` accepts.
enum ModelChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Binary logistic regression with an inference table.
    case logistic
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

    @Option(help: "Maximum solver iterations.")
    var maxIterations: Int = 100

    func validate() throws {
        guard l2 >= 0, l2.isFinite else { throw ValidationError("--l2 must be a finite number >= 0, not \(l2)") }
        guard maxIterations > 0 else { throw ValidationError("--max-iterations must be positive, not \(maxIterations)") }
    }

    /// The model specification for the pipeline trainer.
    var specification: ModelSpecification {
        switch model {
        case .logistic:
            return .logisticRegression(LogisticRegression(
                l2: l2, classWeight: classWeight == .balanced ? .balanced : .none, maxIterations: maxIterations))
        }
    }
}
