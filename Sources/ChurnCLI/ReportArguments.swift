/// The column-role options as `churn` arguments again, for the commands a report notebook runs.
extension ColumnRoleOptions {
    /// `--id`, `--ignore` and `--features` as given (absent options omitted).
    var arguments: [String] {
        givenOptions([("--id", id), ("--ignore", ignore), ("--features", features)])
    }

    /// The columns these options name, with the option naming each (for `requireColumns`).
    var namedColumns: [(option: String, name: String?)] {
        [("--id", id)] + ignoredColumns.map { ("--ignore", $0) } + (featureColumns ?? []).map { ("--features", $0) }
    }
}

/// The purchase-log options as `churn` arguments again, for the commands a report notebook runs.
extension PurchaseLogOptions {
    /// `--customer`, `--date`, `--amount` and `--whitespace` as given (absent options omitted).
    var arguments: [String] {
        givenOptions([("--customer", customer), ("--date", date), ("--amount", amount)])
            + (whitespace ? ["--whitespace"] : [])
    }
}

/// `option value` for each option that has a value, in order (absent options omitted).
func givenOptions(_ options: [(option: String, value: String?)]) -> [String] {
    options.flatMap { option, value in value.map { [option, $0] } ?? [] }
}
