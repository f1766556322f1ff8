import ArgumentParser

/// `churn experiment`: design, size, simulate and analyse a retention experiment.
struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Design, size, simulate and analyse control/treatment retention experiments.",
        subcommands: [
            ExperimentDesignCommand.self, ExperimentPowerCommand.self, ExperimentSimulateCommand.self,
            ExperimentAnalyzeCommand.self,
        ]
    )
}
