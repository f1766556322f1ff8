import ChurnKit

/// Comparison tasks of the LinearAlgebra module, by name.
let linearAlgebraTasks: [String: CompareTask] = [:]
