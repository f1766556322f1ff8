import ArgumentParser

/// `churn segment`: fit a segmentation (the default, `churn segment FILE --k K`) or apply a saved
/// one to new customers (`churn segment assign MODEL.json FILE --out`).
struct SegmentGroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Group customers into segments (k-means) and profile them, or assign new customers to saved segments.",
        discussion: "`churn segment FILE --k K` is `churn segment fit FILE --k K`.",
        subcommands: [SegmentCommand.self, SegmentAssignCommand.self],
        defaultSubcommand: SegmentCommand.self)
}
