import Testing
@testable import Experiments

@Suite struct NumericExperimentReportTests {
    /// Hand-worked: tier a, control spends [1, 2, 3], arm [2, 4, 6]: difference 2, Welch on
    /// variances 1 and 4 (the comparison itself is checked against statsmodels in
    /// MeanComparisonTests); tier b's arm has one customer, so no interval and a warning.
    @Test func comparesMeansPerCell() throws {
        let design = try ExperimentDesign(tierRule: .scoreThresholds([1]), tiers: [
            TierDesign(name: "a", controlShare: 0.5, arms: [TreatmentArm(name: "mail", share: 0.5)]),
            TierDesign(name: "b", controlShare: 0.5, arms: [TreatmentArm(name: "mail", share: 0.5)]),
        ])
        let ids = (1...10).map { "c\($0)" }
        let tiers = ["a", "a", "a", "a", "a", "a", "b", "b", "b", "b"]
        let groups = ["control", "control", "control", "mail", "mail", "mail", "control", "control", "control", "mail"]
        let assignment = try Assignment(design: design, ids: ids, tierNames: tiers, groupNames: groups)
        let spend = [1.0, 2, 3, 2, 4, 6, 5, 5, 6, 9]
        // Outcomes in another order, one extra id: joined by id, the extra one reported.
        let report = try ExperimentAnalysis.analyzeNumeric(assignment: assignment, ids: ids.reversed() + ["x"], values: spend.reversed() + [0])
        #expect(report.cells.map(\.tier) == ["a", "b"] && report.join.matched == 10 && report.join.outcomesWithoutAssignment == 1)
        let a = report.cells[0]
        #expect(a.treatment == SampleSummary(count: 3, mean: 4, variance: 4) && a.control == SampleSummary(count: 3, mean: 2, variance: 1))
        #expect(a.comparison == (try WelchComparison(SampleSummary([2, 4, 6]), SampleSummary([1, 2, 3]))))
        #expect(a.comparison?.difference == 2 && a.adjustedPValue == a.comparison?.pValue)
        #expect(report.cells[1].comparison == nil && report.cells[1].adjustedPValue.isNaN)
        #expect(report.warnings.contains { $0.contains("tier \"b\"") } && report.warnings.contains { $0.contains("not in the assignment") })
        #expect(report.sampleRatio.map(\.check.observed) == [[3, 3], [3, 1]])
        #expect(throws: ExperimentsError.self) { try ExperimentAnalysis.analyzeNumeric(assignment: assignment, ids: ids, values: [1]) }
        #expect(throws: ExperimentsError.self) { try ExperimentAnalysis.analyzeNumeric(assignment: assignment, ids: ["y"], values: [1]) }
    }
}
