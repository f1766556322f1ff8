import ArgumentParser
import ChurnKit

/// `churn experiment analyze`: every tier × arm against its control, with economics.
struct ExperimentAnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Compare every tier and arm of an assignment with the same tier's control group.",
        discussion: """
            Joins OUTCOMES to the assignment by id (unmatched ids are counted and reported), then \
            prints per tier and arm: customers, events, rates, absolute and relative reduction with \
            95% intervals (Newcombe; log ratio), p-values (z or Fisher) with Holm adjustment, the \
            arms pooled across tiers (Cochran-Mantel-Haenszel), a sample-ratio check per tier, and \
            with --value-per-customer or --value-column the customers and value retained, cost and ROI. \
            For an experiment randomized elsewhere, give --arm-column and --control-label instead of \
            --assignment: the arms are read from the outcome file (one tier; designed shares equal, \
            or --designed-shares, control first, then arms in order of appearance).
            """)

    @Option(help: "Assignment file written by `churn experiment assign`.")
    var assignment: String?

    @Option(help: "Arm column of the outcome file (instead of --assignment).")
    var armColumn: String?

    @Option(help: "Control label of --arm-column.")
    var controlLabel: String?

    @Option(parsing: .upToNextOption, help: "Designed shares with --arm-column: control first, then arms in order of appearance.")
    var designedShares: [Double] = []

    @Option(help: "Outcome CSV.")
    var outcomes: String

    @Option(help: "Customer id column of the outcome file.")
    var idColumn = "id"

    @Option(help: "Binary outcome column (0/1 or yes/no), e.g. churned.")
    var outcomeColumn = "churned"

    @Option(help: "Optional numeric outcome column (e.g. spend), compared by Welch's t interval.")
    var numericColumn: String?

    @Option(help: "Optional column with each customer's value, for the economics.")
    var valueColumn: String?

    @Option(help: "One value for every retained customer, for the economics.")
    var valuePerCustomer: Double?

    @Option(parsing: .upToNextOption, help: "Action cost per treated customer, as ARM=COST (e.g. call=15).")
    var cost: [String] = []

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (assignment == nil) != (armColumn == nil) else { throw ValidationError("give exactly one of --assignment and --arm-column") }
        guard armColumn == nil || controlLabel != nil else { throw ValidationError("--arm-column needs --control-label") }
        guard valueColumn == nil || valuePerCustomer == nil else { throw ValidationError("give --value-column or --value-per-customer, not both") }
    }

    func run() throws { print(try makeOutput()) }

    /// The text or JSON printed.
    func makeOutput() throws -> String {
        var kinds: [String: ColumnKind] = [idColumn: .categorical]
        if let numericColumn { kinds[numericColumn] = .numeric }
        if let armColumn { kinds[armColumn] = .categorical }
        let table = try Table(csvAt: outcomes, options: CSVReadOptions(columnKinds: kinds))
        let ids = table.columnNames.contains(idColumn) || armColumn == nil
            ? try ExperimentColumns.texts(table, idColumn, file: outcomes) : (1...max(table.rowCount, 1)).prefix(table.rowCount).map(String.init)
        let design = try assignment.map { try AssignmentFile.read(from: $0).assignment } ?? (try armAssignment(table, ids: ids))
        let observed = try ExperimentOutcomes(
            ids: ids,
            events: try ExperimentColumns.flags(table, outcomeColumn, file: outcomes),
            numericOutcome: try numericColumn.map { try ExperimentColumns.numbers(table, $0, file: outcomes) },
            customerValue: try valueColumn.map { try ExperimentColumns.numbers(table, $0, file: outcomes) })
        let source: CustomerValueSource? = valueColumn != nil ? .fromOutcomes : valuePerCustomer.map { .perCustomer($0) }
        let report = try ExperimentAnalysis.analyze(
            assignment: design, outcomes: observed, customerValue: source, costPerCustomer: try parseNamedNumbers(cost, option: "--cost"))
        for warning in report.warnings { printError("warning: " + warning) }
        switch output.format {
        case .json: return try jsonText(report)
        case .text: return render(report)
        }
    }

    /// A one-tier assignment from the arm labels of the outcome file.
    private func armAssignment(_ table: Table, ids: [String]) throws -> Assignment {
        let labels = try ExperimentColumns.texts(table, armColumn ?? "", file: outcomes)
        let control = controlLabel ?? ""
        guard labels.contains(control) else { throw ValidationError("\(outcomes): no row has \(armColumn ?? "") = \"\(control)\"") }
        var arms: [String] = []
        for label in labels where label != control && !arms.contains(label) { arms.append(label) }
        let shares = designedShares.isEmpty ? [Double](repeating: 1 / Double(arms.count + 1), count: arms.count + 1) : designedShares
        guard shares.count == arms.count + 1 else {
            throw ValidationError("--designed-shares has \(shares.count) values for \(arms.count + 1) groups (\(([control] + arms).joined(separator: ", ")))")
        }
        let design = try ExperimentDesign(tierRule: .scoreThresholds([]), tiers: [
            TierDesign(name: "all", controlName: control, controlShare: shares[0],
                       arms: zip(arms, shares.dropFirst()).map { TreatmentArm(name: $0, share: $1) }),
        ])
        return try Assignment(design: design, ids: ids, tierNames: ids.map { _ in "all" }, groupNames: labels)
    }

    private func render(_ report: ExperimentReport) -> String {
        var text = report.warnings.map { "WARNING: " + $0 + "\n" }.joined()
        text += "analysed \(report.join.matched) of \(report.join.assigned) assigned customers\n\n"
        var cells = TextTable(
            headers: ["tier", "arm", "treated", "rate", "control", "rate", "abs. reduction [95%]", "rel. reduction [95%]", "p", "p (Holm)", "test"],
            alignments: [.left, .left, .right, .right, .right, .right, .left, .left, .right, .right, .left])
        for cell in report.cells {
            let c = cell.comparison
            cells.append([cell.tier, cell.arm, String(c.treatment.total), formatted(c.treatmentRate), String(c.control.total), formatted(c.controlRate),
                          withInterval(c.absoluteReduction, c.absoluteReductionInterval), withInterval(c.relativeReduction, c.relativeReductionInterval),
                          formattedPValue(c.pValue), formattedPValue(cell.adjustedPValue), c.testMethod == .fisherExact ? "Fisher" : "z"])
        }
        text += cells.render()
        text += "\n\npooled across tiers (Mantel-Haenszel):\n"
        for arm in report.pooled {
            text += "  \(arm.arm): relative reduction \(withInterval(arm.result.relativeReduction, arm.result.relativeReductionInterval)), p \(formattedPValue(arm.result.pValue))\n"
        }
        text += "sample-ratio check (p >= 0.001 passes):\n"
        for tier in report.sampleRatio {
            text += "  \(tier.tier): \(tier.check.observed.map(String.init).joined(separator: "/")), p \(formattedPValue(tier.check.pValue)) \(tier.check.passed ? "ok" : "MISMATCH")\n"
        }
        let numeric = report.cells.compactMap { cell in cell.numericOutcome.map { (cell, $0) } }
        if !numeric.isEmpty {
            text += "numeric outcome, difference in means (Welch 95%):\n"
            for (cell, welch) in numeric { text += "  \(cell.tier) \(cell.arm): \(withInterval(welch.difference, welch.interval)), p \(formattedPValue(welch.pValue))\n" }
        }
        let money = report.cells.compactMap { cell in cell.economics.map { (cell, $0) } }
        if !money.isEmpty {
            var table = TextTable(headers: ["tier", "arm", "retained [95%]", "value retained", "cost", "net", "ROI"],
                                  alignments: [.left, .left, .left, .right, .right, .right, .right])
            for (cell, e) in money {
                table.append([cell.tier, cell.arm, withInterval(e.customersRetained, e.customersRetainedInterval), formatted(e.valueRetained),
                              formatted(e.actionCost), formatted(e.netValue), e.returnOnInvestment.map { formatted($0) } ?? "-"])
            }
            text += "economics:\n" + table.render()
        }
        return text
    }
}
