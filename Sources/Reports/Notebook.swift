import Foundation

/// A Jupyter notebook (nbformat 4.5) assembled from Markdown text, commands with their recorded
/// output, and SVG figures, so that a run of `churn` can be read, shared and re-run as a notebook.
///
/// Cells get deterministic ids (`cell-1`, `cell-2`, ...), so the same run gives the same bytes.
public struct Notebook: Sendable {
    /// One cell of the notebook.
    public enum Cell: Sendable {
        /// Markdown text.
        case markdown(String)
        /// A shell command (the notebook's kernel is bash) with the text it printed and figures.
        case command(String, output: String, figures: [String])
    }

    /// The cells, in order.
    public private(set) var cells: [Cell] = []

    /// Creates an empty notebook.
    public init() {}

    /// Appends a Markdown cell.
    public mutating func markdown(_ text: String) { cells.append(.markdown(text)) }

    /// Appends a command cell with its recorded text output and SVG figures.
    public mutating func command(_ command: String, output: String, figures: [String] = []) {
        cells.append(.command(command, output: output, figures: figures))
    }

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
                execution += 1
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
                return ["cell_type": "code", "id": id, "execution_count": execution, "metadata": [String: Any](),
                        "outputs": outputs, "source": lines(source)]
            }
        }
        let notebook: [String: Any] = [
            "cells": cellObjects,
            "metadata": [
                "kernelspec": ["display_name": "Bash", "language": "bash", "name": "bash"],
                "language_info": ["name": "bash"],
            ],
            "nbformat": 4,
            "nbformat_minor": 5,
        ]
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
