import Foundation

/// An unexecuted Jupyter notebook (nbformat 4.5) for the Python 3 kernel, assembled from Markdown
/// cells and code cells: what `churn report` writes. Executing it (Jupyter, nbconvert) produces
/// every output it will hold; it records none itself.
///
/// Cells get deterministic ids (`cell-1`, `cell-2`, ...), so the same cells give the same bytes.
public struct Notebook: Sendable {
    /// One cell of the notebook.
    public enum Cell: Sendable, Equatable {
        /// Markdown text.
        case markdown(String)
        /// Python source of a code cell.
        case code(String)
        /// Python source of a code cell that Jupyter shows collapsed (`metadata.jupyter.source_hidden`).
        case hiddenCode(String)
    }

    /// The cells, in order.
    public private(set) var cells: [Cell] = []

    /// Extra keys of the notebook's `metadata.churnkit` object (for example the ChurnKit version).
    public var churnKitMetadata: [String: String] = [:]

    /// Creates an empty notebook.
    public init() {}

    /// Appends a Markdown cell.
    public mutating func markdown(_ text: String) { cells.append(.markdown(text)) }

    /// Appends a code cell.
    public mutating func code(_ source: String) { cells.append(.code(source)) }

    /// Appends a code cell whose source Jupyter shows collapsed.
    public mutating func hiddenCode(_ source: String) { cells.append(.hiddenCode(source)) }

    /// The notebook as nbformat 4.5 JSON with sorted keys.
    /// - Throws: an encoding error (not expected).
    public func jsonData() throws -> Data {
        let cellObjects: [[String: Any]] = cells.enumerated().map { index, cell in
            let id = "cell-\(index + 1)"
            switch cell {
            case .markdown(let text):
                return ["cell_type": "markdown", "id": id, "metadata": [String: Any](), "source": lines(text)]
            case .code(let source):
                return ["cell_type": "code", "id": id, "execution_count": NSNull(), "metadata": [String: Any](),
                        "outputs": [[String: Any]](), "source": lines(source)]
            case .hiddenCode(let source):
                return ["cell_type": "code", "id": id, "execution_count": NSNull(), "metadata": ["jupyter": ["source_hidden": true]],
                        "outputs": [[String: Any]](), "source": lines(source)]
            }
        }
        var metadata: [String: Any] = [
            "kernelspec": ["display_name": "Python 3", "language": "python", "name": "python3"],
            "language_info": ["name": "python"],
        ]
        if !churnKitMetadata.isEmpty { metadata["churnkit"] = churnKitMetadata }
        let notebook: [String: Any] = ["cells": cellObjects, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5]
        return try JSONSerialization.data(withJSONObject: notebook, options: [.prettyPrinted, .sortedKeys])
    }

    /// Text split into lines that keep their line ends, as nbformat stores multi-line strings.
    private func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
