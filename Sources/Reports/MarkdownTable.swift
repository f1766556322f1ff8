/// A GitHub-flavoured Markdown table, for notebooks and reports.
public struct MarkdownTable: Sendable {
    /// The header cells.
    public let headers: [String]
    /// The rows; each is padded or cut to the header's width.
    public private(set) var rows: [[String]] = []

    /// Creates a table with `headers`.
    public init(headers: [String]) { self.headers = headers }

    /// Appends a row.
    public mutating func append(_ row: [String]) {
        rows.append((0..<headers.count).map { $0 < row.count ? row[$0] : "" })
    }

    /// The Markdown text; pipes inside cells are escaped.
    /// - Complexity: O(total text).
    public var text: String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        return ([line(headers), line(headers.map { _ in "---" })] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
