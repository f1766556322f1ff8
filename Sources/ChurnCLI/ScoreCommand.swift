import ArgumentParser
import ChurnKit
import Foundation

/// `churn score MODEL.json FILE --out SCORES.csv`: churn probability and risk decile per customer.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score every customer of a CSV file with a saved model, streaming in bounded memory.",
        discussion: """
            Writes one row per customer, in input order: the id column (or the row number when the \
            file has no id column), churn_probability and risk_decile (1 = the 10% riskiest by the \
            training scores' cut points). With --reasons N, also reason_1 ... reason_N, the original \
            columns that raise this customer's risk most, with the customer's value (Contract=Month-to-month), \
            and each one's effect: reason_K_effect_logit for a logistic model (log-odds from the mean \
            training customer) or a boosted model (gbdt: log-odds from the expected margin, TreeSHAP), \
            reason_K_effect_probability for a tree or a forest (probability from the training rows' \
            expected probability, TreeSHAP). Only columns that raise the risk are listed; the rest \
            stay empty. The output file appears atomically when scoring succeeds.
            """
    )

    @Argument(help: "The model file written by `churn train`.")
    var model: String

    @Argument(help: "The CSV file of customers to score.")
    var file: String

    @Option(help: "Where to write the scores (CSV).")
    var out: String

    @OptionGroup var overwrite: OverwriteOptions

    @Option(help: "Rows read, encoded and scored at a time (memory grows with it).")
    var chunkRows: Int = 65_536

    @Option(help: "Add the N columns that raise each customer's risk most, with their effects (1 ... the model's columns).")
    var reasons: Int?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard chunkRows > 0 else { throw ValidationError("--chunk-rows must be positive, not \(chunkRows)") }
        if let reasons, reasons < 1 { throw ValidationError("--reasons must be at least 1, not \(reasons)") }
    }

    func run() throws {
        print(try makeOutput())
    }

    /// Scores the file, writes the output and returns the summary text or JSON.
    func makeOutput() throws -> String {
        try checkOutputs([("--out", out)], inputs: [model, file], force: overwrite.force)
        let start = Date()
        let pipeline = try FittedPipeline.load(from: model)
        let reader = try CSVChunkReader(fileAt: file, rowsPerChunk: chunkRows, schema: pipeline.schema)
        let idColumn = pipeline.idColumn.flatMap { id in reader.schema.column(named: id) == nil ? nil : id }
        let reasonHeader = try reasons.map { try reasonColumnNames(count: $0, pipeline: pipeline) } ?? []
        let writer = try CSVStreamWriter(
            fileAt: out, header: [idColumn ?? "row", "churn_probability", "risk_decile"] + reasonHeader)
        var summary = ScoreSummary(file: file, out: out)
        do {
            while let chunk = try reader.next() {
                let (scores, report) = try pipeline.probabilities(for: chunk)
                let deciles = scores.map(pipeline.riskDecile(of:))
                var rows = try scoreRows(chunk, idColumn: idColumn, firstRow: summary.rows, scores: scores, deciles: deciles)
                if let reasons {
                    rows = try Table(columns: rows.columns + reasonColumns(try pipeline.explain(chunk), count: reasons, names: reasonHeader))
                }
                try writer.append(rows)
                summary.add(scores: scores, deciles: deciles, unknownCategories: report.unknownCount)
                printError("scored \(summary.rows) rows (\(elapsed(since: start)))")
            }
            try writer.commit(replacing: overwrite.force)
        } catch {
            writer.abandon()
            throw error
        }
        if summary.unknownCategories > 0 {
            printError("warning: \(summary.unknownCategories) values are categories unseen in training (encoded as the reference level)")
        }
        switch output.format {
        case .json: return try jsonText(summary)
        case .text: return summary.text
        }
    }
}

/// The rows of a score file: the id (or 1-based row number), churn probability and risk decile.
/// - Parameters:
///   - chunk: the scored customers.
///   - idColumn: the id column of `chunk`, or nil to number rows from `firstRow + 1`.
///   - scores: churn probabilities, one per row.
///   - deciles: risk deciles, one per row.
func scoreRows(_ chunk: Table, idColumn id: String?, firstRow: Int, scores: [Double], deciles: [Int]) throws -> Table {
    try Table(columns: [
        try idColumn(of: chunk, named: id, firstRow: firstRow),
        Column(name: "churn_probability", numeric: scores),
        Column(name: "risk_decile", numeric: deciles.map(Double.init)),
    ])
}

/// The header of the reason columns: reason_K and reason_K_effect_UNIT for K in 1...count.
/// - Throws: `ValidationError` when `count` exceeds the model's columns, `PipelineError` for a
///   model that does not score churn.
func reasonColumnNames(count: Int, pipeline: FittedPipeline) throws -> [String] {
    guard let unit = pipeline.contributionUnit else {
        throw ValidationError("--reasons needs a model that explains its scores (logistic, tree, gbdt or forest); \(pipeline.model.kind) does not")
    }
    let columns = pipeline.encoder.requiredColumns.count
    guard count <= columns else {
        throw ValidationError("--reasons must be in 1...\(columns) (the model reads \(columns) columns), not \(count)")
    }
    return (1...count).flatMap { ["reason_\($0)", "reason_\($0)_effect_\(unit.rawValue)"] }
}

/// The reason columns of a chunk: each row's `count` strongest risk-raising columns and their
/// effects (empty cells when fewer columns raise the risk), named by `names`.
func reasonColumns(_ explanation: ScoreExplanation, count: Int, names: [String]) throws -> [Column] {
    let n = explanation.contributions.rows
    var labels = [[String?]](repeating: [String?](repeating: nil, count: n), count: count)
    var effects = [[Double]](repeating: [Double](repeating: .nan, count: n), count: count)
    for row in 0..<n {
        for (k, reason) in try explanation.reasons(row: row, count: count).enumerated() {
            labels[k][row] = reason.description
            effects[k][row] = reason.effect
        }
    }
    return (0..<count).flatMap { k in
        [Column(name: names[2 * k], labels: labels[k]), Column(name: names[2 * k + 1], numeric: effects[k])]
    }
}

/// The id column of an output file: the table's id column as text, or 1-based row numbers
/// (`row`) counted from `firstRow + 1` when there is none.
func idColumn(of table: Table, named name: String?, firstRow: Int) throws -> Column {
    guard let name else { return Column(name: "row", numeric: (0..<table.rowCount).map { Double(firstRow + $0 + 1) }) }
    let column = try table.column(named: name)
    return Column(name: name, labels: (0..<table.rowCount).map { column.text(at: $0) })
}

/// What `churn score` reports: rows scored, mean probability and customers per risk decile.
struct ScoreSummary: Encodable {
    let file: String
    let out: String
    private(set) var rows = 0
    private(set) var meanProbability = 0.0
    private(set) var customersPerDecile = [Int](repeating: 0, count: 10)
    private(set) var unknownCategories = 0

    init(file: String, out: String) {
        self.file = file
        self.out = out
    }

    /// Adds one chunk's scores.
    mutating func add(scores: [Double], deciles: [Int], unknownCategories unknown: Int) {
        let total = meanProbability * Double(rows) + scores.reduce(0, +)
        rows += scores.count
        meanProbability = rows == 0 ? 0 : total / Double(rows)
        for decile in deciles where (1...10).contains(decile) { customersPerDecile[decile - 1] += 1 }
        unknownCategories += unknown
    }

    var text: String {
        "scored \(rows) customers of \(file) into \(out); mean churn probability \(formatted(meanProbability))\n"
            + "customers per risk decile (1 = riskiest): "
            + customersPerDecile.map(String.init).joined(separator: ", ")
    }
}
