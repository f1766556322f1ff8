import ArgumentParser

/// `churn inspect FILE`: what a customer file holds.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Describe the columns of a CSV file.")

    @Argument(help: "The CSV file to read.")
    var file: String

    func run() throws {}
}
