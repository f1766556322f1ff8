import ArgumentParser
import ChurnKit

/// `churn target SCORES.csv [MORE.csv ...] --cost X --out LIST.csv`: the contact list of a retention
/// campaign from churn and/or uplift scores and economics (`TargetingPlan`).
struct TargetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target",
        abstract: "Choose whom to contact: the contact list for maximum expected net value or for a budget, with what it should keep.",
        discussion: """
            Reads the scores of `churn score` (churn_probability) and/or `churn uplift score` \
            (uplift, the retention uplift of a --churn-outcome model); further files, such as the \
            customer file holding a value column, are joined on --id (every id of the first file \
            must be in each). The effect of a contact on a customer is the uplift, or without one \
            the churn probability times --save-rate. A customer is worth contacting when value x \
            effect exceeds --cost; the list holds every such customer, most valuable first, or at \
            most --contacts N or --budget / --cost of them. Prints the expected customers and \
            value retained with 95% prediction intervals (if the scores are right; each contacted \
            customer is kept with probability equal to its effect, independently: a sum of \
            Bernoulli variances), cost, net value and ROI, and the same number of contacts chosen \
            by uplift, by churn risk and at random. Writes LIST.csv (id, rank, scores, value, \
            expected_effect, expected_value_retained, expected_net_value) atomically, never over \
            an input or, without --force, an existing file.
            """)

    @Argument(help: "Score CSV files: `churn score` and/or `churn uplift score` outputs, and optionally the customer file with the values.")
    var files: [String]

    @Option(help: "Customer id column (default: id when the first file has it, else its first column, as `churn score` writes it).")
    var id: String?

    @Option(help: "Churn probability column (default: churn_probability when a file has it).")
    var risk: String?

    @Option(help: "Uplift column, the reduction of the churn probability if contacted (default: uplift when a file has it).")
    var uplift: String?

    @Option(help: "Relative reduction of a contacted customer's churn probability, in [0, 1] (needed without uplift scores; AXA's 9% is 0.09).")
    var saveRate: Double?

    @Option(help: "Column holding the value of keeping each customer (e.g. premium).")
    var value: String?

    @Option(help: "One value of keeping a customer, for every customer.")
    var valuePerCustomer: Double?

    @Option(help: "Cost of one contact.")
    var cost: Double

    @Option(help: "Money to spend: at most budget / cost contacts.")
    var budget: Double?

    @Option(help: "At most this many contacts.")
    var contacts: Int?

    @Option(help: "Contact list to write (CSV, best first).")
    var out: String

    @OptionGroup var overwrite: OverwriteOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give the score file (SCORES.csv)") }
        guard (value == nil) != (valuePerCustomer == nil) else {
            throw ValidationError("give --value COL or --value-per-customer X (what keeping a customer is worth), exactly one")
        }
        guard budget == nil || contacts == nil else { throw ValidationError("give --budget or --contacts, not both") }
    }

    func run() throws { print(try makeOutput()) }

    /// Reads the files, plans, writes the list and returns what is printed.
    func makeOutput() throws -> String {
        try checkOutputs([("--out", out)], inputs: files, force: overwrite.force)
        let header = try csvHeader(files[0])
        let idColumn = id ?? (header.contains("id") ? "id" : header.first ?? "id")
        let joined = try JoinedColumns(files: files, idColumn: idColumn)
        let riskColumn = risk ?? (joined.has("churn_probability") ? "churn_probability" : nil)
        let upliftColumn = uplift ?? (joined.has("uplift") ? "uplift" : nil)
        guard riskColumn != nil || upliftColumn != nil else {
            throw ValidationError("no churn_probability or uplift column in \(files.joined(separator: ", ")); name one with --risk or --uplift")
        }
        if upliftColumn == nil, saveRate == nil {
            throw ValidationError("no uplift column, so the effect of a contact is churn probability x --save-rate: give --save-rate R (0.09 for a 9% relative reduction)")
        }
        if let upliftColumn, saveRate != nil {
            throw ValidationError("--save-rate applies only without uplift scores; the uplift column \"\(upliftColumn)\" is the effect of a contact")
        }
        let riskScores = try riskColumn.map { try joined.numbers($0) }
        let upliftScores = try upliftColumn.map { try joined.numbers($0) }
        let values = try value.map { try joined.numbers($0) } ?? Array(repeating: valuePerCustomer ?? 0, count: joined.ids.count)
        let cap: TargetingPlan.Budget = budget.map { .money($0) } ?? contacts.map { .contacts($0) } ?? .maximumNetValue
        let plan = try TargetingPlan(
            risk: riskScores, uplift: upliftScores, saveRate: saveRate, values: values, costPerContact: cost, budget: cap)

        let rows = plan.contacts
        var columns = [Column(name: idColumn, labels: rows.map { joined.ids[$0] }),
                       Column(name: "rank", numeric: rows.indices.map { Double($0 + 1) })]
        if let riskColumn, let riskScores { columns.append(Column(name: riskColumn, numeric: rows.map { riskScores[$0] })) }
        if let upliftColumn, let upliftScores { columns.append(Column(name: upliftColumn, numeric: rows.map { upliftScores[$0] })) }
        columns += [
            Column(name: value ?? "value", numeric: rows.map { values[$0] }),
            Column(name: "expected_effect", numeric: rows.map { plan.expectedEffect[$0] }),
            Column(name: "expected_value_retained", numeric: rows.map { plan.expectedGain[$0] }),
            Column(name: "expected_net_value", numeric: rows.map { plan.expectedGain[$0] - cost }),
        ]
        try CSVWriter.write(try Table(columns: columns), toFileAt: out, replacing: overwrite.force)
        let effect = upliftColumn.map { "the uplift column \"\($0)\"" }
            ?? "\(riskColumn ?? "") x save rate \(saveRate.map { String($0) } ?? "-")"
        switch output.format {
        case .json: return try jsonText(TargetResult(plan: plan, customers: joined.ids.count, effect: effect, out: out))
        case .text: return render(plan, customers: joined.ids.count, effect: effect)
        }
    }

    private func render(_ plan: TargetingPlan, customers: Int, effect: String) -> String {
        let e = plan.expected
        var text = "read \(customers) customers of \(files.joined(separator: " + ")); effect of a contact: \(effect); "
            + "\(plan.worthContacting) customers are expected to return more than a contact costs (\(formatted(cost)))\n"
        if let allowed = plan.budgetContacts {
            text += "the budget allows \(allowed) contacts"
            text += allowed > e.contacts ? "; only \(e.contacts) are worth making, \(allowed - e.contacts) are left unused\n" : "\n"
        }
        text += "contact list: \(e.contacts) customers, most valuable first, in \(out)\n"
        text += "expected customers retained \(withInterval(e.customersRetained, e.customersRetainedInterval, digits: 5)), "
            + "value retained \(withInterval(e.valueRetained, e.valueRetainedInterval, digits: 6)), cost \(formatted(e.cost, digits: 6)), "
            + "net value \(withInterval(e.netValue, e.netValueInterval, digits: 6))"
            + (e.returnOnInvestment.map { ", ROI \(formatted($0, digits: 3))" } ?? "") + "\n"
        text += "(95% prediction intervals if the scores are right: each contacted customer is kept with probability equal to its "
            + "expected effect, independently; the scores' own error is not included: measure it with a control group, `churn experiment design`)\n\n"
        text += "the same \(e.contacts) contacts chosen another way (expected figures, same effects):\n"
        var table = TextTable(headers: ["chosen by", "customers retained", "value retained", "net value", "ROI"],
                              alignments: [.left, .right, .right, .right, .right])
        for alternative in plan.alternatives {
            let a = alternative.expectation
            table.append([ruleName(alternative.rule), formatted(a.customersRetained, digits: 5), formatted(a.valueRetained, digits: 6),
                          formatted(a.netValue, digits: 6), a.returnOnInvestment.map { formatted($0, digits: 3) } ?? "-"])
        }
        return text + table.render()
    }
}

/// The text name of a targeting rule.
private func ruleName(_ rule: TargetingPlan.Rule) -> String {
    switch rule {
    case .expectedNetValue: "expected net value (this list)"
    case .uplift: "uplift"
    case .risk: "churn risk"
    case .random: "at random"
    }
}

/// Columns of several CSV files aligned on the first file's ids.
private struct JoinedColumns {
    /// The first file's ids, in its order.
    let ids: [String]
    private let tables: [(file: String, table: Table, rows: [Int])]

    /// Reads every file and maps the first file's ids to each file's rows.
    /// - Throws: `ValidationError` for a missing id column, a duplicate id, or an id of the first
    ///   file that another file lacks.
    init(files: [String], idColumn: String) throws {
        var tables: [(String, Table, [Int])] = []
        var firstIDs: [String] = []
        for (f, file) in files.enumerated() {
            let table = try readTable(file, schema: CSVSchema(columns: [CSVColumnSpec(name: idColumn, kind: .categorical)]))
            guard table.columnNames.contains(idColumn) else {
                throw ValidationError("\(file) has no id column \"\(idColumn)\" (columns: \(table.columnNames.prefix(8).joined(separator: ", "))); name it with --id")
            }
            let ids = try ExperimentColumns.texts(table, idColumn, file: file)
            var index: [String: Int] = [:]
            index.reserveCapacity(ids.count)
            for (row, id) in ids.enumerated() {
                if let first = index[id] { throw ValidationError("\(file): id \"\(id)\" is on data rows \(first + 1) and \(row + 1)") }
                index[id] = row
            }
            if f == 0 { firstIDs = ids }
            let rows = try firstIDs.map { id in
                guard let row = index[id] else { throw ValidationError("\(file) has no row with \(idColumn) \"\(id)\" (from \(files[0]))") }
                return row
            }
            tables.append((file, table, rows))
        }
        ids = firstIDs
        self.tables = tables
    }

    /// Whether some file has the column.
    func has(_ name: String) -> Bool { tables.contains { $0.table.columnNames.contains(name) } }

    /// The numeric column `name` of the first file that has it, in the first file's order.
    /// - Throws: `ValidationError` naming the files when no file has it, or its bad value.
    func numbers(_ name: String) throws -> [Double] {
        guard let source = tables.first(where: { $0.table.columnNames.contains(name) }) else {
            throw ValidationError("no column \"\(name)\" in \(tables.map(\.file).joined(separator: ", "))")
        }
        let values = try ExperimentColumns.numbers(source.table, name, file: source.file)
        return source.rows.map { values[$0] }
    }
}

/// The JSON of `churn target`.
private struct TargetResult: Encodable {
    let customers: Int
    let effect: String
    let costPerContact: Double
    let budgetContacts: Int?
    let worthContacting: Int
    let expected: TargetingPlan.Expectation
    let confidence: Double
    let intervalMethod = "prediction interval: mean +- z sd, variance the sum over contacts of |e|(1-|e|) (value: v^2 |e|(1-|e|))"
    let alternatives: [TargetingPlan.Alternative]
    let out: String

    init(plan: TargetingPlan, customers: Int, effect: String, out: String) {
        self.customers = customers
        self.effect = effect
        costPerContact = plan.costPerContact
        budgetContacts = plan.budgetContacts
        worthContacting = plan.worthContacting
        expected = plan.expected
        confidence = plan.confidence
        alternatives = plan.alternatives
        self.out = out
    }
}
