import ArgumentParser
import ChurnKit

/// `churn segment assign MODEL.json FILE --out SEGMENTS.csv`: the segment of every customer under a
/// saved segmentation.
struct SegmentAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign customers to the segments of a saved segmentation (`churn segment --model-out`).",
        discussion: """
            Encodes FILE as the segmentation was trained (same standardization and imputation) and \
            writes one row per customer, in input order: the id (--id, default the model's id \
            column; row numbers when FILE has neither) and segment, the nearest centroid. The output \
            has the columns of `churn segment --out`, appears atomically and never replaces an \
            input or, without --force, an existing file.
            """)

    @Argument(help: "The segmentation model written by `churn segment --model-out`.")
    var model: String

    @Argument(help: "The CSV file of customers to assign.")
    var file: String

    @Option(help: "Customer id column (default: the model's id column).")
    var id: String?

    @Option(help: "Where to write id, segment (CSV).")
    var out: String

    @OptionGroup var overwrite: OverwriteOptions

    @OptionGroup var output: OutputOptions

    func run() throws { print(try makeOutput()) }

    /// Assigns, writes OUT and returns the summary.
    func makeOutput() throws -> String {
        try checkOutputs([("--out", out)], inputs: [model, file], force: overwrite.force)
        let pipeline = try FittedPipeline.load(from: model)
        let table = try readTable(file, schema: pipeline.schema)
        let segments = try pipeline.segments(for: table)
        let name = (id ?? pipeline.idColumn).flatMap { table.columnNames.contains($0) ? $0 : nil }
        if let id, name == nil { throw ValidationError("\(file) has no column \"\(id)\" (--id); columns: \(table.columnNames.joined(separator: ", "))") }
        try CSVWriter.write(
            try Table(columns: [try idColumn(of: table, named: name, firstRow: 0), Column(name: "segment", numeric: segments.map(Double.init))]),
            toFileAt: out, replacing: overwrite.force)
        var counts: [Int: Int] = [:]
        for segment in segments { counts[segment, default: 0] += 1 }
        let result = SegmentAssignResult(
            rows: table.rowCount, segments: counts.keys.sorted().map { .init(segment: $0, customers: counts[$0] ?? 0) }, out: out)
        switch output.format {
        case .json: return try jsonText(result)
        case .text:
            return "assigned \(result.rows) customers of \(file) into \(out); customers per segment: "
                + counts.keys.sorted().map { "\($0): \(counts[$0] ?? 0)" }.joined(separator: ", ")
        }
    }
}

/// The JSON of `churn segment assign`.
private struct SegmentAssignResult: Encodable {
    /// Customers assigned to one segment.
    struct Segment: Encodable { let segment: Int, customers: Int }
    let rows: Int
    let segments: [Segment]
    let out: String
}
