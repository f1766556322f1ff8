/// A dense matrix of `Double` in contiguous row-major (C order) storage.
///
/// `Matrix` is a value type with copy-on-write storage, so a fitted model can hold one and be
/// shared across threads. Element `(i, j)` lives at `storage[i * columns + j]`, the layout that
/// CBLAS calls `CblasRowMajor` and LAPACKE calls `LAPACK_ROW_MAJOR`.
public struct Matrix: Sendable, Equatable, Hashable, Codable {
    /// Number of rows (n).
    public let rows: Int
    /// Number of columns (d).
    public let columns: Int
    /// The elements in row-major order; `storage.count == rows * columns`.
    public internal(set) var storage: [Double]

    /// Creates a `rows x columns` matrix filled with `value`.
    /// - Throws: `LinearAlgebraError.invalidShape` when a dimension is negative.
    /// - Complexity: O(rows * columns).
    public init(rows: Int, columns: Int, repeating value: Double = 0) throws(LinearAlgebraError) {
        guard rows >= 0, columns >= 0 else {
            throw .invalidShape("a matrix cannot have \(rows) rows and \(columns) columns")
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow else {
            throw .invalidShape("\(rows) x \(columns) elements overflow the address space")
        }
        self.rows = rows
        self.columns = columns
        self.storage = [Double](repeating: value, count: count)
    }

    /// Creates a matrix from row-major `values`.
    /// - Throws: `LinearAlgebraError.invalidShape` when `values.count != rows * columns`.
    /// - Complexity: O(1) (the array is adopted, not copied).
    public init(rows: Int, columns: Int, values: [Double]) throws(LinearAlgebraError) {
        guard rows >= 0, columns >= 0 else {
            throw .invalidShape("a matrix cannot have \(rows) rows and \(columns) columns")
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, values.count == count else {
            let needed = overflow ? "more than \(Int.max)" : "\(count)"
            throw .invalidShape("\(values.count) values cannot fill a \(rows) x \(columns) matrix (\(needed) needed)")
        }
        self.rows = rows
        self.columns = columns
        self.storage = values
    }

    /// Creates a matrix from an array of rows of equal length.
    /// - Throws: `LinearAlgebraError.invalidShape` when the rows differ in length.
    /// - Complexity: O(rows * columns).
    public init(_ rowArrays: [[Double]]) throws(LinearAlgebraError) {
        let width = rowArrays.first?.count ?? 0
        var values: [Double] = []
        values.reserveCapacity(rowArrays.count * width)
        for (index, row) in rowArrays.enumerated() {
            guard row.count == width else {
                throw .invalidShape("row \(index) has \(row.count) values, but row 0 has \(width)")
            }
            values.append(contentsOf: row)
        }
        try self.init(rows: rowArrays.count, columns: width, values: values)
    }

    /// The `n x n` identity matrix.
    /// - Throws: `LinearAlgebraError.invalidShape` when `n` is negative.
    public static func identity(_ n: Int) throws(LinearAlgebraError) -> Matrix {
        var m = try Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i * n + i] = 1 }
        return m
    }

    /// Element at row `i`, column `j` (zero-based). Indices out of range trap, as with `Array`;
    /// they are programming errors, never the result of reading user data.
    public subscript(i: Int, j: Int) -> Double {
        get { storage[i * columns + j] }
        set { storage[i * columns + j] = newValue }
    }

    /// The elements of row `i`.
    /// - Complexity: O(columns).
    public func row(_ i: Int) -> ArraySlice<Double> {
        storage[(i * columns)..<((i + 1) * columns)]
    }

    /// The elements of column `j`, copied.
    /// - Complexity: O(rows).
    public func column(_ j: Int) -> [Double] {
        (0..<rows).map { storage[$0 * columns + j] }
    }

    /// The transpose, a `columns x rows` matrix.
    /// - Complexity: O(rows * columns).
    public var transposed: Matrix {
        var values = [Double](repeating: 0, count: storage.count)
        storage.withUnsafeBufferPointer { src in
            values.withUnsafeMutableBufferPointer { dst in
                for i in 0..<rows {
                    for j in 0..<columns { dst[j * rows + i] = src[i * columns + j] }
                }
            }
        }
        // The shape is valid by construction.
        return Matrix(unchecked: columns, rows, values)
    }

    /// Calls `body` with read access to the row-major elements.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with write access to the row-major elements.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }

    /// Internal initializer for shapes already known to be valid.
    init(unchecked rows: Int, _ columns: Int, _ values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.storage = values
    }

    private enum CodingKeys: String, CodingKey { case rows, columns, values }

    /// Decodes `{rows, columns, values}` and checks that the shape fits the values.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try c.decode(Int.self, forKey: .rows)
        let columns = try c.decode(Int.self, forKey: .columns)
        let values = try c.decode([Double].self, forKey: .values)
        do {
            try self.init(rows: rows, columns: columns, values: values)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .values, in: c, debugDescription: error.description)
        }
    }

    /// Encodes the matrix as `{rows, columns, values}` with row-major values.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rows, forKey: .rows)
        try c.encode(columns, forKey: .columns)
        try c.encode(storage, forKey: .values)
    }
}

extension Matrix {
    /// A new matrix with the given columns of this one, in the order given.
    /// - Parameter columns: column indices, each in `0..<self.columns`.
    /// - Returns: the `rows x columns.count` matrix.
    /// - Throws: `LinearAlgebraError.invalidShape` when an index is out of range.
    /// - Complexity: O(rows * columns.count).
    public func keepingColumns(_ columns: [Int]) throws(LinearAlgebraError) -> Matrix {
        if let bad = columns.first(where: { !(0..<self.columns).contains($0) }) {
            throw .invalidShape("column \(bad) is out of range for a matrix with \(self.columns) columns")
        }
        let d = self.columns, m = columns.count
        var values = [Double](repeating: 0, count: rows * m)
        storage.withUnsafeBufferPointer { source in
            for i in 0..<rows {
                for (b, j) in columns.enumerated() { values[i * m + b] = source[i * d + j] }
            }
        }
        return Matrix(unchecked: rows, m, values)
    }

    /// A new matrix with the given rows of this one, in the order given (repeats allowed).
    /// - Parameter rows: row indices, each in `0..<self.rows`.
    /// - Returns: the `rows.count x columns` matrix.
    /// - Throws: `LinearAlgebraError.invalidShape` when an index is out of range.
    /// - Complexity: O(rows.count * columns).
    public func keepingRows(_ rows: [Int]) throws(LinearAlgebraError) -> Matrix {
        if let bad = rows.first(where: { !(0..<self.rows).contains($0) }) {
            throw .invalidShape("row \(bad) is out of range for a matrix with \(self.rows) rows")
        }
        let d = columns
        var values = [Double](repeating: 0, count: rows.count * d)
        storage.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { out in
                for (a, i) in rows.enumerated() {
                    for j in 0..<d { out[a * d + j] = source[i * d + j] }
                }
            }
        }
        return Matrix(unchecked: rows.count, d, values)
    }
}
