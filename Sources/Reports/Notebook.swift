import Foundation

/// A Jupyter notebook (nbformat 4.5) assembled from Markdown text, code cells and their recorded
/// outputs, and SVG figures: a run of `churn demo` recorded for a bash kernel, or the unexecuted
/// Python notebook of `churn report`.
///
/// Cells get deterministic ids (`cell-1`, `cell-2`, ...), so the same cells give the same bytes.
public struct Notebook: Sendable {
    /// The kernel a notebook's code cells are written for.
    public enum Kernel: String, Sendable {
        /// The bash kernel: code cells are shell commands.
        case bash
        /// The IPython kernel (`python3`): code cells are Python.
        case python3
    }

    /// One cell of the notebook.
    public enum Cell: Sendable {
        /// Markdown text.
        case markdown(String)
        /// A code cell with the text it printed and its SVG figures (both empty for a cell not yet run).
        case command(String, output: String, figures: [String])
        /// A code cell whose source Jupyter shows collapsed (`metadata.jupyter.source_hidden`), not yet run.
        case hiddenCode(String)
    }

    /// The kernel the code cells are written for.
    public let kernel: Kernel

    /// The cells, in order.
    public private(set) var cells: [Cell] = []

    /// Extra keys of the notebook's `metadata.churnkit` object (for example the ChurnKit version).
    public var churnKitMetadata: [String: String] = [:]

    /// Creates an empty notebook for `kernel` (bash by default).
    public init(kernel: Kernel = .bash) { self.kernel = kernel }

    /// Appends a Markdown cell.
    public mutating func markdown(_ text: String) { cells.append(.markdown(text)) }

    /// Appends a command cell with its recorded text output and SVG figures.
    public mutating func command(_ command: String, output: String, figures: [String] = []) {
        cells.append(.command(command, output: output, figures: figures))
    }

    /// Appends a code cell that has not been run.
    public mutating func code(_ source: String) {
        cells.append(.command(source, output: "", figures: []))
    }

    /// Appends a code cell that has not been run and whose source Jupyter shows collapsed.
    public mutating func hiddenCode(_ source: String) { cells.append(.hiddenCode(source)) }

    /// Appends a figure (an SVG document) as the output of a cell whose source is `caption` as a comment.
    public mutating func figure(_ svg: String, caption: String) {
        cells.append(.command("# \(caption)", output: "", figures: [svg]))
    }

    /// The notebook as nbformat 4.5 JSON with sorted keys.
    /// - Throws: an encoding error (not expected).
    public func jsonData() throws -> Data {
        var execution = 0
        let cellObjects: [[String: Any]] = cells.enumerated().map { index, cell in
            let id = "cell-\(index + 1)"
            switch cell {
            case .markdown(let text):
                return ["cell_type": "markdown", "id": id, "metadata": [String: Any](), "source": lines(text)]
            case .command(let source, let output, let figures):
                var outputs: [[String: Any]] = []
                if !output.isEmpty {
                    outputs.append(["output_type": "stream", "name": "stdout", "text": lines(output)])
                }
                for svg in figures {
                    outputs.append([
                        "output_type": "display_data", "metadata": [String: Any](),
                        "data": ["image/svg+xml": lines(svg), "text/plain": ["<figure>"]],
                    ])
                }
                // A cell with outputs was run (the demo records them), one without was not (a report).
                if !outputs.isEmpty { execution += 1 }
                return ["cell_type": "code", "id": id, "execution_count": outputs.isEmpty ? NSNull() : execution as Any,
                        "metadata": [String: Any](),
                        "outputs": outputs, "source": lines(source)]
            case .hiddenCode(let source):
                return ["cell_type": "code", "id": id, "execution_count": NSNull(), "metadata": ["jupyter": ["source_hidden": true]],
                        "outputs": [[String: Any]](), "source": lines(source)]
            }
        }
        var metadata: [String: Any] = [
            "kernelspec": kernel == .bash
                ? ["display_name": "Bash", "language": "bash", "name": "bash"]
                : ["display_name": "Python 3", "language": "python", "name": "python3"],
            "language_info": ["name": kernel == .bash ? "bash" : "python"],
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
