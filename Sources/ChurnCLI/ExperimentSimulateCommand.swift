import ArgumentParser
import ChurnKit
import Foundation

/// `churn experiment simulate`: the documented insurance scenario, as a scored portfolio or as the
/// outcomes of an assignment.
struct ExperimentSimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate the axa insurance scenario: a scored portfolio, or outcomes of an assignment.",
        discussion: """
            Without --assignment, writes the portfolio (attributes, a model-like churn score and \
            last year's cancellations) to OUT and every assumed figure to OUT.manifest.json. With \
            --assignment, writes id,churned,premium,group,months for the assigned customers, drawn \
            from the true probabilities (the same --customers and --seed must be given as for the \
            portfolio): group is the customer's arm or control, months the month of the campaign \
            year in which a cancelling customer left (12 for the others, who stayed), for retention \
            curves (churn survival curve OUT --duration months --event churned --group group). \
            Every arm gets the scenario's action (a 9% relative reduction over the portfolio) \
            unless --arm-effect ARM=SCALE makes it stronger or weaker: the arm's change of each \
            customer's probability is SCALE times the scenario's (0 = no effect, 2 = twice).
            """)

    @Option(help: "Scenario preset (only axa).")
    var preset = "axa"

    @Option(help: "Number of policyholders (default: the preset's 2,000,000).")
    var customers: Int?

    @Option(help: "Seed of the portfolio.")
    var seed: UInt64 = 1

    @Option(help: "Assignment file; simulate its outcomes instead of writing the portfolio.")
    var assignment: String?

    @Option(help: "Seed of the outcome (or history) draws; history and outcomes use separate streams of it, so they are independent.")
    var outcomeSeed: UInt64 = 2

    @Option(name: .customLong("arm-effect"), help: ArgumentHelp(
        "Strength of an arm's action relative to the scenario's, ARM=SCALE with SCALE in [0, 10] (repeatable; default 1 for every arm).",
        valueName: "arm=scale"))
    var armEffects: [String] = []

    @Option(help: "CSV to write.")
    var out: String

    @Flag(help: "Replace existing output files.")
    var force = false

    func validate() throws {
        guard preset == "axa" else { throw ValidationError("unknown --preset \"\(preset)\"; available: axa") }
        guard armEffects.isEmpty || assignment != nil else { throw ValidationError("--arm-effect needs --assignment (it changes outcomes only)") }
        _ = try parseNamedNumbers(armEffects, option: "--arm-effect", in: 0...10)
        if let customers {
            try InputLimits.count(customers, name: "--customers", in: 1...Int.max)
            try InputLimits.elements([customers], bytesEach: InsuranceScenario.bytesPerCustomer, name: "--customers",
                                     what: "a portfolio of \(customers) policyholders")
        }
    }

    func run() throws { printError(try makeOutput()) }

    /// Writes the files and returns the progress line.
    func makeOutput() throws -> String {
        let inputs = assignment.map { [$0, AssignmentFile.manifestPath(for: $0)] } ?? []
        try checkOutputs(assignment == nil ? [("--out", out), ("--out", out + ".manifest.json")] : [("--out", out)], inputs: inputs, force: force)
        let scenario = customers.map { InsuranceScenario.axa.with(customerCount: $0) } ?? .axa
        let portfolio = try InsurancePortfolio(scenario: scenario, seed: seed)
        if let assignment {
            let (design, _) = try AssignmentFile.read(from: assignment)
            let scales = try parseNamedNumbers(armEffects, option: "--arm-effect", in: 0...10)
            let arms = Set(design.design.tiers.flatMap { $0.arms.map(\.name) })
            if let unknown = scales.keys.sorted().first(where: { !arms.contains($0) }) {
                throw ValidationError("--arm-effect names arm \"\(unknown)\", which \(assignment) does not have; arms: \(arms.sorted().joined(separator: ", "))")
            }
            let outcomes = try portfolio.outcomes(for: design, seed: outcomeSeed, armEffectScale: scales)
            let months = try portfolio.cancellationMonths(for: design, outcomes: outcomes, seed: outcomeSeed, armEffectScale: scales)
            let table = try Table(columns: [
                Column(name: "id", labels: outcomes.ids),
                Column(name: "churned", numeric: outcomes.events.map { $0 ? 1 : 0 }),
                Column(name: "premium", numeric: outcomes.customerValue ?? []),
                Column(name: "group", labels: design.ids.indices.map(design.groupName(row:))),
                Column(name: "months", numeric: months),
            ])
            try CSVWriter.write(table, toFileAt: out, replacing: force)
            var truth = TextTable(
                headers: ["tier", "arm", "treated", "true reduction", "true customers retained", "true value retained"],
                alignments: [.left, .left, .right, .right, .right, .right])
            for cell in try portfolio.truth(of: design, armEffectScale: scales) {
                truth.append([cell.tier, cell.arm, String(cell.truth.customers), percent(cell.truth.relativeReduction),
                              formatted(cell.truth.customersRetained, digits: 5), formatted(cell.truth.valueRetained, digits: 6)])
            }
            return "wrote outcomes of \(outcomes.ids.count) customers to \(out)\n"
                + "the scenario's truth for the treated customers (value = premium x (p0 - p1), what analyze --value-column premium estimates):\n"
                + truth.render()
        }
        let table = try portfolio.table(includingScore: true)
        let history = Column(name: "churned_last_year", numeric: portfolio.history(seed: outcomeSeed).map { $0 ? 1 : 0 })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let manifest = Array(try encoder.encode(portfolio.manifest)) + [0x0A]
        try CSVWriter.write(try Table(columns: table.columns + [history]), toFileAt: out, replacing: force)
        try AtomicFile.write(manifest, to: out + ".manifest.json", replacing: force)
        return "wrote \(portfolio.count) policyholders to \(out) (mean cancellation probability \(formatted(portfolio.manifest.meanBaselineProbability)))"
    }
}
