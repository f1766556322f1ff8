import Foundation

/// A plain-text table with aligned columns, for the text output of commands.
struct TextTable {
    /// Column alignment.
    enum Alignment { case left, right }

    private let headers: [String]
    private let alignments: [Alignment]
    private var rows: [[String]] = []

    /// Creates a table with `headers`; `alignments` defaults to left for every column.
    init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.map { _ in .left }
    }

    /// The most characters a cell shows; a longer cell is cut to this many, its last one `…`, so
    /// one huge value (a 20 MB label) cannot widen every line of the table.
    static let maximumCellCharacters = 500

    /// Appends a row; missing cells are blank, extra cells are dropped, long cells are cut to
    /// `maximumCellCharacters`.
    mutating func append(_ row: [String]) {
        rows.append((0..<headers.count).map { $0 < row.count ? Self.capped(row[$0]) : "" })
    }

    /// `cell`, or its first `maximumCellCharacters - 1` characters and `…` when it is longer.
    static func capped(_ cell: String) -> String {
        guard cell.index(cell.startIndex, offsetBy: maximumCellCharacters, limitedBy: cell.endIndex) != nil,
              cell.count > maximumCellCharacters
        else { return cell }
        return cell.prefix(maximumCellCharacters - 1) + "…"
    }

    /// The table as lines of text, a rule under the header.
    func render() -> String {
        let all = [headers] + rows
        let widths = (0..<headers.count).map { j in all.map { $0[j].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, zip(widths, alignments)).map { cell, format in
                let pad = String(repeating: " ", count: format.0 - cell.count)
                return format.1 == .left ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
    }
}

extension String {
    /// The string without trailing spaces.
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// A number with `digits` significant digits at most, for tables (`0.2654`, `1869`, `64.76`).
func formatted(_ x: Double, digits: Int = 4) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
    // Scientific notation outside [1e-6, 1e12): never a number of dozens of digits.
    if x != 0, abs(x) >= 1e12 || abs(x) < 1e-6 { return String(format: "%.\(max(0, digits - 1))e", x) }
    if x == x.rounded() { return String(Int64(x)) }
    let magnitude = x == 0 ? 0 : Int((abs(x)).log10Floor)
    let decimals = max(0, digits - 1 - magnitude)
    return String(format: "%.\(decimals)f", x)
}

extension Double {
    fileprivate var log10Floor: Double { (Foundation.log10(self)).rounded(.down) }
}
