import Tabular

/// Which column is the churn label and which of its labels means "churned".
public struct TargetSpecification: Sendable, Codable, Equatable {
    /// The label column.
    public let column: String
    /// The label counted as positive (churned), as written in the data.
    public let positiveLabel: String
    /// The other label(s), as written in the data.
    public let negativeLabels: [String]

    /// Resolves the positive label of `column` in `table`.
    ///
    /// A boolean-like column (Yes/No, True/False, 1/0) is positive on its true label unless
    /// `positiveLabel` names the other; a categorical column with two labels needs `positiveLabel`
    /// unless one label reads as positive (Yes, True, 1, Churned...) — it is then chosen; a
    /// column with more labels always needs it, and every other label counts as negative.
    /// - Throws: `TabularError.missingColumn`, or `PipelineError` for a target without values, a
    ///   single class, a numeric target, an ambiguous or unknown positive label.
    public init(table: Table, column: String, positiveLabel: String? = nil) throws {
        let target = try table.column(named: column)
        let labels: [String]
        var defaultPositive: String?
        switch target.values {
        case .numeric(let values):
            throw values.allSatisfy(\.isNaN) ? PipelineError.emptyTarget(column: column) : PipelineError.numericTarget(column: column)
        case .boolean(let values, let trueLabel, let falseLabel):
            let present = Set(values.compactMap { $0 })
            labels = [trueLabel, falseLabel].filter { present.contains($0 == trueLabel) }
            defaultPositive = trueLabel
        case .categorical(let codes, let levels):
            var used = [Bool](repeating: false, count: levels.count)
            for code in codes where code >= 0 { used[Int(code)] = true }
            labels = zip(levels, used).filter(\.1).map(\.0)
            let positiveWords: Set<String> = ["yes", "true", "1", "churn", "churned", "left", "cancelled", "canceled"]
            let candidates = labels.filter { positiveWords.contains($0.lowercased()) }
            if labels.count == 2, candidates.count == 1 { defaultPositive = candidates[0] }
        }
        if labels.isEmpty { throw PipelineError.emptyTarget(column: column) }
        guard labels.count >= 2 else {
            throw PipelineError.singleClassTarget(column: column, label: labels.first ?? "")
        }
        if let positiveLabel {
            guard labels.contains(positiveLabel) else {
                throw PipelineError.unknownPositiveLabel(column: column, label: positiveLabel, labels: labels)
            }
            self.positiveLabel = positiveLabel
        } else if let defaultPositive {
            self.positiveLabel = defaultPositive
        } else {
            throw PipelineError.positiveLabelRequired(column: column, labels: labels)
        }
        let positive = self.positiveLabel
        self.column = column
        self.negativeLabels = labels.filter { $0 != positive }
    }

    /// The labels of `table` as booleans (true = positive) and the rows whose label is missing.
    /// - Throws: `TabularError.missingColumn` when the column is absent.
    /// - Complexity: O(n).
    public func labels(in table: Table) throws -> (labels: [Bool], missingRows: [Int]) {
        let target = try table.column(named: column)
        var labels = [Bool](repeating: false, count: table.rowCount)
        var missing: [Int] = []
        for row in 0..<table.rowCount {
            if let text = target.text(at: row) {
                labels[row] = text == positiveLabel
            } else {
                missing.append(row)
            }
        }
        return (labels, missing)
    }

    /// The rows of `table` that have a label, with their labels, and how many rows were left out.
    /// - Throws: `TabularError.missingColumn` when the column is absent.
    /// - Complexity: O(n * columns) when rows are left out, O(n) otherwise.
    public func labeledRows(of table: Table) throws -> (table: Table, labels: [Bool], unlabeled: Int) {
        let (labels, missing) = try labels(in: table)
        guard !missing.isEmpty else { return (table, labels, 0) }
        let left = Set(missing)
        let kept = (0..<table.rowCount).filter { !left.contains($0) }
        return (table.selecting(rows: kept), kept.map { labels[$0] }, missing.count)
    }
}
