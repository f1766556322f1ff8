// Covariates for a Cox model from table columns.
//
// Numeric columns enter as they are; boolean columns as 1 for their true label (Yes, True, 1)
// and 0 otherwise; categorical columns as one indicator per level except the first in order of
// appearance (the reference), named "column=level". A missing value is an error naming its line.

import LinearAlgebra
import Tabular

/// A covariate matrix with its column names.
public struct CovariateDesign: Sendable, Equatable {
    /// The n × p covariates.
    public var matrix: Matrix
    /// The p names ("column" or "column=level").
    public var names: [String]
    /// The reference level of each categorical column, by column name.
    public var referenceLevels: [String: String]

    /// Builds the covariates from named columns.
    /// - Parameters:
    ///   - table: The table.
    ///   - columns: The covariate columns.
    ///   - file: The file name used in messages.
    /// - Throws: `SurvivalError.missingColumn`, `.invalidCovariate` for a missing value (naming
    ///   line and column), `.unusableCovariate` for a categorical column with one level.
    /// - Complexity: O(n · p).
    public init(table: Table, columns: [String], file: String) throws(SurvivalError) {
        let n = table.rowCount
        var blocks: [[Double]] = []
        var names: [String] = []
        var references: [String: String] = [:]
        for name in columns {
            let column = try SurvivalData.column(table, name, file)
            switch column.values {
            case .numeric(let values):
                if let bad = values.firstIndex(where: { !$0.isFinite }) {
                    throw .invalidCovariate(file: file, line: bad + 2, column: name, value: column.text(at: bad) ?? "")
                }
                blocks.append(values)
                names.append(name)
            case .boolean(let values, _, _):
                if let bad = values.firstIndex(where: { $0 == nil }) {
                    throw .invalidCovariate(file: file, line: bad + 2, column: name, value: "")
                }
                blocks.append(values.map { $0 == true ? 1 : 0 })
                names.append(name)
            case .categorical(let codes, let levels):
                if let bad = codes.firstIndex(where: { $0 < 0 }) {
                    throw .invalidCovariate(file: file, line: bad + 2, column: name, value: "")
                }
                guard levels.count >= 2 else {
                    throw .unusableCovariate("covariate \"\(name)\" has a single level \"\(levels.first ?? "")\"; it cannot enter the model")
                }
                references[name] = levels[0]
                for level in 1..<levels.count {
                    blocks.append(codes.map { Int($0) == level ? 1 : 0 })
                    names.append("\(name)=\(levels[level])")
                }
            }
        }
        var values = [Double](repeating: 0, count: n * blocks.count)
        for (j, block) in blocks.enumerated() { for i in 0..<n { values[i * blocks.count + j] = block[i] } }
        do { matrix = try Matrix(rows: n, columns: blocks.count, values: values) } catch {
            throw .invalidInput("covariates: \(error)")
        }
        self.names = names
        self.referenceLevels = references
    }
}
