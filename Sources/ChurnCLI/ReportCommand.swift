import ArgumentParser
import ChurnKit
import Foundation

/// `churn report KIND ... --out FILE.ipynb`: a Jupyter notebook (Python kernel) of one workflow on
/// the user's own files, whose cells run `churn` commands and draw their results.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a Jupyter notebook of one workflow on your own files.",
        discussion: """
            Each kind writes an unexecuted notebook for the Python 3 kernel: every code cell runs \
            one or more churn commands on the files you name (in the directory you run churn report \
            in, so relative paths stay valid) and draws tables and SVG figures from their --format \
            json output. Open it in Jupyter and run all cells, or execute it with `jupyter nbconvert \
            --to notebook --execute FILE.ipynb`. The first cell (collapsed) holds the helpers; the \
            notebook uses $CHURN, else churn on the PATH, else the churn that wrote it. Files the \
            commands write go to notebook-output/. The columns and files you name are checked now, \
            so that the notebook does not fail at its third cell.
            """,
        subcommands: [
            ReportModelCommand.self, ReportSegmentsCommand.self, ReportExperimentCommand.self, ReportUpliftCommand.self,
            ReportLifetimeCommand.self,
        ]
    )
}

/// What every `churn report` kind takes: where to write the notebook, and a paragraph about the data.
struct ReportOptions: ParsableArguments {
    @Option(help: "Where to write the notebook (.ipynb).")
    var out: String

    @Flag(help: "Replace --out if it exists.")
    var force = false

    @Option(help: "A Markdown paragraph about the data, shown under the title.")
    var about: String?

    func validate() throws {
        guard out.hasSuffix(".ipynb") else { throw ValidationError("--out must name a .ipynb file, not \(out)") }
    }
}

/// The cells of a `churn report` notebook and how they are written: a title, the user's paragraph,
/// the hidden helper cell, the version cell, then the kind's own cells.
struct ReportNotebook {
    private var notebook = Notebook()

    /// Starts a notebook with its title and introduction, the helper cell and `churn --version`.
    /// - Parameters:
    ///   - title: the Markdown title (without `#`).
    ///   - introduction: what the notebook shows.
    ///   - options: the output options (for `--about` and the notebook's directory).
    init(title: String, introduction: String, options: ReportOptions) throws {
        let about = options.about.map { "\n\n" + $0 } ?? ""
        notebook.markdown("# \(title)\n\n\(introduction)\(about)\n\n" + """
            Written by `churn report` (ChurnKit \(ChurnKitVersion.current)). Every code cell runs `churn` \
            commands (each printed as `$ churn ...` with what it wrote to stderr) in the directory \
            the report was written from, and draws tables and figures from their `--format json` \
            output; the first cell holds the helpers.
            """)
        let directory = URL(fileURLWithPath: options.out).deletingLastPathComponent().standardizedFileURL.path
        let workdir = FileManager.default.currentDirectoryPath
        notebook.hiddenCode(NotebookHelpers.source(workdir: relativePath(from: directory, to: workdir),
                                                   binary: executablePath(relativeTo: workdir)))
        notebook.code(#"churn("--version");"#)
        notebook.churnKitMetadata = ["version": ChurnKitVersion.current, "written_by": "churn report"]
    }

    /// Appends a Markdown cell.
    mutating func markdown(_ text: String) { notebook.markdown(text) }

    /// Appends a code cell: the lines of `parts` joined by new lines.
    mutating func code(_ parts: String...) { code(parts) }

    /// Appends a code cell: `parts` joined by new lines. A cell that ends in a bare `churn(...)`
    /// call gets a `;`, so that Jupyter does not show the text the call printed a second time.
    mutating func code(_ parts: [String]) {
        let source = parts.joined(separator: "\n")
        let lastStatement = source.split(separator: "\n").last(where: { !$0.hasPrefix(" ") })
        notebook.code(source + (lastStatement?.hasPrefix("churn(") == true ? ";" : ""))
    }

    /// Writes the notebook to `options.out` atomically (never over an input, nor over a file without `--force`).
    /// - Parameters:
    ///   - options: the output options.
    ///   - inputs: the files the notebook reads.
    /// - Returns: the line `churn report` prints.
    func write(_ options: ReportOptions, inputs: [String]) throws -> String {
        try checkOutputs([("--out", options.out)], inputs: inputs, force: options.force)
        try AtomicFile.write(Array(notebook.jsonData()) + [UInt8(ascii: "\n")], to: options.out, replacing: options.force)
        return "wrote \(options.out): \(notebook.cells.count) cells; run them in Jupyter or with "
            + "`jupyter nbconvert --to notebook --execute \(options.out)`"
    }
}

/// A Python call of the notebook helper `churn(...)` with `arguments`, wrapped at about 110
/// columns, optionally assigned to `name`.
func churnCall(_ arguments: [String], into name: String? = nil) -> String {
    let start = (name.map { "\($0) = " } ?? "") + "churn("
    let indent = String(repeating: " ", count: start.count)
    var lines: [String] = [], line = start
    for (k, argument) in arguments.enumerated() {
        let item = pythonLiteral(argument) + (k == arguments.count - 1 ? ")" : ",")
        if line.count + item.count + 1 > 110, line != start {
            lines.append(line)
            line = indent + item
        } else {
            line += (line == start ? "" : " ") + item
        }
    }
    if arguments.isEmpty { line += ")" }
    return (lines + [line]).joined(separator: "\n")
}

/// `text` as a Python string literal (JSON's string syntax, which Python reads alike).
func pythonLiteral(_ text: String) -> String {
    var literal = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": literal += "\\\""
        case "\\": literal += "\\\\"
        case "\n": literal += "\\n"
        case "\t": literal += "\\t"
        case _ where scalar.value < 0x20: literal += String(format: "\\u%04x", scalar.value)
        default: literal.unicodeScalars.append(scalar)
        }
    }
    return literal + "\""
}

/// The path of `target` relative to `directory` (both absolute or both relative to the current
/// directory), with `..` where it leaves `directory`; "." when they are the same.
func relativePath(from directory: String, to target: String) -> String {
    let from = URL(fileURLWithPath: directory).standardizedFileURL.pathComponents
    let to = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
    var common = 0
    while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
    let parts = Array(repeating: "..", count: from.count - common) + to[common...]
    return parts.isEmpty ? "." : parts.joined(separator: "/")
}

/// The running `churn` executable, relative to `directory` when it lies inside it (so that a
/// notebook written from a checkout names its build, whatever the checkout's path), else absolute.
private func executablePath(relativeTo directory: String) -> String {
    let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? "churn"
    let absolute = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    let base = URL(fileURLWithPath: directory).resolvingSymlinksInPath().standardizedFileURL.path
    return absolute.hasPrefix(base + "/") ? String(absolute.dropFirst(base.count + 1)) : absolute
}

/// Checks that the CSV file `path` exists and has each of `columns` (nil entries skipped).
/// - Throws: `CommandError` naming the option, the file and the column.
func requireColumns(_ columns: [(option: String, name: String?)], in path: String) throws {
    guard FileManager.default.fileExists(atPath: path) else { throw CommandError("no file \(path)") }
    let header = try csvHeader(path)
    for (option, name) in columns {
        guard let name else { continue }
        guard header.contains(name) else {
            throw CommandError("\(path): no column \"\(name)\" (\(option)); its columns are \(header.prefix(20).joined(separator: ", "))"
                + (header.count > 20 ? ", ..." : ""))
        }
    }
}
