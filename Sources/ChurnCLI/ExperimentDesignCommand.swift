import ArgumentParser
import ChurnKit
import Tabular

/// `churn experiment design SCORES.csv`: tiers by score and seeded, stratified control/arm assignment.
struct ExperimentDesignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "design",
        abstract: "Design the experiment: assign scored customers to tiers, a control group and treatment arms.",
        discussion: """
            Tiers come from --top-fractions (default 0.2: top 20% = high, rest = low) or \
            --thresholds. In every tier --control is kept as control and the rest split equally \
            across --arms. Writes OUT (id,tier,group,arm,score) and OUT.manifest.json (seed, \
            design, SHA-256 of the input, counts); existing files are kept unless --force. \
            (`assign` is an alias.)
            """,
        aliases: ["assign"])

    @Argument(help: "The scored customer CSV.")
    var file: String

    @Option(name: [.customLong("id"), .customLong("id-column")],
            help: "Customer id column (default: id when FILE has it, else FILE's first column, as `churn score` writes it).")
    var id: String?

    @Option(help: "Churn score column (default: churn_probability, as `churn score` writes it; else score, as `churn experiment simulate` writes it).")
    var scoreColumn: String?

    @Option(parsing: .upToNextOption, help: "Cumulative top fractions forming tiers, increasing (e.g. 0.05 0.2).")
    var topFractions: [Double] = []

    @Option(parsing: .upToNextOption, help: "Score thresholds forming tiers, decreasing (instead of --top-fractions).")
    var thresholds: [Double] = []

    @Option(parsing: .upToNextOption, help: "Tier names, highest scores first (default high, low; or tier1, tier2, ...).")
    var tiers: [String] = []

    @Option(help: "Control fraction in every tier.")
    var control = 0.1

    @Option(parsing: .upToNextOption, help: "Treatment arm names; they share the non-control customers equally.")
    var arms: [String] = ["action"]

    @Option(help: "Seed; the same input and seed give byte-identical files.")
    var seed: UInt64 = 42

    @Option(help: "Assignment CSV to write.")
    var out: String

    @Flag(help: "Replace existing output files.")
    var force = false

    @OptionGroup(title: "Reading") var reading: ReadOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard topFractions.isEmpty || thresholds.isEmpty else { throw ValidationError("give --top-fractions or --thresholds, not both") }
        guard !arms.isEmpty else { throw ValidationError("--arms needs at least one arm") }
    }

    func run() throws { print(try makeOutput()) }

    /// The design the options describe.
    func makeDesign() throws -> ExperimentDesign {
        let rule: TierRule = thresholds.isEmpty ? .topFractions(topFractions.isEmpty ? [0.2] : topFractions) : .scoreThresholds(thresholds)
        let names = !tiers.isEmpty ? tiers : rule.tierCount == 2 ? ["high", "low"] : (1...rule.tierCount).map { "tier\($0)" }
        guard names.count == rule.tierCount else {
            throw ValidationError("--tiers names \(names.count) tiers, but the rule makes \(rule.tierCount)")
        }
        let share = (1 - control) / Double(arms.count)
        return try ExperimentDesign(tierRule: rule, tiers: names.map { name in
            TierDesign(name: name, controlShare: control, arms: arms.map { TreatmentArm(name: $0, share: share) })
        })
    }

    /// Assigns, writes the files and returns what is printed.
    func makeOutput() throws -> String {
        try checkOutputs([("--out", out), ("--out", AssignmentFile.manifestPath(for: out))], inputs: [file], force: force)
        let design = try makeDesign()
        let table = try readTable(file, options: reading.csvOptions)
        let idColumn = id ?? (table.columnNames.contains("id") ? "id" : table.columnNames.first ?? "id")
        let ids = try ExperimentColumns.texts(table, idColumn, file: file)
        let names = table.columnNames
        let scoreColumn = self.scoreColumn ?? (!names.contains("churn_probability") && names.contains("score") ? "score" : "churn_probability")
        let scores = try ExperimentColumns.numbers(table, scoreColumn, file: file)
        let assignment = try Assignment.randomize(design: design, ids: ids, scores: scores, seed: seed)
        let manifest = AssignmentManifest(
            assignment: assignment, seed: seed,
            input: .init(name: file, sha256: try SHA256.hexDigest(fileAt: file), idColumn: idColumn, scoreColumn: scoreColumn))
        try AssignmentFile.write(assignment, manifest: manifest, to: out, force: force)
        let covariates = table.dropping(columns: [idColumn, scoreColumn])
        let balance = try CovariateBalance.table(assignment: assignment, covariates: covariates)
        printError("wrote \(out) and \(AssignmentFile.manifestPath(for: out))")
        switch output.format {
        case .json: return try jsonText(DesignResult(manifest: manifest, balance: balance))
        case .text:
            var cells = TextTable(headers: ["tier", "group", "arm", "share", "customers"], alignments: [.left, .left, .left, .right, .right])
            for cell in manifest.cells {
                cells.append([cell.tier, cell.group, cell.arm, formatted(cell.designedShare), String(cell.count)])
            }
            var text = "assigned \(assignment.count) customers of \(file) (sha256 \(manifest.input.sha256 ?? "")) with seed \(seed)\n\n"
            text += cells.render()
            if let worst = balance.max(by: { abs($0.standardizedMeanDifference) < abs($1.standardizedMeanDifference) }) {
                // Under randomization an SMD has standard error ≈ √(1/n_t + 1/n_c).
                let size = { (arm: String) in manifest.cells.first { $0.tier == worst.tier && $0.arm == arm }?.count ?? 0 }
                let tier = design.tiers.first { $0.name == worst.tier }
                let chance = 2 * (1 / Double(max(size(worst.arm), 1)) + 1 / Double(max(size(tier?.controlName ?? ""), 1))).squareRoot()
                text += "\n\ncovariate balance: largest |SMD| \(formatted(abs(worst.standardizedMeanDifference))) (\(worst.covariate), tier \(worst.tier), arm \(worst.arm))"
                text += "; chance level for these group sizes about \(formatted(chance)) (2 standard errors)"
            }
            return text
        }
    }
}

/// The JSON of `churn experiment design`.
private struct DesignResult: Encodable {
    let manifest: AssignmentManifest
    let balance: [CovariateBalanceRow]
}
