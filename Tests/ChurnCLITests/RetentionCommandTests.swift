import Foundation
import Testing
@testable import ChurnCLI

/// `churn retention project` against Fader and Hardie (2007) and the scipy fixture of the survival tests.
@Suite struct RetentionCommandTests {
    @Test func regularCohortEqualsThePaper() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plot = dir.appendingPathComponent("sbg.svg").path
        let arguments = ["--survivors", "1000,631,468,382,326,289,262,241", "--years", "12", "--plot", plot]
        let json = try jsonObject(try RetentionProjectCommand.parse(arguments + ["--format", "json"]).makeOutput())
        let cohort = try #require(json["cohort"] as? [String: Any])
        // The paper: alpha 0.704, beta 1.182; scipy (Tests/SurvivalTests/Fixtures/sbg.json): years 8-12 and DERL at 10%.
        #expect(abs((cohort["alpha"] as? Double ?? 0) - 0.704) < 0.0005)
        #expect(abs((cohort["beta"] as? Double ?? 0) - 1.182) < 0.0005)
        let periods = try #require(cohort["periods"] as? [[String: Any]])
        #expect(periods.count == 12)
        let projected = [220.0849615133868, 204.41078179339115, 191.19018637754928, 179.86498794670956, 170.0374484814783]
        for (k, value) in projected.enumerated() { #expect(isClose(periods[7 + k]["survivors"] as? Double ?? 0, value, tolerance: 1e-6)) }
        #expect(periods[6]["observed"] as? Double == 241 && periods[7]["observed"] == nil)
        let derl = try #require(cohort["derl"] as? [[String: Any]])
        #expect(isClose(derl[0]["periods"] as? Double ?? 0, 2.9643992164576574, tolerance: 1e-6))
        #expect(FileManager.default.fileExists(atPath: plot))
        #expect(throws: (any Error).self) { try RetentionProjectCommand.parse(arguments) }  // the figure exists, no --force
        let text = try RetentionProjectCommand.parse(arguments + ["--force"]).makeOutput()
        #expect(text.contains("alpha 0.704") && text.contains("beta 1.182") && text.contains("220.1"))
    }

    @Test func fivePercentCompoundsToDoubleInFourteenYears() throws {
        let json = try jsonObject(try RetentionProjectCommand.parse(["--retention-gain", "0.05", "--years", "14", "--format", "json"]).makeOutput())
        let compounding = try #require(json["compounding"] as? [String: Any])
        #expect(isClose(compounding["growth"] as? Double ?? 0, pow(1.05, 14), tolerance: 1e-12))
        #expect(isClose(compounding["doublingYears"] as? Double ?? 0, log(2) / log(1.05), tolerance: 1e-12))
        #expect((compounding["byYear"] as? [Double])?.count == 14)
        let text = try RetentionProjectCommand.parse(["--retention-gain", "0.05"]).makeOutput()
        #expect(text.contains("x1.980 over 14 years") && text.contains("doubles in 14.2 years"))
    }

    @Test func badCohortsAreRejected() {
        #expect(throws: (any Error).self) { try RetentionProjectCommand.parse([]) }
        #expect(throws: (any Error).self) { try RetentionProjectCommand.parse(["--survivors", "1000"]) }
        #expect(throws: (any Error).self) { try RetentionProjectCommand.parse(["--survivors", "1000,x"]) }
        #expect { try RetentionProjectCommand.parse(["--survivors", "1000,600,700"]).makeOutput() } throws: { "\($0)".contains("non-increasing") }
    }
}
