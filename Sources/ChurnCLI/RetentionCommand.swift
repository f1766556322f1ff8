import ArgumentParser

/// `churn retention`: cohort retention projections (`churn retention project`).
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Project a cohort's retention (shifted-beta-geometric) and the compounding of a retention gain.",
        subcommands: [RetentionProjectCommand.self])
}
