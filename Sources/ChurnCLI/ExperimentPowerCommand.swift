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
            and arm of an assignment file, the smallest relative reduction of the tier's churn rate it \
            can detect: the tier's rate is --baseline TIER=P when given, else one --baseline P for every \
            tier, else the mean churn score of the tier's customers in the assignment.
            """)

    @Option(parsing: .upToNextOption,
            help: "Churn rate without action (e.g. 0.12); with --assignment also per tier as TIER=P (default there: each tier's mean score).")
    var baseline: [String] = []

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
        if relativeReduction != nil, baseline.count != 1 || Double(baseline[0]) == nil {
            throw ValidationError("--relative-reduction needs one --baseline P (a churn rate such as 0.12)")
        }
    }

    /// The churn rate of every tier: TIER=P pairs, one P for all, or the tier's mean score.
    private func tierBaselines(_ assignment: Assignment) throws -> [(rate: Double, source: String)] {
        let plain = baseline.filter { !$0.contains("=") }
        guard plain.count <= 1 else { throw ValidationError("--baseline takes one rate P or TIER=P pairs, not \(baseline.joined(separator: " "))") }
        var all: Double?
        if let text = plain.first {
            guard let value = Double(text) else { throw ValidationError("--baseline \(text) is not a number") }
            all = value
        }
        let named = try parseNamedNumbers(baseline.filter { $0.contains("=") }, option: "--baseline", in: 0...1, open: true)
        let tierNames = assignment.design.tiers.map(\.name)
        if let unknown = named.keys.first(where: { !tierNames.contains($0) }) {
            throw ValidationError("--baseline names tier \"\(unknown)\", but the assignment's tiers are \(tierNames.joined(separator: ", "))")
        }
        var sums = [Double](repeating: 0, count: tierNames.count), counts = [Int](repeating: 0, count: tierNames.count)
        for (k, score) in assignment.scores.enumerated() where score.isFinite {
            sums[assignment.tiers[k]] += score
            counts[assignment.tiers[k]] += 1
        }
        return try tierNames.enumerated().map { t, name in
            if let rate = named[name] { return (rate, "--baseline") }
            if let all { return (all, "--baseline") }
            guard counts[t] > 0 else {
                throw ValidationError("tier \"\(name)\" of \(self.assignment ?? "") has no scores; give --baseline \(name)=P")
            }
            return (sums[t] / Double(counts[t]), "mean score")
        }
    }

    func run() throws { print(try makeOutput()) }

    /// The text or JSON printed.
    func makeOutput() throws -> String {
        if let reduction = relativeReduction {
            let baseline = Double(self.baseline.first ?? "") ?? .nan
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
        let baselines = try tierBaselines(loaded)
        var rows: [DetectableRow] = []
        for (t, tier) in loaded.design.tiers.enumerated() {
            let counts = loaded.counts[t]
            for (a, arm) in tier.arms.enumerated() {
                let mde = try PowerAnalysis.minimumDetectableRelativeReduction(
                    baselineRate: baselines[t].rate, controlSize: counts[0], treatmentSize: counts[a + 1], alpha: alpha, power: power)
                rows.append(DetectableRow(tier: tier.name, arm: arm.name, control: counts[0], treated: counts[a + 1], baseline: baselines[t].rate,
                                          baselineSource: baselines[t].source, minimumDetectableRelativeReduction: mde))
            }
        }
        switch output.format {
        case .json: return try jsonText(rows)
        case .text:
            var table = TextTable(headers: ["tier", "arm", "control", "treated", "churn rate", "from", "detectable reduction"],
                                  alignments: [.left, .left, .right, .right, .right, .left, .right])
            for row in rows {
                table.append([row.tier, row.arm, String(row.control), String(row.treated), formatted(row.baseline), row.baselineSource,
                              formatted(100 * row.minimumDetectableRelativeReduction) + "%"])
            }
            return "minimal detectable relative reduction of each tier's churn rate (alpha \(alpha), power \(power))\n\n" + table.render()
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
    let baseline: Double, baselineSource: String
    let minimumDetectableRelativeReduction: Double
}
