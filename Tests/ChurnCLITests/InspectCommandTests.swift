import Testing
@testable import ChurnCLI

@Test func inspectRejectsAMissingFile() throws {
    let command = try InspectCommand.parse(["/nonexistent/customers.csv"])
    #expect(throws: (any Error).self) { try command.makeOutput() }
}
