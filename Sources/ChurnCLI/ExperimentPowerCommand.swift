import ArgumentParser
import ChurnKit

/// `churn experiment power`: sample size for a target effect, or the detectable effect of a design.
struct ExperimentPowerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "power",
        abstract: "Customers per group to detect a relative reduction, or the minimal detectable reduction per tier.",
        discussion: """
            Two-sided two-proportion test on Cohen's h (as statsmodels NormalIndPower). With \
            --relative-reduction: the customers needed per group (sampleSizePerGroup; with --ratio the control group, the treated being ratio × control). With --assignment: for every tier \
            and arm of an assignment file, the smallest relative reduction of --baseline it can detect.
            """)

    @Option(help: "Churn rate without action (e.g. 0.12).")
    var baseline: Double

    @Option(help: "Relative reduction to detect (e.g. 0.09 for 9%).")
    var relativeReduction: Double?

    @Option(help: "An assignment file written by `churn experiment design`.")
    var assignment: String?

    @Option(help: "Significance level.")
    var alpha = 0.05

    @Option(help: "Power.")
    var power = 0.8

    @Option(help: "Treatment-to-control size ratio (with --relative-reduction).")
    var ratio = 1.0

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (relativeReduction == nil) != (assignment == nil) else { throw ValidationError("give exactly one of --relative-reduction and --assignment") }
    }

    func run() throws { print(try makeOutput()) }

    /// The text or JSON printed.
    func makeOutput() throws -> String {
        if let reduction = relativeReduction {
            let size = try PowerAnalysis.sampleSize(
                baselineRate: baseline, relativeReduction: reduction, alpha: alpha, power: power, treatmentToControlRatio: ratio)
            let result = SizeResult(
                baseline: baseline, relativeReduction: reduction, alpha: alpha, power: power,
                sampleSizePerGroup: size.controlSize, controlSize: size.controlSize, treatmentSize: size.treatmentSize,
                exactControlSize: size.exactControlSize, cohensH: PowerAnalysis.cohensH(baseline, baseline * (1 - reduction)))
            switch output.format {
            case .json: return try jsonText(result)
            case .text:
                return "to detect a \(formatted(100 * reduction))% relative reduction of \(formatted(baseline)) (h = \(formatted(result.cohensH))) "
                    + "with alpha \(alpha) and power \(power): \(result.controlSize) control and \(result.treatmentSize) treated customers"
            }
        }
        let (loaded, _) = try AssignmentFile.read(from: assignment ?? "")
        var rows: [DetectableRow] = []
        for (t, tier) in loaded.design.tiers.enumerated() {
            let counts = loaded.counts[t]
            for (a, arm) in tier.arms.enumerated() {
                let mde = try PowerAnalysis.minimumDetectableRelativeReduction(
                    baselineRate: baseline, controlSize: counts[0], treatmentSize: counts[a + 1], alpha: alpha, power: power)
                rows.append(DetectableRow(tier: tier.name, arm: arm.name, control: counts[0], treated: counts[a + 1], minimumDetectableRelativeReduction: mde))
            }
        }
        switch output.format {
        case .json: return try jsonText(rows)
        case .text:
            var table = TextTable(headers: ["tier", "arm", "control", "treated", "detectable reduction"], alignments: [.left, .left, .right, .right, .right])
            for row in rows {
                table.append([row.tier, row.arm, String(row.control), String(row.treated), formatted(100 * row.minimumDetectableRelativeReduction) + "%"])
            }
            return "minimal detectable relative reduction of \(formatted(baseline)) (alpha \(alpha), power \(power))\n\n" + table.render()
        }
    }
}

private struct SizeResult: Encodable {
    let baseline: Double, relativeReduction: Double, alpha: Double, power: Double
    let sampleSizePerGroup: Int
    let controlSize: Int, treatmentSize: Int
    let exactControlSize: Double, cohensH: Double
}

private struct DetectableRow: Encodable {
    let tier: String, arm: String
    let control: Int, treated: Int
    let minimumDetectableRelativeReduction: Double
}
