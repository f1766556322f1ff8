import ChurnKit
import Foundation

/// Comparison tasks of the Tabular module, by name.
let tabularTasks: [String: CompareTask] = [
    // `csv.read PATH`: reads a CSV file into a Table with schema inference.
    "csv.read": { arguments in
        guard let path = arguments.first else { throw CompareUsageError(description: "csv.read PATH") }
        let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.doubleValue ?? 0
        let (table, seconds) = try timed { try Table(csvAt: path) }
        return CompareResult(seconds: seconds, extra: [
            "MBps": (bytes / seconds / 1e6 * 10).rounded() / 10,
            "rows": table.rowCount, "columns": table.columns.count,
        ])
    },
]
