import Foundation
import Testing
import ChurnKit
@testable import ChurnCLI

/// `churn report KIND ... --out FILE.ipynb`: the notebook it writes (nbformat 4.5, Python kernel,
/// commands on the user's files), the checks it makes first, and the Python it writes compiles.
/// That the notebooks run and reproduce is checked by CI (`scripts/check-notebooks.sh` executes the
/// exported ones, which `churn report` writes, and fails when their sources are stale).
@Suite struct ReportCommandTests {
    static let customers = bundledDatasets + "/telecom-customers.csv"

    /// The notebook at `path` as JSON, and its cells.
    private func notebook(at path: String) throws -> (json: [String: Any], cells: [[String: Any]]) {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        return (json, try #require(json["cells"] as? [[String: Any]]))
    }

    /// The source of a cell as one string.
    private func source(_ cell: [String: Any]) -> String { (cell["source"] as? [String] ?? []).joined() }

    /// Compiles every code cell with python3 (skipped, saying so, where there is none).
    private func compilePython(_ cells: [[String: Any]], in dir: URL) throws {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            print("skipped: no python3 to compile the notebook's cells")
            return
        }
        for (k, cell) in cells.enumerated() where cell["cell_type"] as? String == "code" {
            let file = try write(source(cell) + "\n", named: "cell\(k).py", in: dir)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-m", "py_compile", file]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "cell \(k) is not valid Python:\n\(source(cell))")
        }
    }

    @Test func modelReportIsAnUnexecutedPythonNotebookOfTheUsersFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.ipynb").path
        let line = try ReportModelCommand.parse([Self.customers, "--target", "churned", "--about", "Bundled customers.", "--out", out]).makeOutput()
        #expect(line.hasPrefix("wrote \(out): "))
        let (json, cells) = try notebook(at: out)
        #expect(json["nbformat"] as? Int == 4 && json["nbformat_minor"] as? Int == 5)
        let metadata = try #require(json["metadata"] as? [String: Any])
        #expect((metadata["kernelspec"] as? [String: String])?["name"] == "python3")
        #expect((metadata["churnkit"] as? [String: String])?["version"] == ChurnKitVersion.current)
        #expect(source(cells[0]).hasPrefix("# Churn model report: \(Self.customers)"))
        #expect(source(cells[0]).contains("Bundled customers."))
        // The helpers come first, collapsed; no cell has outputs or an execution count.
        #expect(((cells[1]["metadata"] as? [String: Any])?["jupyter"] as? [String: Bool])?["source_hidden"] == true)
        #expect(source(cells[1]).contains("def churn(*args):"))
        for cell in cells where cell["cell_type"] as? String == "code" {
            #expect((cell["outputs"] as? [Any])?.isEmpty == true)
            #expect(cell["execution_count"] is NSNull)
        }
        let code = cells.map(source).joined(separator: "\n")
        #expect(code.contains(#"train = churn("train", "\#(Self.customers)", "--target", "churned", "--l2", "0""#))
        #expect(code.contains(#"ev = train["holdout"]"#))
        #expect(code.contains(#"churn("rules", "notebook-output/churn-tree.json")"#))
        try compilePython(cells, in: dir)
        // The same command gives the same bytes; an existing notebook needs --force.
        let first = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(throws: CommandError.self) { try ReportModelCommand.parse([Self.customers, "--target", "churned", "--out", out]).makeOutput() }
        _ = try ReportModelCommand.parse([Self.customers, "--target", "churned", "--about", "Bundled customers.", "--out", out, "--force"]).makeOutput()
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == first)
    }

    @Test func everyKindWritesCellsThatCompile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plans = bundledDatasets + "/telecom-plans-states.csv", purchases = bundledDatasets + "/purchases.csv"
        let kinds: [(String, () throws -> String, String)] = [
            ("segments", { try ReportSegmentsCommand.parse([Self.customers, "--k", "4", "--target", "churned",
                                                           "--out", dir.appendingPathComponent("segments.ipynb").path]).makeOutput() },
             #"seg = churn("segment", "\#(Self.customers)", "--k", "4", "--target", "churned""#),
            ("experiment", { try ReportExperimentCommand.parse(["--rehearse", "1000", "--out", dir.appendingPathComponent("experiment.ipynb").path]).makeOutput() },
             #""--cost", "call=15""#),
            ("uplift", { try ReportUpliftCommand.parse(["--rehearse", "2000", "--out", dir.appendingPathComponent("uplift.ipynb").path]).makeOutput() },
             #"join_csv("notebook-output/uplift-test.csv", "id""#),
            ("lifetime", { try ReportLifetimeCommand.parse([
                "--tenure", plans, "--duration", "account_length", "--event", "churn", "--group", "international_plan",
                "--survivors", "1000,631,468", "--purchases", purchases, "--customer", "customer", "--date", "date", "--amount", "amount",
                "--calibration-end", "1997-09-30", "--known-parameters", "r=0.243,b=2.426",
                "--out", dir.appendingPathComponent("lifetime.ipynb").path]).makeOutput() },
             #"truth = {"r": 0.243, "b": 2.426}"#),
        ]
        for (name, write, expected) in kinds {
            _ = try write()
            let (_, cells) = try notebook(at: dir.appendingPathComponent("\(name).ipynb").path)
            #expect(cells.map(source).joined(separator: "\n").contains(expected), "\(name)")
            try compilePython(cells, in: dir)
        }
        // The rehearsal's notebook draws the retention curves of control and each arm.
        let (_, experiment) = try notebook(at: dir.appendingPathComponent("experiment.ipynb").path)
        #expect(experiment.map(source).joined(separator: "\n").contains(#"churn("survival", "curve", "notebook-output/experiment-outcomes.csv", "--duration", "months""#))
    }

    @Test func refusesWhatWouldFailInTheNotebook() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r.ipynb").path
        #expect { try ReportModelCommand.parse([Self.customers, "--target", "churn", "--out", out]).makeOutput() } throws: {
            "\($0)".contains("\(Self.customers): no column \"churn\" (--target)")
        }
        #expect(throws: (any Error).self) { try ReportModelCommand.parse([Self.customers, "--target", "churned", "--out", "r.html"]) }
        #expect(throws: (any Error).self) { try ReportUpliftCommand.parse(["only-one.csv", "--treatment", "t", "--outcome", "y", "--out", out]) }
        #expect(throws: (any Error).self) { try ReportExperimentCommand.parse(["--out", out]) }
        #expect(throws: (any Error).self) { try ReportLifetimeCommand.parse(["--tenure", "x.csv", "--out", out]) }
        #expect(throws: CommandError.self) { try ReportModelCommand.parse([Self.customers, "--target", "churned", "--out", Self.customers + ".ipynb", "--test", "nosuch.csv"]).makeOutput() }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func pythonLiteralsPathsAndCalls() {
        #expect(pythonLiteral(#"a "b" \ c"#) == #""a \"b\" \\ c""#)
        #expect(pythonLiteral("é\n\u{1}") == #""é\n\u0001""#)
        #expect(relativePath(from: "/a/b/c", to: "/a/d") == "../../d")
        #expect(relativePath(from: "/a/b", to: "/a/b") == ".")
        #expect(relativePath(from: "/a", to: "/a/b/c") == "b/c")
        #expect(churnCall(["--version"]) == #"churn("--version")"#)
        let long = churnCall(Array(repeating: "argument", count: 20), into: "x")
        #expect(long.split(separator: "\n").allSatisfy { $0.count <= 110 })
        #expect(long.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 10) + "\"") })
    }
}
