import ChurnKit
import Foundation
import Testing
@testable import ChurnCLI

@Suite struct ExperimentDesignCommandTests {
    @Test func assignsWritesAManifestAndNeverOverwritesSilently() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let portfolio = try writeSmallPortfolio(in: directory)
        let out = directory + "/assignment.csv"
        let arguments = [portfolio, "--score-column", "score", "--arms", "call", "mail", "--seed", "7", "--out", out]
        let text = try ExperimentDesignCommand.parse(arguments).makeOutput()
        #expect(text.contains("assigned 2000 customers"))
        let (assignment, manifest) = try AssignmentFile.read(from: out)
        #expect(manifest.input.sha256 == (try SHA256.hexDigest(fileAt: portfolio)))
        #expect(assignment.counts == [[40, 180, 180], [160, 720, 720]])
        let first = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(throws: (any Error).self) { try ExperimentDesignCommand.parse(arguments).makeOutput() }
        _ = try ExperimentDesignCommand.parse(arguments + ["--force", "--format", "json"]).makeOutput()
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == first)  // same input and seed: same bytes
    }

    @Test func designOptionsAreValidated() throws {
        #expect(throws: (any Error).self) { try ExperimentDesignCommand.parse(["f.csv", "--out", "a.csv", "--top-fractions", "0.2", "--thresholds", "0.5"]) }
        let command = try ExperimentDesignCommand.parse(["f.csv", "--out", "a.csv", "--thresholds", "0.5", "0.2"])
        #expect(try command.makeDesign().tiers.map(\.name) == ["tier1", "tier2", "tier3"])
        #expect(throws: (any Error).self) { try ExperimentDesignCommand.parse(["f.csv", "--out", "a.csv", "--control", "1.5"]).makeDesign() }
    }

    /// The portfolio `churn experiment simulate` writes has a `score` column and no `churn_probability`:
    /// the default finds it, so the simulate-then-design recipe needs no flag; the manifest names it.
    @Test func theDefaultScoreColumnIsScoreWhenTheFileHasNoChurnProbability() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let portfolio = try writeSmallPortfolio(in: directory)
        let out = directory + "/assignment.csv"
        _ = try ExperimentDesignCommand.parse([portfolio, "--seed", "7", "--out", out]).makeOutput()
        #expect(try AssignmentFile.read(from: out).manifest.input.scoreColumn == "score")
    }
}
