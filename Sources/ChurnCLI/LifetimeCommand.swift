import ArgumentParser

/// `churn lifetime`: buy-till-you-die models of a purchase log (`fit`) and per-customer
/// P(alive), expected purchases and lifetime value from a saved model (`predict`).
struct LifetimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifetime",
        abstract: "Customer lifetime value from a purchase log: fit BG/NBD or Pareto/NBD with Gamma-Gamma, predict per customer.",
        subcommands: [LifetimeFitCommand.self, LifetimePredictCommand.self])
}
