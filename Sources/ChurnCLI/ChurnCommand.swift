import ArgumentParser

/// The `churn` command: churn prediction, segmentation and retention experiments from the shell.
///
/// Each subcommand is a thin composition of library calls; no statistics lives here.
public struct ChurnCommand: ParsableCommand {
    /// The command's name, abstract and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "churn",
        abstract: "Churn prediction, customer segmentation and retention experiments.",
        subcommands: [
            InspectCommand.self, TrainCommand.self, TuneCommand.self, EvaluateCommand.self, ScoreCommand.self, TargetCommand.self, RulesCommand.self,
            SegmentGroupCommand.self, RFMCommand.self, LifetimeCommand.self, SurvivalCommand.self, RetentionCommand.self,
            ExperimentCommand.self, ExperimentUpliftCommand.self, GenerateCommand.self,
            DemoCommand.self, DoctorCommand.self,
        ]
    )

    /// Creates the command (used by the argument parser).
    public init() {}
}
