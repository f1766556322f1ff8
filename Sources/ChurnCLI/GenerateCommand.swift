import ArgumentParser
import ChurnKit

/// `churn generate`: write the synthetic telecom customer file (the bundled data set).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic telecom customer CSV whose churn follows a known model.",
        discussion: "The true model and every distribution are documented in datasets/README.md.")

    @Option(help: "Number of customers.")
    var rows: Int = 5_000

    @Option(help: "Seed; the same seed gives the same bytes on every machine.")
    var seed: UInt64 = 2026

    @Option(help: "Where to write the CSV.")
    var out: String

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        try InputLimits.count(rows, name: "--rows", in: 1...Int.max)
        try InputLimits.elements([rows], bytesEach: SyntheticTelecomCustomers.bytesPerRow, name: "--rows", what: "\(rows) customers")
    }

    func run() throws {
        try checkOutputs([("--out", out)], inputs: [], force: force)
        let table = try SyntheticTelecomCustomers(rowCount: rows, seed: seed).makeTable()
        try CSVWriter.write(table, toFileAt: out, replacing: force)
        printError("wrote \(rows) customers to \(out)")
    }
}
