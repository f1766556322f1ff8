import ArgumentParser
import ChurnKit

/// `churn inspect FILE`: rows, columns, kinds, missing and distinct counts, and summaries.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe the columns of a customer CSV file.",
        discussion: """
            Prints every column's inferred kind (numeric, categorical, boolean), its missing and \
            distinct counts, and a summary: min / mean / max, or the most frequent levels. With \
            --target, also the class balance of that column.
            """
    )

    @Argument(help: "The CSV file to read (RFC 4180, with a header row).")
    var file: String

    @Option(help: "A label column whose class balance to report (e.g. Churn).")
    var target: String?

    @OptionGroup(title: "Reading") var reading: ReadOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        print(try makeOutput())
    }

    /// The text or JSON this command prints.
    func makeOutput() throws -> String {
        let table = try readTable(file, options: reading.csvOptions)
        let summary = try TableSummary(table, target: target)
        switch output.format {
        case .json: return try jsonText(InspectReport(file: file, summary: summary))
        case .text: return render(summary)
        }
    }

    private func render(_ summary: TableSummary) -> String {
        var text = "\(file): \(summary.rows) rows, \(summary.columns.count) columns\n\n"
        var table = TextTable(
            headers: ["column", "kind", "missing", "distinct", "summary"],
            alignments: [.left, .left, .right, .right, .left])
        for column in summary.columns {
            table.append([column.name, column.kind.rawValue, String(column.missing), String(column.distinct),
                          describe(column)])
        }
        text += table.render()
        if let balance = summary.target {
            text += "\n\ntarget \"\(balance.column)\": "
            let present = balance.classes.reduce(0) { $0 + $1.count }
            text += balance.classes.map { "\($0.label) \($0.count) (\(formatted(100 * Double($0.count) / Double(max(present, 1)), digits: 4))%)" }
                .joined(separator: ", ")
            if balance.missing > 0 { text += ", missing \(balance.missing)" }
            if let rate = balance.positiveRate { text += "; rate \(formatted(rate, digits: 4))" }
        }
        return text
    }

    private func describe(_ column: ColumnSummary) -> String {
        if let min = column.min, let mean = column.mean, let max = column.max {
            return "min \(formatted(min)), mean \(formatted(mean)), max \(formatted(max))"
        }
        guard let top = column.top, !top.isEmpty else { return "" }
        let shown = top.prefix(3).map { "\($0.label) (\($0.count))" }.joined(separator: ", ")
        return column.distinct > 3 ? shown + ", ..." : shown
    }
}

/// The JSON of `churn inspect`: the file name and its summary (`rows`, `columns`, `target`).
private struct InspectReport: Encodable {
    let file: String
    let summary: TableSummary

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(file, forKey: .file)
    }

    private enum Key: String, CodingKey { case file }
}
