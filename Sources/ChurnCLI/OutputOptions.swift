import ArgumentParser
import Foundation

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Aligned text for people.
    case text
    /// One JSON object for scripts and CI.
    case json
}

/// The `--format` flag shared by every command.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text
}

/// The `--force` flag of a command that writes one output file (`train`, `tune`, `score`, `target`,
/// `segment assign`, `uplift train`, `uplift score`); commands whose outputs are several files, or
/// named by other options, say which they replace in their own flag.
struct OverwriteOptions: ParsableArguments {
    /// Whether an existing output file is replaced (never an input: `checkOutputs` refuses that).
    @Flag(help: "Replace an existing output file.")
    var force = false
}

/// Encodes `value` as pretty-printed JSON with sorted keys, as every `--format json` prints it.
/// A number JSON cannot hold (an infinite mean of a column holding `inf`) is written as the string
/// `"inf"`, `"-inf"` or `"nan"`, as in model files.
func jsonText(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Writes a line to standard error (progress, warnings), leaving standard output to results.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// A command-level error (wrong kind of model file, missing input), printed as one line.
struct CommandError: Error, CustomStringConvertible {
    /// The message.
    let description: String

    init(_ description: String) { self.description = description }
}
