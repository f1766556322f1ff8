/// The declared type of one CSV column.
public struct CSVColumnSpec: Sendable, Equatable, Codable {
    /// The header name.
    public var name: String
    /// The column's kind.
    public var kind: ColumnKind
    /// Categorical columns: labels that come first, with these codes, in every chunk (others follow
    /// in order of first appearance). Ignored for other kinds.
    public var levels: [String]
    /// Boolean columns: the text of `true` (matched ignoring ASCII case).
    public var trueLabel: String
    /// Boolean columns: the text of `false` (matched ignoring ASCII case).
    public var falseLabel: String

    /// Creates a column spec.
    public init(name: String, kind: ColumnKind, levels: [String] = [], trueLabel: String = "", falseLabel: String = "") {
        self.name = name
        self.kind = kind
        self.levels = levels
        self.trueLabel = trueLabel
        self.falseLabel = falseLabel
    }
}

/// Names and kinds of a CSV file's columns, for reading it in chunks with fixed types.
public struct CSVSchema: Sendable, Equatable, Codable {
    /// The column specs, in the order they should be matched (by name) against a header.
    public var columns: [CSVColumnSpec]

    /// Creates a schema from column specs.
    public init(columns: [CSVColumnSpec]) { self.columns = columns }

    /// The schema of an existing table: its names, kinds, category levels and boolean labels.
    /// - Complexity: O(columns + total levels).
    public init(of table: Table) {
        columns = table.columns.map { column in
            switch column.values {
            case .numeric: return CSVColumnSpec(name: column.name, kind: .numeric)
            case .categorical(_, let levels): return CSVColumnSpec(name: column.name, kind: .categorical, levels: levels)
            case .boolean(_, let t, let f):
                return CSVColumnSpec(name: column.name, kind: .boolean, trueLabel: t, falseLabel: f)
            }
        }
    }

    /// The specs of the columns in `names` only (in schema order), without category levels: the
    /// kinds a model needs to read a file the same way, and nothing of the training rows' values.
    /// - Complexity: O(columns).
    public func kinds(of names: Set<String>) -> CSVSchema {
        CSVSchema(columns: columns.filter { names.contains($0.name) }.map {
            CSVColumnSpec(name: $0.name, kind: $0.kind, trueLabel: $0.trueLabel, falseLabel: $0.falseLabel)
        })
    }

    /// The spec of the column called `name`, if any.
    public func column(named name: String) -> CSVColumnSpec? { columns.first { $0.name == name } }
}

/// The label pairs the reader recognises as booleans, matched ignoring ASCII case.
enum _BooleanPairs {
    /// (true, false) in lower case.
    static let pairs: [(String, String)] = [("yes", "no"), ("true", "false"), ("y", "n"), ("1", "0")]

    /// The (true, false) labels when `levels` (one or two labels, as spelled in the file) form a
    /// known pair, else nil. With one level the missing partner is spelled in the same case style.
    static func labels(for levels: [String]) -> (trueLabel: String, falseLabel: String)? {
        guard levels.count == 1 || levels.count == 2 else { return nil }
        let lowered = levels.map(asciiLowercased)
        if levels.count == 2, lowered[0] == lowered[1] { return nil }
        for (t, f) in pairs {
            if levels.count == 2 {
                if lowered == [t, f] { return (levels[0], levels[1]) }
                if lowered == [f, t] { return (levels[1], levels[0]) }
            } else if lowered[0] == t {
                return (levels[0], styled(f, like: levels[0]))
            } else if lowered[0] == f {
                return (styled(t, like: levels[0]), levels[0])
            }
        }
        return nil
    }

    /// ASCII lower case (other characters unchanged).
    static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// `word` (lower case) in the case style of `model`: all upper, capitalised or all lower.
    private static func styled(_ word: String, like model: String) -> String {
        let letters = model.utf8.filter { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
        guard let first = letters.first else { return word }
        let upper: (UInt8) -> Bool = { $0 >= 0x41 && $0 <= 0x5A }
        if letters.count > 1, letters.allSatisfy(upper) { return word.uppercased() }
        if upper(first) { return word.prefix(1).uppercased() + word.dropFirst() }
        return word
    }
}
