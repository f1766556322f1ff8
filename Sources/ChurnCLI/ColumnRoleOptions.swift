import ArgumentParser
import ChurnKit

/// `--id`, `--ignore` and `--features`: the column roles a user can impose on every command that
/// trains or segments (the rest is decided by `ColumnRoles`).
struct ColumnRoleOptions: ParsableArguments {
    @Option(help: "The customer id column, never a feature (default: detected, see README \"Column roles\").")
    var id: String?

    @Option(help: "Comma-separated columns not to use at all.")
    var ignore: String?

    @Option(help: "Comma-separated feature columns, exactly (default: every column that is not the target, the id, ignored, identifier-like or, for linear models, high-cardinality text).")
    var features: String?

    /// The ignored columns, in the order given.
    var ignoredColumns: [String] { columnList(ignore) ?? [] }

    /// The named features, or nil to let `ColumnRoles` decide.
    var featureColumns: [String]? { columnList(features) }
}

/// The names of a comma-separated list, trimmed, empty names dropped; nil for no list.
func columnList(_ text: String?) -> [String]? {
    text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
}
