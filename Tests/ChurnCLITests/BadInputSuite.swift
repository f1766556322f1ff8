import ChurnKit
import Foundation
import Testing
@testable import ChurnCLI

/// One bad input given to the `churn` executable, as a hostile user or a damaged file would (issue 13).
///
/// Every case must end with exit status 1...127 (no signal, no hang), exactly one `Error:` line on
/// standard error that contains `expected`, no raw Foundation error text, and the case's folder
/// exactly as it was (no new, partial, temporary or replaced file; modes kept).
struct BadInput: Sendable, CustomTestStringConvertible {
    /// What the case is, as the issue lists it.
    let name: String
    /// The arguments; `@` stands for the case's folder (`@/t.csv`).
    let arguments: [String]
    /// Text the one `Error:` line must contain.
    let expected: String
    /// Prepares files in the case's folder beyond the shared fixtures.
    var setup: @Sendable (URL) throws -> Void = { _ in }
    /// Seconds after which the case counts as a hang.
    var timeout: Double = 60

    var testDescription: String { name }
}

/// The shared inputs every case's folder starts with: `t.csv` (400 synthetic customers), `model.json`
/// (logistic), `tree.json`, `seg.json` (k-means segmentation).
let badInputFixtures: Result<URL, any Error> = Result {
    let dir = try temporaryDirectory()
    let table = try SyntheticTelecomCustomers(rowCount: 400, seed: 7).makeTable()
    try CSVWriter.write(table, toFileAt: dir.appendingPathComponent("t.csv").path)
    let data = dir.appendingPathComponent("t.csv").path
    _ = try TrainCommand.parse([data, "--target", "churned", "--out", dir.appendingPathComponent("model.json").path]).makeOutput()
    _ = try TrainCommand.parse([data, "--target", "churned", "--model", "tree", "--out", dir.appendingPathComponent("tree.json").path])
        .makeOutput()
    _ = try SegmentCommand.parse([data, "--k", "3", "--model-out", dir.appendingPathComponent("seg.json").path]).makeOutput()
    return dir
}

/// A file's bytes and mode, to tell that a case left it alone.
private struct FileState: Equatable {
    let bytes: Data
    let mode: Int
}

/// Every regular file and link in `dir` (names include hidden temporary files).
private func snapshot(_ dir: URL) throws -> [String: FileState] {
    var state: [String: FileState] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
        let path = dir.appendingPathComponent(name).path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let mode = (attributes[.posixPermissions] as? Int) ?? -1
        let isFile = (attributes[.type] as? FileAttributeType) == .typeRegular
        state[name] = FileState(bytes: isFile ? try Data(contentsOf: URL(fileURLWithPath: path)) : Data(name.utf8), mode: mode)
    }
    return state
}

/// The result of running the executable: exit status (nil when it was killed by a signal or the
/// timeout), standard output and error, and whether it hung.
struct ChurnRun {
    let status: Int32?
    let signal: Int32?
    let standardOutput: String
    let standardError: String
    let hung: Bool
}

/// Runs `churn` with `arguments` in `directory`, killing it after `timeout` seconds.
func runChurn(_ arguments: [String], in directory: URL, timeout: Double) throws -> ChurnRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: churnExecutable)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let errors = Pipe(), output = Pipe()
    process.standardError = errors
    process.standardOutput = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let finished = DispatchSemaphore(value: 0)
    let collectedErrors = LockedData(), collectedOutput = LockedData()
    for (pipe, collected) in [(errors, collectedErrors), (output, collectedOutput)] {
        DispatchQueue.global().async {
            collected.set(pipe.fileHandleForReading.readDataToEndOfFile())
            finished.signal()
        }
    }
    let deadline = DispatchTime.now() + timeout
    let closed = (0..<2).filter { _ in finished.wait(timeout: deadline) == .success }.count
    let hung = closed < 2
    if hung {
        process.terminate()
        for _ in closed..<2 { finished.wait() }
    }
    process.waitUntilExit()
    let byExit = process.terminationReason == .exit
    return ChurnRun(status: byExit ? process.terminationStatus : nil, signal: byExit ? nil : process.terminationStatus,
                    standardOutput: String(decoding: collectedOutput.get(), as: UTF8.self),
                    standardError: String(decoding: collectedErrors.get(), as: UTF8.self), hung: hung)
}

/// Bytes handed from the reading thread to the test.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}

extension BadInput {
    /// Every case of issue 13, by class.
    static let all: [BadInput] = crashes + hangs + dataLoss + silentlyWrong + almostNumeric + damagedModels + misleading

    /// Inputs that used to kill the process with a signal.
    static let crashes: [BadInput] = [
        BadInput(name: "power: a relative reduction of 1e-9", arguments: ["experiment", "power", "--baseline", "0.12", "--relative-reduction", "1e-9"],
                 expected: "10^15 customers"),
        BadInput(name: "power: --ratio 1e300", arguments: ["experiment", "power", "--baseline", "0.12", "--relative-reduction", "0.09", "--ratio", "1e300"],
                 expected: "treatmentToControlRatio"),
        BadInput(name: "power: --ratio 1e-300", arguments: ["experiment", "power", "--baseline", "0.12", "--relative-reduction", "0.09", "--ratio", "1e-300"],
                 expected: "10^15 customers"),
        BadInput(name: "score: k-means centroids of 2^32 x 2^32", arguments: ["score", "@/huge.json", "@/t.csv", "--out", "@/s.csv"],
                 expected: "4294967296 x 4294967296", setup: hugeCentroids),
        BadInput(name: "evaluate: k-means centroids of 2^32 x 2^32", arguments: ["evaluate", "@/huge.json", "@/t.csv"],
                 expected: "4294967296 x 4294967296", setup: hugeCentroids),
        BadInput(name: "rules: k-means centroids of 2^32 x 2^32", arguments: ["rules", "@/huge.json"],
                 expected: "4294967296 x 4294967296", setup: hugeCentroids),
        BadInput(name: "simulate: --customers Int.max", arguments: ["experiment", "simulate", "--customers", "9223372036854775807", "--out", "@/p.csv"],
                 expected: "would need 1.8446744e+12 GB of memory"),
        BadInput(name: "simulate: --customers 2^62", arguments: ["experiment", "simulate", "--customers", "4611686018427387904", "--out", "@/p.csv"],
                 expected: "GB of memory"),
        BadInput(name: "demo: --policyholders Int.max", arguments: ["demo", "--policyholders", "9223372036854775807", "--data", "@/t.csv", "--out-dir", "@/demo"],
                 expected: "GB of memory"),
        BadInput(name: "generate: --rows 10^15", arguments: ["generate", "--rows", "1000000000000000", "--out", "@/g.csv"],
                 expected: "GB of memory"),
    ]

    /// Inputs that used to run without end or grow without bound.
    static let hangs: [BadInput] = [
        BadInput(name: "inspect /dev/zero", arguments: ["inspect", "/dev/zero"], expected: "not a regular file", timeout: 20),
        BadInput(name: "train /dev/zero", arguments: ["train", "/dev/zero", "--target", "churned", "--out", "@/m.json"],
                 expected: "not a regular file", timeout: 20),
        BadInput(name: "score with the model /dev/zero", arguments: ["score", "/dev/zero", "@/t.csv", "--out", "@/s.csv"],
                 expected: "not a regular file", timeout: 20),
        BadInput(name: "score the data /dev/zero", arguments: ["score", "@/model.json", "/dev/zero", "--out", "@/s.csv"],
                 expected: "not a regular file", timeout: 20),
        BadInput(name: "segment --k-range 1...100000", arguments: ["segment", "@/t.csv", "--k-range", "1...100000"],
                 expected: "at most 50 are tried", timeout: 20),
    ]

    /// Outputs that used to replace an input, a link, a device or an existing file.
    static let dataLoss: [BadInput] = [
        BadInput(name: "score: --out is the data file", arguments: ["score", "@/model.json", "@/t.csv", "--out", "@/t.csv"],
                 expected: "is the input file"),
        BadInput(name: "score: --out is the model file", arguments: ["score", "@/model.json", "@/t.csv", "--out", "@/model.json", "--force"],
                 expected: "is the input file"),
        BadInput(name: "score: --out is a hard link to the data", arguments: ["score", "@/model.json", "@/t.csv", "--out", "@/hard.csv", "--force"],
                 expected: "is the input file", setup: { try FileManager.default.linkItem(at: $0.appendingPathComponent("t.csv"), to: $0.appendingPathComponent("hard.csv")) }),
        BadInput(name: "score: --out is a symbolic link", arguments: ["score", "@/model.json", "@/t.csv", "--out", "@/link.csv", "--force"],
                 expected: "is a symbolic link", setup: { try FileManager.default.createSymbolicLink(atPath: $0.appendingPathComponent("link.csv").path, withDestinationPath: "t.csv") }),
        BadInput(name: "score: --out is a device", arguments: ["score", "@/model.json", "@/t.csv", "--out", "/dev/null", "--force"],
                 expected: "not a regular file"),
        BadInput(name: "score: --out is a directory", arguments: ["score", "@/model.json", "@/t.csv", "--out", "@/sub", "--force"],
                 expected: "a directory", setup: { try FileManager.default.createDirectory(at: $0.appendingPathComponent("sub"), withIntermediateDirectories: false) }),
        BadInput(name: "score: an existing --out without --force", arguments: ["score", "@/model.json", "@/t.csv", "--out", "@/tree.json"],
                 expected: "already exists; add --force"),
        BadInput(name: "train: --out is the data file", arguments: ["train", "@/t.csv", "--target", "churned", "--out", "@/t.csv", "--force"],
                 expected: "is the input file"),
        BadInput(name: "train: an existing --out without --force", arguments: ["train", "@/t.csv", "--target", "churned", "--out", "@/model.json"],
                 expected: "already exists; add --force"),
        BadInput(name: "tune: an existing --out without --force", arguments: ["tune", "@/t.csv", "--target", "churned", "--out", "@/model.json"],
                 expected: "already exists; add --force"),
        BadInput(name: "segment: an existing --out without --force", arguments: ["segment", "@/t.csv", "--k", "3", "--out", "@/tree.json"],
                 expected: "already exists; add --force"),
        BadInput(name: "segment: --model-out is the data", arguments: ["segment", "@/t.csv", "--k", "3", "--model-out", "@/t.csv", "--force"],
                 expected: "is the input file"),
        BadInput(name: "uplift train: an existing --out without --force",
                 arguments: ["uplift", "train", "@/t.csv", "--treatment", "paperless_billing", "--outcome", "churned", "--out", "@/model.json"],
                 expected: "already exists; add --force"),
        BadInput(name: "design: --out is the scores file", arguments: ["experiment", "design", "@/t.csv", "--score-column", "age", "--out", "@/t.csv", "--force"],
                 expected: "is the input file"),
        BadInput(name: "generate: --out is a directory", arguments: ["generate", "--rows", "10", "--out", "@/sub", "--force"],
                 expected: "a directory", setup: { try FileManager.default.createDirectory(at: $0.appendingPathComponent("sub"), withIntermediateDirectories: false) }),
        BadInput(name: "simulate: an assignment beside another assignment's manifest",
                 arguments: ["experiment", "simulate", "--customers", "2000", "--assignment", "@/a.csv", "--out", "@/o.csv"],
                 expected: "do not belong together", setup: swappedAssignment),
    ]

    /// Numbers that used to be accepted with a meaningless result.
    static let silentlyWrong: [BadInput] = [
        BadInput(name: "analyze: --cost action=nan", arguments: ["experiment", "analyze", "@/o.csv", "--assignment", "@/a.csv", "--cost", "action=nan"],
                 expected: "--cost action must be a finite number", setup: experiment),
        BadInput(name: "analyze: --cost action=-5", arguments: ["experiment", "analyze", "@/o.csv", "--assignment", "@/a.csv", "--cost", "action=-5"],
                 expected: "--cost action must be at least 0.0, not -5.0", setup: experiment),
        BadInput(name: "analyze: a cost for an unknown arm", arguments: ["experiment", "analyze", "@/o.csv", "--assignment", "@/a.csv", "--cost", "sms=2"],
                 expected: "--cost names arm \"sms\"", setup: experiment),
        BadInput(name: "analyze: --value-per-customer nan",
                 arguments: ["experiment", "analyze", "@/o.csv", "--assignment", "@/a.csv", "--value-per-customer", "nan"],
                 expected: "--value-per-customer must be a finite number", setup: experiment),
        BadInput(name: "analyze: a value and a cost of 1e307 (the economics overflow)",
                 arguments: ["experiment", "analyze", "@/o.csv", "--assignment", "@/a.csv", "--value-per-customer", "1e307", "--cost", "action=1e307"],
                 expected: "economics = value 1e+307, cost 1e+307 per treated customer: in tier \"high\", arm \"action\"", setup: experiment),
        BadInput(name: "power: --baseline high=1.5", arguments: ["experiment", "power", "--assignment", "@/a.csv", "--baseline", "high=1.5"],
                 expected: "--baseline high must be in (0.0, 1.0)", setup: experiment),
    ]

    /// Numeric columns with a few cells that are not finite numbers (`--non-numeric-cells` left at fail).
    static let almostNumeric: [BadInput] = [
        BadInput(name: "train: a decimal comma and a thousands separator in monthly_charges",
                 arguments: ["train", "@/stray.csv", "--target", "churned", "--out", "@/m.json"],
                 expected: "column \"monthly_charges\" holds finite numbers but for 2 of 400 cells (line 6: \"25,5\", line 201: \"8,336.50\"); "
                    + "add --non-numeric-cells missing", setup: { try replacingCells($0, "monthly_charges", [4: "\"25,5\"", 199: "\"8,336.50\""]) }),
        BadInput(name: "segment: nan and text in age", arguments: ["segment", "@/stray.csv", "--k", "3"],
                 expected: "column \"age\" holds finite numbers but for 2 of 400 cells (line 3: \"nan\", line 12: \"abc\")",
                 setup: { try replacingCells($0, "age", [1: "nan", 10: "abc"]) }),
        BadInput(name: "inspect: a NUL in tenure_months", arguments: ["inspect", "@/stray.csv"],
                 expected: "column \"tenure_months\" holds finite numbers but for 1 of 400 cells (line 9: \"\\u{0}\")",
                 setup: { try replacingCells($0, "tenure_months", [7: "\u{0}"]) }),
        BadInput(name: "tune: 1e400 (infinite) in total_charges",
                 arguments: ["tune", "@/stray.csv", "--target", "churned", "--out", "@/m.json"],
                 expected: "column \"total_charges\" holds finite numbers but for 1 of 392 cells (line 2: \"1e400\")",
                 setup: { try replacingCells($0, "total_charges", [0: "1e400"]) }),
    ]

    /// Model files whose values make no sense (issue 13: silently wrong deciles and probabilities).
    static let damagedModels: [BadInput] = [
        BadInput(name: "score: a risk-decile edge is NaN", arguments: ["score", "@/bad.json", "@/t.csv", "--out", "@/s.csv"],
                 expected: "bad.json: pipeline.riskDecileEdges[3]: nan is not a finite number",
                 setup: { try editJSON($0, from: "model.json", to: "bad.json", at: ["pipeline"]) { p in
                     var edges = p["riskDecileEdges"] as? [Any] ?? []
                     edges[3] = "nan"
                     p["riskDecileEdges"] = edges
                 } }),
        BadInput(name: "score: 1,000,000 risk-decile edges", arguments: ["score", "@/bad.json", "@/t.csv", "--out", "@/s.csv"],
                 expected: "bad.json: pipeline.riskDecileEdges: 1000000 cut points; a churn model has 9",
                 setup: { try editJSON($0, from: "model.json", to: "bad.json", at: ["pipeline"]) { p in
                     p["riskDecileEdges"] = [Double](repeating: 0.5, count: 1_000_000)
                 } }),
        BadInput(name: "evaluate: a negative scale", arguments: ["evaluate", "@/bad.json", "@/t.csv"],
                 expected: "bad.json: pipeline.encoder.columns[0].scale: -3.0 is not a positive finite number",
                 setup: { try editEncoderColumn($0, where: { $0["oneHot"] == nil }) { $0["scale"] = -3.0 } }),
        BadInput(name: "score: a one-hot list naming an unknown level", arguments: ["score", "@/bad.json", "@/t.csv", "--out", "@/s.csv"],
                 expected: "oneHot.encodedCategories: \"Fibre\" is not among oneHot.categories",
                 setup: { try editEncoderColumn($0, where: { $0["oneHot"] != nil }) { column in
                     var group = column["oneHot"] as? [String: Any] ?? [:]
                     group["encodedCategories"] = ["Fibre"] + (group["encodedCategories"] as? [String] ?? []).dropFirst()
                     column["oneHot"] = group
                 } }),
        BadInput(name: "evaluate: an edited intercept (content hash)", arguments: ["evaluate", "@/bad.json", "@/t.csv"],
                 expected: "bad.json: contentSHA256: the parameters do not match the content hash",
                 setup: { try editJSON($0, from: "model.json", to: "bad.json", at: ["pipeline", "model", "parameters"]) { m in
                     m["intercept"] = ((m["intercept"] as? Double) ?? 0) + 0.5
                 } }),
    ]

    /// Inputs that used to get a message that misled (issue 13, "misleading messages").
    static let misleading: [BadInput] = [
        BadInput(name: "segment: --k -3", arguments: ["segment", "@/t.csv", "--k", "-3"], expected: "--k must be at least 1, not -3"),
        BadInput(name: "train: --test-fraction -0.5", arguments: ["train", "@/t.csv", "--target", "churned", "--test-fraction", "-0.5", "--out", "@/m.json"],
                 expected: "--test-fraction must be in [0, 1), not -0.5"),
        BadInput(name: "inspect: lone CR line ends", arguments: ["inspect", "@/cr.csv"], expected: "carriage return (CR) without a line feed",
                 setup: { try Data("a,b\r1,2\r3,4\r".utf8).write(to: $0.appendingPathComponent("cr.csv")) }),
        BadInput(name: "train: an all-blank target", arguments: ["train", "@/blank.csv", "--target", "outcome", "--out", "@/m.json"],
                 expected: "target column \"outcome\" has no labels: every cell is blank or a missing marker",
                 setup: { try Data("x,outcome\n1,\n2, \n3,NA\n".utf8).write(to: $0.appendingPathComponent("blank.csv")) }),
        BadInput(name: "inspect: a quoted field longer than --max-record-mb", arguments: ["inspect", "@/long.csv", "--max-record-mb", "1"],
                 expected: "line 2: no record ends within 1 MiB, the maximum record size: a quoted field is not closed, or the record is longer; "
                    + "if it is valid, raise --max-record-mb",
                 setup: { try Data(("a,b\n1,\"" + String(repeating: "x", count: 2 << 20) + "\"\n").utf8).write(to: $0.appendingPathComponent("long.csv")) }),
        BadInput(name: "train: an infinite value is named at its file row, not the split's",
                 arguments: ["train", "@/stray.csv", "--target", "churned", "--out", "@/m.json"],
                 expected: "column \"age\", row 5 (0-based): inf is not a finite number",
                 setup: { try replacingCells($0, "age", Dictionary(uniqueKeysWithValues: stride(from: 5, to: 400, by: 40).map { ($0, "inf") })) }),
        BadInput(name: "demo: --out-dir under a device", arguments: ["demo", "--data", "@/t.csv", "--out-dir", "/dev/null/demo"],
                 expected: "/dev/null/demo: Not a directory"),
    ]

    /// `t.csv` with the cells of `column` at the given data rows (0-based) replaced, as `stray.csv`.
    @Sendable static func replacingCells(_ dir: URL, _ column: String, _ cells: [Int: String]) throws {
        let lines = try String(contentsOf: dir.appendingPathComponent("t.csv"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let c = try #require(header.firstIndex { $0 == column })
        var out = [String(lines[0])]
        for (row, line) in lines.dropFirst().enumerated() {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if let value = cells[row], c < fields.count { fields[c] = value }
            out.append(fields.joined(separator: ","))
        }
        try Data(out.joined(separator: "\n").utf8).write(to: dir.appendingPathComponent("stray.csv"))
    }

    /// `model.json` with the first encoder column matching `condition` changed by `edit`, as `bad.json`.
    static func editEncoderColumn(_ dir: URL, where condition: ([String: Any]) -> Bool, _ edit: @escaping (inout [String: Any]) -> Void) throws {
        try editJSON(dir, from: "model.json", to: "bad.json", at: ["pipeline", "encoder"]) { encoder in
            var columns = encoder["columns"] as? [[String: Any]] ?? []
            if let k = columns.firstIndex(where: condition) { edit(&columns[k]) }
            encoder["columns"] = columns
        }
    }

    /// A portfolio `p.csv`, its assignment `a.csv` (with manifest) and the outcomes `o.csv`.
    @Sendable static func experiment(_ dir: URL) throws {
        let scores = dir.appendingPathComponent("p.csv").path, a = dir.appendingPathComponent("a.csv").path
        _ = try ExperimentSimulateCommand.parse(["--customers", "2000", "--out", scores]).makeOutput()
        _ = try ExperimentDesignCommand.parse([scores, "--id", "id", "--score-column", "score", "--out", a]).makeOutput()
        _ = try ExperimentSimulateCommand.parse(["--customers", "2000", "--assignment", a, "--out", dir.appendingPathComponent("o.csv").path]).makeOutput()
    }

    /// `a.csv` and its manifest from one design, then `a.csv` replaced by another seed's assignment.
    @Sendable static func swappedAssignment(_ dir: URL) throws {
        let scores = dir.appendingPathComponent("p.csv").path, a = dir.appendingPathComponent("a.csv").path
        let b = dir.appendingPathComponent("b.csv").path
        _ = try ExperimentSimulateCommand.parse(["--customers", "2000", "--out", scores]).makeOutput()
        _ = try ExperimentDesignCommand.parse([scores, "--id", "id", "--score-column", "score", "--seed", "1", "--out", a]).makeOutput()
        _ = try ExperimentDesignCommand.parse([scores, "--id", "id", "--score-column", "score", "--seed", "2", "--out", b]).makeOutput()
        try FileManager.default.removeItem(atPath: a)
        try FileManager.default.moveItem(atPath: b, toPath: a)
    }

    /// `seg.json` with its centroid matrix claiming 2^32 rows and columns, as `huge.json`.
    @Sendable static func hugeCentroids(_ dir: URL) throws {
        try editJSON(dir, from: "seg.json", to: "huge.json", at: ["pipeline", "model", "parameters", "centroids"]) { centroids in
            centroids["rows"] = 1 << 32
            centroids["columns"] = 1 << 32
        }
    }

    /// Copies the JSON file `from` to `to` with the object at key path `path` changed by `edit`.
    static func editJSON(_ dir: URL, from: String, to: String, at path: [String], _ edit: (inout [String: Any]) -> Void) throws {
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(from)))
        func change(_ value: Any, _ path: ArraySlice<String>) throws -> Any {
            guard var object = value as? [String: Any] else { throw CommandError("\(from): no object at \(path)") }
            guard let key = path.first else {
                edit(&object)
                return object
            }
            object[key] = try change(object[key] as Any, path.dropFirst())
            return object
        }
        try JSONSerialization.data(withJSONObject: change(root, path[...])).write(to: dir.appendingPathComponent(to))
    }
}

@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: churnExecutable),
                "needs the churn executable beside the test bundle (swift build --build-tests)"))
struct BadInputSuite {
    @Test(arguments: BadInput.all)
    func aBadInputIsRefusedCleanly(_ input: BadInput) throws {
        let fixtures = try badInputFixtures.get()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.path) {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        try input.setup(dir)
        let before = try snapshot(dir)
        let arguments = input.arguments.map { $0.hasPrefix("@") ? dir.path + $0.dropFirst() : $0 }
        let run = try runChurn(arguments, in: dir, timeout: input.timeout)
        #expect(!run.hung, "hung for \(input.timeout) s")
        #expect(run.signal == nil, "killed by signal \(run.signal ?? 0)")
        if let status = run.status { #expect((1...127).contains(status), "exit status \(status)") }
        let errorLines = run.standardError.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(errorLines.count == 1, "stderr: \(run.standardError.suffix(600))")
        #expect(errorLines.first?.contains(input.expected) == true, "stderr: \(run.standardError.suffix(600))")
        #expect(!run.standardError.contains("Error Domain="), "raw Foundation error")
        let after = try snapshot(dir)
        #expect(after.keys.sorted() == before.keys.sorted(), "files changed: \(Set(after.keys).symmetricDifference(before.keys).sorted())")
        for (name, state) in before where after[name] != state { Issue.record("\(name) was modified") }
    }
}

/// Issue 13: SIGINT or SIGTERM during `churn score` leaves neither the output nor a temporary file;
/// after kill -9 the temporary file left behind is removed by the next run for the same output.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: churnExecutable),
                "needs the churn executable beside the test bundle (swift build --build-tests)"),
       .serialized)
struct InterruptedOutputTests {
    /// A folder with a 100,000-customer file (scoring it takes seconds) and a model.
    func largeInput() throws -> URL {
        let dir = try temporaryDirectory()
        try CSVWriter.write(try SyntheticTelecomCustomers(rowCount: 100_000, seed: 3).makeTable(), toFileAt: dir.appendingPathComponent("big.csv").path)
        try FileManager.default.copyItem(at: try badInputFixtures.get().appendingPathComponent("model.json"), to: dir.appendingPathComponent("model.json"))
        return dir
    }

    /// Starts `churn score` into `s.csv` and returns it once its temporary file exists.
    func startScoring(in dir: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: churnExecutable)
        process.arguments = ["score", "model.json", "big.csv", "--out", "s.csv"]
        process.currentDirectoryURL = dir
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while try temporaryFiles(dir).isEmpty, process.isRunning, Date() < deadline { usleep(20_000) }
        return process
    }

    func temporaryFiles(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(AtomicFile.temporaryInfix) }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalRemovesTheTemporaryFile(_ signal: Int32) throws {
        let dir = try largeInput()
        defer { try? FileManager.default.removeItem(at: dir) }
        let process = try startScoring(in: dir)
        #expect(process.isRunning, "scoring ended before the signal")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
        #expect(try temporaryFiles(dir).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.csv").path))
    }

    @Test func aTemporaryFileLeftByKillNineIsSweptByTheNextRun() throws {
        let dir = try largeInput()
        defer { try? FileManager.default.removeItem(at: dir) }
        let process = try startScoring(in: dir)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let left = try temporaryFiles(dir)
        #expect(left.count == 1)
        let run = try runChurn(["generate", "--rows", "10", "--out", "s.csv"], in: dir, timeout: 60)
        #expect(run.status == 0)
        #expect(try temporaryFiles(dir).isEmpty, "left: \(left)")
    }
}
