import ChurnKit
import Testing
@testable import ChurnCLI

@Suite struct ExperimentColumnsTests {
    @Test func flagsAcceptBooleansAndZeroOneOnly() throws {
        let table = try Table(columns: [
            Column(name: "ok", numeric: [0, 1, 1]), Column(name: "bad", numeric: [0, 2, 1]),
            Column(name: "label", labels: ["a", "b", "a"]), Column(name: "gap", numeric: [1, .nan, 0]),
        ])
        #expect(try ExperimentColumns.flags(table, "ok", file: "f.csv") == [false, true, true])
        #expect(throws: (any Error).self) { try ExperimentColumns.flags(table, "bad", file: "f.csv") }
        #expect(throws: (any Error).self) { try ExperimentColumns.flags(table, "label", file: "f.csv") }
        #expect(throws: (any Error).self) { try ExperimentColumns.numbers(table, "gap", file: "f.csv") }
        #expect(try ExperimentColumns.texts(table, "label", file: "f.csv") == ["a", "b", "a"])
    }

    @Test func namedNumbersAndIntervals() throws {
        #expect(try parseNamedNumbers(["call=15", "mail=0.5"], option: "--cost") == ["call": 15, "mail": 0.5])
        #expect(throws: (any Error).self) { try parseNamedNumbers(["call"], option: "--cost") }
        #expect(withInterval(0.5, nil).hasSuffix("[undefined]"))
        #expect(formattedPValue(3.1823e-44) == "3.182e-44" && formattedPValue(.nan) == "-")
        #expect(formattedPValue(0) == "< 1e-300" && formattedPValue(1e-310) == "< 1e-300" && formattedPValue(2e-300) == "2.000e-300")
    }
}
