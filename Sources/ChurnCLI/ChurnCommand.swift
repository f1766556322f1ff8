import ArgumentParser
import ChurnKit

/// The `churn` command: churn prediction, segmentation and retention experiments from the shell.
///
/// Each subcommand is a thin composition of library calls; no statistics lives here.
public struct ChurnCommand: ParsableCommand {
    /// The command's name, abstract and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "churn",
        abstract: "Churn prediction, customer segmentation and retention experiments.",
        discussion: """
            Exit status: 0 on success; 1 when the input, a file or a value is wrong (the message says \
            what and where); 64 for a usage error (an unknown option, a missing argument); a command \
            interrupted by SIGINT or SIGTERM removes its temporary files and dies of that signal.
            """,
        version: ChurnKitVersion.current,
        subcommands: [
            InspectCommand.self, TrainCommand.self, TuneCommand.self, EvaluateCommand.self, ScoreCommand.self, TargetCommand.self, RulesCommand.self,
            SegmentGroupCommand.self, RFMCommand.self, LifetimeCommand.self, SurvivalCommand.self, RetentionCommand.self,
            ExperimentCommand.self, ExperimentUpliftCommand.self, GenerateCommand.self, ReportCommand.self,
            DemoCommand.self, DoctorCommand.self,
        ]
    )

    /// Creates the command (used by the argument parser).
    public init() {}
}
