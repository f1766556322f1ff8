import ArgumentParser
import ChurnKit

/// `churn uplift score UPLIFT.json FILE --out UPLIFT-SCORES.csv`: the predicted effect of the
/// action for every customer.
struct ExperimentUpliftScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score customers with a saved uplift model: uplift and, for two-model, the treated and control probabilities.",
        discussion: """
            Writes one row per customer, in input order: the id (--id, or the row number when FILE \
            has no such column), uplift (the change in the probability of the model's desired \
            response if treated: the outcome, or retention for a --churn-outcome model), and for a \
            two-model learner treated_probability and control_probability (uplift = treated - \
            control). The output appears atomically and never replaces an input or, without \
            --force, an existing file. The file is a valid input of `churn target` (its default --uplift column).
            """)

    @Argument(help: "The uplift model file written by `churn uplift train`.")
    var model: String

    @Argument(help: "The CSV file of customers to score.")
    var file: String

    @Option(help: "Customer id column copied to the output (row numbers when FILE has no such column).")
    var id = "id"

    @Option(help: "Where to write the uplift scores (CSV).")
    var out: String

    @OptionGroup var overwrite: OverwriteOptions

    @OptionGroup var output: OutputOptions

    func run() throws { print(try makeOutput()) }

    /// Scores FILE, writes OUT and returns the summary.
    func makeOutput() throws -> String {
        try checkOutputs([("--out", out)], inputs: [model, file], force: overwrite.force)
        let uplift = try FittedUpliftModel.load(from: model)
        let table = try readTable(file, schema: uplift.schema)
        let scores = try uplift.predictResponses(table)
        var columns = [try idColumn(of: table, named: table.columnNames.contains(id) ? id : nil, firstRow: 0),
                       Column(name: "uplift", numeric: scores.uplift)]
        if let treated = scores.treated, let control = scores.control {
            columns += [Column(name: "treated_probability", numeric: treated), Column(name: "control_probability", numeric: control)]
        }
        try CSVWriter.write(try Table(columns: columns), toFileAt: out, replacing: overwrite.force)
        let positive = scores.uplift.filter { $0 > 0 }.count
        let mean = scores.uplift.isEmpty ? Double.nan : scores.uplift.reduce(0, +) / Double(scores.uplift.count)
        let result = UpliftScoreResult(rows: table.rowCount, meanUplift: JSONNumber(mean), positiveUplift: positive, out: out)
        switch output.format {
        case .json: return try jsonText(result)
        case .text:
            return "scored \(result.rows) customers of \(file) into \(out); mean predicted uplift \(formatted(mean)); "
                + "\(positive) customers (\(percent(Double(positive) / Double(max(result.rows, 1))))) have a positive predicted uplift"
        }
    }
}

/// The JSON of `churn uplift score`.
private struct UpliftScoreResult: Encodable {
    let rows: Int
    let meanUplift: JSONNumber
    let positiveUplift: Int
    let out: String
}
