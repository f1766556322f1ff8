import Testing
@testable import Experiments

@Suite struct ExperimentOutcomesTests {
    @Test func badOutcomesThrowClearErrors() {
        #expect(throws: ExperimentsError.duplicateID(id: "b", firstRow: 2, row: 3)) {
            try ExperimentOutcomes(ids: ["a", "b", "b"], events: [true, false, true])
        }
        #expect(throws: ExperimentsError.lengthMismatch(argument: "events", count: 1, expected: 2)) {
            try ExperimentOutcomes(ids: ["a", "b"], events: [true])
        }
        #expect(throws: ExperimentsError.nonFiniteValue(argument: "numericOutcome", index: 1, value: .infinity)) {
            try ExperimentOutcomes(ids: ["a", "b"], events: [true, false], numericOutcome: [1, .infinity])
        }
        #expect(throws: ExperimentsError.self) {
            try ExperimentOutcomes(ids: ["a"], events: [true], customerValue: [-1])
        }
    }

    @Test func validOutcomesKeepTheirColumns() throws {
        let outcomes = try ExperimentOutcomes(ids: ["a", "b"], events: [true, false], numericOutcome: [2, 0], customerValue: [10, 20])
        #expect(outcomes.events == [true, false] && outcomes.numericOutcome == [2, 0] && outcomes.customerValue == [10, 20])
    }
}
