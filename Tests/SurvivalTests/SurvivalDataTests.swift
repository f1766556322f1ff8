import Tabular
import Testing
@testable import Survival

@Suite struct SurvivalDataTests {
    @Test func readsDurationsEventsAndGroups() throws {
        let data = try SurvivalData(table: try table("t,e,g\n3,1,a\n0,0,b\n5,0,a\n"), duration: "t", event: "e", group: "g", file: "f.csv")
        #expect(data.durations == [3, 0, 5] && data.events == [true, false, false] && data.groupLabels == ["a", "b"])
        #expect(data.subset(group: "a").durations == [3, 5])
        let yesNo = try SurvivalData(table: try table("t,churn\n3,Yes\n4,No\n"), duration: "t", event: "churn", file: "f.csv")
        #expect(yesNo.events == [true, false])
    }

    @Test func badRowsNameLineAndColumn() throws {
        #expect(throws: SurvivalError.invalidEvent(file: "f.csv", line: 3, column: "e", value: "2")) {
            try SurvivalData(table: try table("t,e\n3,1\n4,2\n"), duration: "t", event: "e", file: "f.csv")
        }
        #expect(throws: SurvivalError.invalidDuration(file: "f.csv", line: 2, column: "t", value: "-3")) {
            try SurvivalData(table: try table("t,e\n-3,1\n4,0\n"), duration: "t", event: "e", file: "f.csv")
        }
        #expect(throws: SurvivalError.zeroDurationEvent(file: "f.csv", line: 3, column: "t")) {
            try SurvivalData(table: try table("t,e\n3,1\n0,1\n"), duration: "t", event: "e", file: "f.csv")
        }
        #expect(throws: SurvivalError.invalidDuration(file: "f.csv", line: 3, column: "t", value: "")) {
            try SurvivalData(table: try table("t,e\n3,1\n,1\n"), duration: "t", event: "e", file: "f.csv")
        }
        #expect(throws: SurvivalError.invalidEvent(file: "f.csv", line: 2, column: "e", value: "gone")) {
            try SurvivalData(table: try table("t,e\n3,gone\n4,here\n5,unsure\n"), duration: "t", event: "e", file: "f.csv")
        }
        let error = #expect(throws: SurvivalError.self) {
            try SurvivalData(table: try table("t,e\n3,1\n"), duration: "tenure", event: "e", file: "f.csv")
        }
        #expect(error?.description == "f.csv: no column \"tenure\" (columns: t, e)")
    }
}

/// The shared sort of the Cox fit: (duration, event, row) ascending, negative and signed-zero
/// durations in numeric order.
@Test func survivalOrderSortsByDurationThenEventThenRow() {
    let durations = [3.0, 1, 3, -0.0, 2, 3, 0, -1.5]
    let events = [true, false, false, true, true, false, false, false]
    #expect(_survivalOrder(durations: durations, events: events) == [7, 6, 3, 1, 4, 2, 5, 0])
}
