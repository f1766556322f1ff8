import ArgumentParser

/// `churn uplift`: fit and evaluate models of the effect of an action on a randomized sample.
struct ExperimentUpliftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uplift",
        abstract: "Fit uplift models on a randomized sample and evaluate uplift scores: Qini, AUUC, uplift@k, deciles, targeting.",
        subcommands: [ExperimentUpliftTrainCommand.self, ExperimentUpliftScoreCommand.self, ExperimentUpliftEvaluateCommand.self])
}

/// The meta-learners `--learner` accepts.
enum UpliftLearnerChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// One classifier per group (T-learner).
    case twoModel = "two-model"
    /// One classifier of the transformed label.
    case classTransformation = "class-transformation"
}
