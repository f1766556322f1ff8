import ArgumentParser

/// `churn survival`: Kaplan-Meier curves and the log-rank test (the default, `churn survival FILE
/// --duration COL --event COL`) or a Cox proportional hazards model (`churn survival cox`).
struct SurvivalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survival",
        abstract: "Contractual churn: Kaplan-Meier retention curves and log-rank test, or Cox proportional hazards.",
        discussion: "`churn survival FILE --duration COL --event COL` is `churn survival curve FILE ...`.",
        subcommands: [SurvivalCurveCommand.self, SurvivalCoxCommand.self],
        defaultSubcommand: SurvivalCurveCommand.self)
}
