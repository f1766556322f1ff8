import Testing
@testable import ChurnCLI

@Suite struct SegmentGroupCommandTests {
    @Test func segmentFitIsTheDefaultAndAssignIsASubcommand() throws {
        #expect(try ChurnCommand.parseAsRoot(["segment", "customers.csv", "--k", "4"]) is SegmentCommand)
        #expect(try ChurnCommand.parseAsRoot(["segment", "fit", "customers.csv", "--k", "4"]) is SegmentCommand)
        #expect(try ChurnCommand.parseAsRoot(["segment", "assign", "model.json", "customers.csv", "--out", "s.csv"]) is SegmentAssignCommand)
        #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["segment", "assign", "model.json", "customers.csv"]) }
    }
}
