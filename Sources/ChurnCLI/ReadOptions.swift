import ArgumentParser
import ChurnKit

/// How a command that infers column kinds reads a CSV file: `--non-numeric-cells`, `--max-record-mb`.
struct ReadOptions: ParsableArguments {
    @Option(
        name: .customLong("non-numeric-cells"),
        help: ArgumentHelp(
            "What to do with a column that holds finite numbers but for a few cells (text, or infinite numbers such as "
                + "1e400; at most 1% of its non-missing cells and at most 100): fail, missing (read those cells as missing) "
                + "or category (read the column as labels).",
            valueName: "policy"))
    var nonNumericCells: NonNumericCellPolicy = .fail

    @Option(name: .customLong("max-record-mb"), help: ArgumentHelp("The longest record (row) read, in MiB.", valueName: "MiB"))
    var maxRecordMiB = 64

    func validate() throws {
        guard (1...(1 << 20)).contains(maxRecordMiB) else {
            throw ValidationError("--max-record-mb must be between 1 and 1048576 (MiB), not \(maxRecordMiB)")
        }
    }

    /// The reading options these flags ask for (column kinds left to inference).
    var csvOptions: CSVReadOptions {
        CSVReadOptions(nonNumericCells: nonNumericCells, maxRecordBytes: maxRecordMiB << 20)
    }
}

extension NonNumericCellPolicy: ExpressibleByArgument {}
