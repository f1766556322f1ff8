import Testing
@testable import Experiments

@Suite struct AssignmentManifestTests {
    @Test func countsSharesAndRangesAreRecorded() throws {
        let design = try ExperimentDesign.highLow(highFraction: 0.5, controlShare: 0.5)
        let scores = [0.9, 0.1, 0.8, 0.2, 0.7, 0.3, 0.6, 0.4]
        let assignment = try Assignment.randomize(design: design, ids: (1...8).map(String.init), scores: scores, seed: 99)
        let manifest = AssignmentManifest(
            assignment: assignment, seed: UInt64.max, input: .init(name: "scores.csv", sha256: "ab", idColumn: "id", scoreColumn: "p"))
        #expect(manifest.seed == "18446744073709551615")
        #expect(manifest.cells.map(\.count) == [2, 2, 2, 2])
        #expect(manifest.cells.map(\.arm) == ["control", "action", "control", "action"])
        #expect(manifest.cells.map(\.group) == ["control", "treatment", "control", "treatment"])
        #expect(manifest.tierRanges[0].minimumScore == 0.6 && manifest.tierRanges[0].maximumScore == 0.9)
        #expect(manifest.tierRanges[1].minimumScore == 0.1 && manifest.tierRanges[1].maximumScore == 0.4)
        #expect(manifest.customerCount == 8 && manifest.version == 1)
    }
}
