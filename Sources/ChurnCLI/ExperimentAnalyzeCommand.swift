import ArgumentParser
import ChurnKit

/// `churn experiment analyze FILE`: every tier × arm against its control, with economics.
struct ExperimentAnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Compare every tier and arm of an experiment with the same tier's control group.",
        discussion: """
            FILE holds the outcomes. Either join it to --assignment (written by `churn experiment \
            design`) on --id (unmatched ids are counted and reported), or read the arms from FILE \
            itself with --arm COL --control LABEL (an experiment randomized elsewhere, such as \
            Hillstrom's; optional --tier COL; designed shares equal, or --designed-shares, control \
            first, then arms in order of appearance; without an --id column rows are numbered). \
            Prints per tier and arm: customers, events, rates, the difference (arm - control) and \
            ratio with 95% intervals (Newcombe; log ratio), p-values (z or Fisher) with Holm \
            adjustment, the arms pooled across tiers (Cochran-Mantel-Haenszel), the sample-ratio \
            check, and with --value-per-customer or --value-column the customers and value \
            retained, cost and ROI.
            """)

    @Argument(help: "Outcome CSV (with the arm column when no --assignment is given).")
    var file: String

    @Option(help: "Assignment file written by `churn experiment design`, joined to FILE on --id.")
    var assignment: String?

    @Option(help: "Arm column of FILE (instead of --assignment).")
    var arm: String?

    @Option(help: "Control label of the --arm column.")
    var control: String?

    @Option(help: "Tier column of FILE (with --arm; default: one tier).")
    var tier: String?

    @Option(parsing: .upToNextOption, help: "Designed shares with --arm: control first, then arms in order of appearance.")
    var designedShares: [Double] = []

    @Option(help: "Customer id column of FILE (default: id when FILE has it, else the assignment's id column, else FILE's first column; with --arm and no such column, rows are numbered from 1).")
    var id: String?

    @Option(help: "Binary outcome column (0/1 or yes/no), e.g. churned or visit (default: churned; when FILE has none, --numeric alone compares means).")
    var outcome: String?

    @Option(help: "Optional numeric outcome column (e.g. spend), compared by Welch's t interval.")
    var numeric: String?

    @Option(help: "Optional column with each customer's value, for the economics.")
    var valueColumn: String?

    @Option(help: "One value for every retained customer, for the economics.")
    var valuePerCustomer: Double?

    @Option(parsing: .upToNextOption, help: "Action cost per treated customer, as ARM=COST (e.g. call=15).")
    var cost: [String] = []

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (assignment == nil) != (arm == nil) else { throw ValidationError("give exactly one of --assignment and --arm") }
        guard arm == nil || control != nil else { throw ValidationError("--arm needs --control (the control group's label)") }
        if assignment != nil, control != nil || tier != nil || !designedShares.isEmpty {
            throw ValidationError("--control, --tier and --designed-shares go with --arm; --assignment already holds the design")
        }
        guard valueColumn == nil || valuePerCustomer == nil else { throw ValidationError("give --value-column or --value-per-customer, not both") }
        if let valuePerCustomer { try InputLimits.real(valuePerCustomer, name: "--value-per-customer", in: 0...Double.greatestFiniteMagnitude) }
        _ = try parseNamedNumbers(cost, option: "--cost", in: 0...Double.greatestFiniteMagnitude)
    }

    func run() throws { print(try makeOutput()) }

    /// FILE read with the id, numeric, arm and tier columns' kinds imposed, its ids and the assignment.
    private func readInputs() throws -> (table: Table, ids: [String], assignment: Assignment) {
        let assigned = try assignment.map { try AssignmentFile.read(from: $0) }
        let header = try csvHeader(file)
        let id = self.id ?? (header.contains("id") ? "id"
            : assigned.flatMap { $0.manifest.input.idColumn }.flatMap { header.contains($0) ? $0 : nil }
            ?? (assignment != nil ? header.first ?? "id" : "id"))
        var kinds: [String: ColumnKind] = [id: .categorical]
        if let numeric { kinds[numeric] = .numeric }
        for name in [arm, tier].compactMap({ $0 }) { kinds[name] = .categorical }
        let table = try Table(csvAt: file, options: CSVReadOptions(columnKinds: kinds))
        let ids = table.columnNames.contains(id) || assignment != nil
            ? try ExperimentColumns.texts(table, id, file: file) : (0..<table.rowCount).map { String($0 + 1) }
        return (table, ids, try assigned?.assignment ?? (try armAssignment(table, ids: ids)))
    }

    /// The analysis of FILE as the options describe it (binary outcome, optional numeric outcome).
    func makeReport() throws -> ExperimentReport {
        let (table, ids, design) = try readInputs()
        let observed = try ExperimentOutcomes(
            ids: ids,
            events: try ExperimentColumns.flags(table, outcome ?? "churned", file: file),
            numericOutcome: try numeric.map { try ExperimentColumns.numbers(table, $0, file: file) },
            customerValue: try valueColumn.map { try ExperimentColumns.numbers(table, $0, file: file) })
        let source: CustomerValueSource? = valueColumn != nil ? .fromOutcomes : valuePerCustomer.map { .perCustomer($0) }
        let costs = try parseNamedNumbers(cost, option: "--cost", in: 0...Double.greatestFiniteMagnitude)
        let arms = Set(design.design.tiers.flatMap { $0.arms.map(\.name) })
        if let unknown = costs.keys.sorted().first(where: { !arms.contains($0) }) {
            throw ValidationError("--cost names arm \"\(unknown)\", but the arms are \(arms.sorted().joined(separator: ", "))")
        }
        return try ExperimentAnalysis.analyze(assignment: design, outcomes: observed, customerValue: source, costPerCustomer: costs)
    }

    /// The analysis of the --numeric column alone (FILE has no binary outcome).
    func makeNumericReport() throws -> NumericExperimentReport {
        guard valueColumn == nil, valuePerCustomer == nil, cost.isEmpty else {
            throw ValidationError("--value-column, --value-per-customer and --cost need a binary outcome (customers retained); \(file) has no \"churned\" column: name it with --outcome")
        }
        let (table, ids, design) = try readInputs()
        return try ExperimentAnalysis.analyzeNumeric(
            assignment: design, ids: ids, values: try ExperimentColumns.numbers(table, numeric ?? "", file: file))
    }

    /// The text or JSON printed.
    func makeOutput() throws -> String {
        if outcome == nil, let numeric, !(try csvHeader(file)).contains("churned") {
            let report = try makeNumericReport()
            for warning in report.warnings { printError("warning: " + warning) }
            switch output.format {
            case .json: return try jsonText(NumericAnalyzeJSON(report))
            case .text: return renderNumeric(report, column: numeric)
            }
        }
        let report = try makeReport()
        for warning in report.warnings { printError("warning: " + warning) }
        switch output.format {
        case .json: return try jsonText(ExperimentAnalyzeJSON(report))
        case .text: return render(report)
        }
    }

    /// An assignment from the arm (and tier) labels of FILE: every tier holds the control and every
    /// arm, in order of first appearance.
    private func armAssignment(_ table: Table, ids: [String]) throws -> Assignment {
        let armColumn = arm ?? "", control = control ?? ""
        let labels = try ExperimentColumns.texts(table, armColumn, file: file)
        guard labels.contains(control) else { throw ValidationError("\(file): no row has \(armColumn) = \"\(control)\"") }
        var arms: [String] = []
        for label in labels where label != control && !arms.contains(label) { arms.append(label) }
        guard !arms.isEmpty else { throw ValidationError("\(file): every row of \(armColumn) is the control \"\(control)\"; no arm to compare") }
        let shares = designedShares.isEmpty ? [Double](repeating: 1 / Double(arms.count + 1), count: arms.count + 1) : designedShares
        guard shares.count == arms.count + 1 else {
            throw ValidationError("--designed-shares has \(shares.count) values for \(arms.count + 1) groups (\(([control] + arms).joined(separator: ", ")))")
        }
        let tierLabels = try tier.map { try ExperimentColumns.texts(table, $0, file: file) } ?? ids.map { _ in "all" }
        var tierNames: [String] = []
        for label in tierLabels where !tierNames.contains(label) { tierNames.append(label) }
        // The tiers come from a column, not from scores: the rule only carries the tier count.
        let design = try ExperimentDesign(
            tierRule: .scoreThresholds((1..<max(tierNames.count, 1)).reversed().map(Double.init)),
            tiers: tierNames.map { name in
                TierDesign(name: name, controlName: control, controlShare: shares[0],
                           arms: zip(arms, shares.dropFirst()).map { TreatmentArm(name: $0, share: $1) })
            })
        return try Assignment(design: design, ids: ids, tierNames: tierLabels, groupNames: labels)
    }

    /// The report as aligned text: per cell the relative reduction of the churn rate with its 95%
    /// interval (the AXA "9%"), the difference in points, the p-values; the arms pooled across
    /// tiers and every arm together; the economics with intervals.
    private func render(_ report: ExperimentReport) -> String {
        var text = report.warnings.map { "WARNING: " + $0 + "\n" }.joined()
        text += "analysed \(report.join.matched) of \(report.join.assigned) assigned customers; "
            + "reduction = 1 - arm rate / control rate (negative: the arm has more \(outcome ?? "churned") events)\n\n"
        var cells = TextTable(
            headers: ["tier", "arm", "n", "rate", "control n", "control rate", "reduction [95%]", "difference [95%]", "p", "p (Holm)", "test"],
            alignments: [.left, .left, .right, .right, .right, .right, .left, .left, .right, .right, .left])
        for cell in report.cells {
            let c = cell.comparison
            cells.append([cell.tier, cell.arm, String(c.treatment.total), formatted(c.treatmentRate), String(c.control.total), formatted(c.controlRate),
                          percentWithInterval(c.relativeReduction, c.relativeReductionInterval), withInterval(c.difference, c.differenceInterval),
                          formattedPValue(c.pValue), formattedPValue(cell.adjustedPValue), c.testMethod == .fisherExact ? "Fisher" : "z"])
        }
        text += cells.render()
        text += "\n\npooled across tiers (Mantel-Haenszel):\n"
        for arm in report.pooled {
            text += "  \(arm.arm): reduction \(percentWithInterval(arm.result.relativeReduction, arm.result.relativeReductionInterval)), "
                + "ratio \(withInterval(arm.result.riskRatio, arm.result.riskRatioInterval)), p \(formattedPValue(arm.result.pValue))\n"
        }
        if report.pooled.count > 1 {
            text += "  every arm together: reduction \(percentWithInterval(report.overall.relativeReduction, report.overall.relativeReductionInterval)), "
                + "p \(formattedPValue(report.overall.pValue))\n"
        }
        text += sampleRatioText(report.sampleRatio)
        let numeric = report.cells.compactMap { cell in cell.numericOutcome.map { (cell, $0) } }
        if !numeric.isEmpty {
            text += "numeric outcome \(self.numeric ?? ""), difference in means arm - control (Welch 95%):\n"
            for (cell, welch) in numeric { text += "  \(cell.tier) \(cell.arm): \(withInterval(welch.difference, welch.interval)), p \(formattedPValue(welch.pValue))\n" }
        }
        let money = report.cells.compactMap { cell in cell.economics.map { (cell, $0) } }
        if !money.isEmpty {
            var table = TextTable(headers: ["tier", "arm", "treated", "customers retained [95%]", "value retained [95%]", "cost", "net value [95%]", "ROI [95%]"],
                                  alignments: [.left, .left, .right, .left, .left, .right, .left, .left])
            for (cell, e) in money {
                table.append([cell.tier, cell.arm, String(e.customersTreated), withInterval(e.customersRetained, e.customersRetainedInterval, digits: 5),
                              withInterval(e.valueRetained, e.valueRetainedInterval, digits: 6), formatted(e.actionCost, digits: 6),
                              withInterval(e.netValue, e.netValueInterval, digits: 6),
                              e.returnOnInvestment.map { withInterval($0, e.returnOnInvestmentInterval, digits: 3) } ?? "- (free action)"])
            }
            text += "economics (value retained = treated x (mean value lost per control customer - per treated customer); "
                + "value lost = value if churned, else 0):\n" + table.render()
        }
        return text
    }

    /// The numeric-only report as text: per cell the means and the Welch difference with its 95%
    /// interval, the p-values, the sample-ratio check.
    private func renderNumeric(_ report: NumericExperimentReport, column: String) -> String {
        var text = report.warnings.map { "WARNING: " + $0 + "\n" }.joined()
        text += "analysed \(report.join.matched) of \(report.join.assigned) assigned customers; numeric outcome \(column) (no binary outcome), "
            + "difference = arm mean - control mean (Welch 95%)\n\n"
        var cells = TextTable(
            headers: ["tier", "arm", "n", "mean", "control n", "control mean", "difference [95%]", "p", "p (Holm)"],
            alignments: [.left, .left, .right, .right, .right, .right, .left, .right, .right])
        for cell in report.cells {
            cells.append([cell.tier, cell.arm, String(cell.treatment.count), formatted(cell.treatment.mean), String(cell.control.count),
                          formatted(cell.control.mean), cell.comparison.map { withInterval($0.difference, $0.interval) } ?? "undefined",
                          formattedPValue(cell.comparison?.pValue ?? .nan), formattedPValue(cell.adjustedPValue)])
        }
        return text + cells.render() + "\n\n" + sampleRatioText(report.sampleRatio)
    }
}

/// The sample-ratio lines of `experiment analyze`.
private func sampleRatioText(_ tiers: [ExperimentReport.TierSampleRatio]) -> String {
    var text = "sample-ratio check (p >= 0.001 passes):\n"
    for tier in tiers {
        text += "  \(tier.tier): \(tier.check.observed.map(String.init).joined(separator: "/")), p \(formattedPValue(tier.check.pValue)) \(tier.check.passed ? "ok" : "MISMATCH")\n"
    }
    return text
}
