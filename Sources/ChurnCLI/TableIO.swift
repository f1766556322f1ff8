import ChurnKit

/// Reads a CSV file into a table with schema inference (wired to the CSV reader when it lands).
func readTable(_ path: String) throws -> Table {
    throw TabularError.invalidArgument("CSV reading is not wired yet")
}
