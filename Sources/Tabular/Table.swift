/// An in-memory table of named, typed columns of equal length: one row per customer.
///
/// `Table` is an immutable value (`Sendable`), produced by the CSV reader or built from columns.
public struct Table: Sendable, Equatable {
    /// The columns, in file order.
    public let columns: [Column]
    /// Number of rows.
    public let rowCount: Int

    /// Creates a table from columns of equal length with distinct names.
    /// - Throws: `TabularError.duplicateColumn` or `TabularError.lengthMismatch`.
    /// - Complexity: O(columns).
    public init(columns: [Column]) throws(TabularError) {
        var seen = Set<String>()
        for column in columns where !seen.insert(column.name).inserted {
            throw .duplicateColumn(name: column.name)
        }
        let count = columns.first?.count ?? 0
        if let odd = columns.first(where: { $0.count != count }) {
            throw .lengthMismatch(name: odd.name, count: odd.count, expected: count)
        }
        self.columns = columns
        self.rowCount = count
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column called `name`.
    /// - Throws: `TabularError.missingColumn`, listing the columns that exist.
    /// - Complexity: O(columns).
    public func column(named name: String) throws(TabularError) -> Column {
        guard let column = columns.first(where: { $0.name == name }) else {
            throw .missingColumn(name: name, available: columnNames)
        }
        return column
    }

    /// The rows `indices`, in that order.
    /// - Complexity: O(indices.count * columns).
    public func selecting(rows indices: [Int]) -> Table {
        let picked = columns.map { $0.selecting(rows: indices) }
        return Table(unchecked: picked, rowCount: indices.count)
    }

    /// The table without the columns named in `names` (names that do not exist are ignored).
    public func dropping(columns names: Set<String>) -> Table {
        Table(unchecked: columns.filter { !names.contains($0.name) }, rowCount: rowCount)
    }

    /// Internal initializer for columns already known to be consistent.
    init(unchecked columns: [Column], rowCount: Int) {
        self.columns = columns
        self.rowCount = rowCount
    }
}
