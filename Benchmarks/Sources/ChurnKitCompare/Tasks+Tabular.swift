import ChurnKit

/// Comparison tasks of the Tabular module, by name.
let tabularTasks: [String: CompareTask] = [:]
