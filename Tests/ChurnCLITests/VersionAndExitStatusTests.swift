import ChurnKit
import Foundation
import Testing

/// `churn --version` and the documented exit statuses (`churn --help`): 0 on success, 1 for a data
/// or file error, 64 for a usage error.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: churnExecutable),
                "needs the churn executable beside the test bundle (swift build --build-tests)"))
struct VersionAndExitStatusTests {
    /// Runs `churn` (at most 60 s) and returns its exit status and standard output.
    private func run(_ arguments: [String], in directory: URL) throws -> (status: Int32?, output: String) {
        let result = try runChurn(arguments, in: directory, timeout: 60)
        return (result.status, result.standardOutput)
    }

    @Test func versionPrintsTheLibraryVersion() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try run(["--version"], in: dir)
        #expect(result.status == 0)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == ChurnKitVersion.current)
        #expect(ChurnKitVersion.current.split(separator: ".").compactMap { Int($0) }.count == 3)
    }

    @Test func usageErrorsExit64AndDataErrorsExit1() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try write("a,b\n1,0\n2,1\n", named: "t.csv", in: dir)
        #expect(try run(["train", data, "--target", "b", "--bogus"], in: dir).status == 64)
        #expect(try run(["train", data, "--target", "b"], in: dir).status == 64)
        #expect(try run(["train", data, "--target", "no_such_column", "--out", "m.json"], in: dir).status == 1)
        #expect(try run(["train", "missing.csv", "--target", "b", "--out", "m.json"], in: dir).status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.json").path))
    }
}
