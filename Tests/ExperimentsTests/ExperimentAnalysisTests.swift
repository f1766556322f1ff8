import _TestSupport
import Testing
import Tabular
@testable import Experiments

@Suite struct ExperimentAnalysisTests {
    let hillstrom: StatisticsFixtures.Hillstrom

    init() throws { hillstrom = try StatisticsFixtures.load().hillstrom }

    static let armNames = ["No E-Mail", "Mens E-Mail", "Womens E-Mail"]

    static func hillstromDesign() throws -> ExperimentDesign {
        try ExperimentDesign(tierRule: .scoreThresholds([]), tiers: [
            TierDesign(name: "all", controlName: "No E-Mail", controlShare: 1.0 / 3,
                       arms: [TreatmentArm(name: "Mens E-Mail", share: 1.0 / 3), TreatmentArm(name: "Womens E-Mail", share: 1.0 / 3)]),
        ])
    }

    /// Checks a report on Hillstrom visits against the statsmodels fixtures.
    func checkVisits(_ report: ExperimentReport) throws {
        #expect(report.cells.map(\.arm) == ["Mens E-Mail", "Womens E-Mail"])
        for cell in report.cells {
            let reference = try #require(hillstrom.comparisons[cell.arm]).visit
            let c = cell.comparison
            let newcombe = try #require(c.differenceInterval)
            let ratio = try #require(c.riskRatioInterval)
            #expect(isClose(newcombe.lower, reference.newcombe[0], tolerance: 1e-9) && isClose(newcombe.upper, reference.newcombe[1], tolerance: 1e-9))
            #expect(isClose(ratio.lower, reference.logRatio[0], tolerance: 1e-9) && isClose(ratio.upper, reference.logRatio[1], tolerance: 1e-9))
            #expect(c.testMethod == .twoProportionZ)
            #expect(isRelativelyClose(c.pValue, reference.zPValue, tolerance: 1e-6))
        }
        #expect(report.sampleRatio[0].check.observed == hillstrom.srm.observed)
        #expect(isClose(report.sampleRatio[0].check.pValue, hillstrom.srm.pValue, tolerance: 1e-12))
        #expect(report.sampleRatio[0].check.passed)
        #expect(!report.warnings.contains { $0.contains("SAMPLE RATIO MISMATCH") })
    }

    @Test func hillstromCountsMatchStatsmodels() throws {
        // Rebuilds the experiment from the per-arm counts in the fixture (pandas on the real file).
        var ids: [String] = [], groups: [String] = [], visits: [Bool] = []
        for name in Self.armNames {
            let arm = try #require(hillstrom.arms[name])
            for k in 0..<arm.n {
                ids.append("\(name)-\(k)")
                groups.append(name)
                visits.append(k < arm.visits)
            }
        }
        let assignment = try Assignment(design: try Self.hillstromDesign(), ids: ids, tierNames: ids.map { _ in "all" }, groupNames: groups)
        let report = try ExperimentAnalysis.analyze(assignment: assignment, outcomes: try ExperimentOutcomes(ids: ids, events: visits))
        try checkVisits(report)
        #expect(report.join.matched == 64000 && report.warnings.isEmpty)
    }

    // The real file through the CSV reader; skipped without ../shared/datasets.
    @Test(.enabled(if: sharedDatasetsAvailable, "needs ../shared/datasets/hillstrom-email.csv"))
    func hillstromFromTheRealFile() throws {
        let table = try Table(csvAt: hillstromPath)
        let segment = try table.column(named: "segment")
        let labels = (0..<table.rowCount).map { segment.text(at: $0) ?? "" }
        func flags(_ name: String) throws -> [Bool] {
            let column = try table.column(named: name)
            return (0..<table.rowCount).map { column.text(at: $0) == "1" }
        }
        guard case .numeric(let spend) = try table.column(named: "spend").values else { Issue.record("spend is not numeric"); return }
        let ids = (0..<table.rowCount).map { String($0 + 1) }
        let assignment = try Assignment(design: try Self.hillstromDesign(), ids: ids, tierNames: ids.map { _ in "all" }, groupNames: labels)

        let visits = try ExperimentAnalysis.analyze(assignment: assignment, outcomes: try ExperimentOutcomes(ids: ids, events: try flags("visit"), numericOutcome: spend))
        try checkVisits(visits)
        // Published rates (SOURCES.md): visit 0.1062 / 0.1828 / 0.1514.
        #expect(String(format: "%.4f", visits.cells[0].comparison.controlRate) == "0.1062")
        #expect(String(format: "%.4f", visits.cells[0].comparison.treatmentRate) == "0.1828")
        #expect(String(format: "%.4f", visits.cells[1].comparison.treatmentRate) == "0.1514")
        for cell in visits.cells {
            let reference = try #require(hillstrom.comparisons[cell.arm]).spend
            let welch = try #require(cell.numericOutcome)
            #expect(isClose(welch.difference, reference.difference, tolerance: 1e-12))
            #expect(isClose(welch.interval.lower, reference.interval[0], tolerance: 1e-9) && isClose(welch.interval.upper, reference.interval[1], tolerance: 1e-9))
        }

        let conversions = try ExperimentAnalysis.analyze(assignment: assignment, outcomes: try ExperimentOutcomes(ids: ids, events: try flags("conversion")))
        // Published: conversion 0.0057 / 0.0125 / 0.0088.
        #expect(String(format: "%.4f", conversions.cells[0].comparison.controlRate) == "0.0057")
        #expect(String(format: "%.4f", conversions.cells[0].comparison.treatmentRate) == "0.0125")
        #expect(String(format: "%.4f", conversions.cells[1].comparison.treatmentRate) == "0.0088")
        for cell in conversions.cells {
            let reference = try #require(hillstrom.comparisons[cell.arm]).conversion
            let newcombe = try #require(cell.comparison.differenceInterval)
            let ratio = try #require(cell.comparison.riskRatioInterval)
            #expect(isClose(newcombe.lower, reference.newcombe[0], tolerance: 1e-9) && isClose(newcombe.upper, reference.newcombe[1], tolerance: 1e-9))
            #expect(isClose(ratio.lower, reference.logRatio[0], tolerance: 1e-9) && isClose(ratio.upper, reference.logRatio[1], tolerance: 1e-9))
        }
    }

    func smallExperiment() throws -> Assignment {
        // Two tiers, one arm; rows 0-9 high (0-3 control), rows 10-29 low (10-17 control).
        let design = try ExperimentDesign.highLow(highFraction: 1.0 / 3, controlShare: 0.4, arms: ["call"])
        let ids = (0..<30).map { "c\($0)" }
        let tiers = (0..<30).map { $0 < 10 ? "high" : "low" }
        let groups = (0..<30).map { ($0 < 4 || ($0 >= 10 && $0 < 18)) ? "control" : "call" }
        return try Assignment(design: design, ids: ids, tierNames: tiers, groupNames: groups)
    }

    @Test func unmatchedIDsAreCountedAndReportedNeverDropped() throws {
        let assignment = try smallExperiment()
        var ids = assignment.ids.filter { $0 != "c5" && $0 != "c20" }
        ids += ["x1", "x2", "x3"]
        let outcomes = try ExperimentOutcomes(ids: ids, events: ids.map { $0.hasSuffix("1") })
        let report = try ExperimentAnalysis.analyze(assignment: assignment, outcomes: outcomes)
        #expect(report.join.assigned == 30 && report.join.matched == 28)
        #expect(report.join.assignedWithoutOutcome == 2 && report.join.exampleMissingOutcomeIDs == ["c5", "c20"])
        #expect(report.join.outcomesWithoutAssignment == 3 && report.join.exampleUnassignedOutcomeIDs == ["x1", "x2", "x3"])
        #expect(report.warnings.contains { $0.hasPrefix("3 outcome rows have ids not in the assignment") })
        #expect(report.warnings.contains { $0.hasPrefix("2 assigned customers have no outcome") })
        #expect(report.cells[0].comparison.treatment.total == 5)
    }

    @Test func noMatchingOutcomesThrows() throws {
        let assignment = try smallExperiment()
        #expect(throws: ExperimentsError.self) {
            try ExperimentAnalysis.analyze(assignment: assignment, outcomes: try ExperimentOutcomes(ids: ["zz"], events: [true]))
        }
        #expect(throws: ExperimentsError.self) {
            try ExperimentAnalysis.analyze(assignment: assignment, outcomes: try ExperimentOutcomes(ids: ["c1"], events: [true]), customerValue: .fromOutcomes)
        }
    }

    @Test func sampleRatioMismatchWarnsFirstAndLoudly() throws {
        // Designed 10% control, observed 50%.
        let design = try ExperimentDesign(tierRule: .scoreThresholds([]), tiers: [
            TierDesign(name: "all", controlShare: 0.1, arms: [TreatmentArm(name: "a", share: 0.9)]),
        ])
        let ids = (0..<1000).map(String.init)
        let assignment = try Assignment(design: design, ids: ids, tierNames: ids.map { _ in "all" }, groupNames: ids.indices.map { $0 % 2 == 0 ? "control" : "a" })
        let report = try ExperimentAnalysis.analyze(assignment: assignment, outcomes: try ExperimentOutcomes(ids: ids, events: ids.indices.map { $0 % 7 == 0 }))
        #expect(report.sampleRatio[0].check.passed == false)
        #expect(report.warnings.first?.hasPrefix("SAMPLE RATIO MISMATCH in tier \"all\": observed 500/500 vs designed 100/900") == true)
    }

    @Test func holmAndPoolingAcrossTiers() throws {
        let assignment = try smallExperiment()
        let churned = Set(["c0", "c1", "c2", "c5", "c10", "c11", "c12", "c13", "c14", "c20"])
        let report = try ExperimentAnalysis.analyze(assignment: assignment, outcomes: try ExperimentOutcomes(ids: assignment.ids, events: assignment.ids.map { churned.contains($0) }))
        // High: control 3/4, call 1/6. Low: control 5/8, call 1/12. Small cells: Fisher.
        let high = report.cells[0].comparison, low = report.cells[1].comparison
        #expect([high.control.events, high.control.total, high.treatment.events, high.treatment.total] == [3, 4, 1, 6])
        #expect([low.control.events, low.control.total, low.treatment.events, low.treatment.total] == [5, 8, 1, 12])
        #expect(high.testMethod == .fisherExact && low.testMethod == .fisherExact)
        #expect(report.cells.map(\.adjustedPValue) == MultipleTesting.holm([high.pValue, low.pValue]))
        #expect(report.pooled.count == 1 && report.pooled[0].arm == "call")
        #expect(report.pooled[0].result == MantelHaenszel.pool([(high.treatment, high.control), (low.treatment, low.control)]))
    }

    @Test func economicsUseDesignCostsAndOverrides() throws {
        let assignment = try smallExperiment()
        let churned = Set(["c0", "c1", "c2", "c5", "c10", "c11", "c12", "c13", "c14", "c20"])
        let outcomes = try ExperimentOutcomes(ids: assignment.ids, events: assignment.ids.map { churned.contains($0) })
        let report = try ExperimentAnalysis.analyze(assignment: assignment, outcomes: outcomes, customerValue: .perCustomer(100), costPerCustomer: ["call": 5])
        // High tier: 6 called, control rate 0.75, called rate 1/6 → 3.5 retained, value 350, cost 30.
        let economics = try #require(report.cells[0].economics)
        #expect(isClose(economics.customersRetained, 3.5, tolerance: 1e-14))
        #expect(isClose(economics.valueRetained, 350, tolerance: 1e-12))
        #expect(economics.actionCost == 30 && isClose(economics.netValue, 320, tolerance: 1e-12))
        #expect(isClose(try #require(economics.returnOnInvestment), 320.0 / 30, tolerance: 1e-14))
    }

    /// Issue 13: values and costs whose products with the customer counts overflow are refused,
    /// naming the tier, the arm and the figure, instead of reporting inf and NaN economics; the
    /// largest finite inputs that do not overflow still give finite figures.
    @Test func economicsThatOverflowAreRefused() throws {
        let assignment = try smallExperiment()
        let churned = Set(["c0", "c1", "c2", "c5", "c10", "c11", "c12", "c13", "c14", "c20"])
        let outcomes = try ExperimentOutcomes(ids: assignment.ids, events: assignment.ids.map { churned.contains($0) })
        // High tier: 6 called; 6 x 1e308 overflows the action cost.
        let cost = #expect(throws: ExperimentsError.self) {
            try ExperimentAnalysis.analyze(assignment: assignment, outcomes: outcomes, customerValue: .perCustomer(1), costPerCustomer: ["call": 1e308])
        }
        #expect(cost?.description.contains("in tier \"high\", arm \"call\" the action cost (6 treated customers) is not a finite number") == true,
                "\(String(describing: cost))")
        // Value retained = 3.5 customers x 1e308.
        let value = #expect(throws: ExperimentsError.self) {
            try ExperimentAnalysis.analyze(assignment: assignment, outcomes: outcomes, customerValue: .perCustomer(1e308), costPerCustomer: ["call": 0])
        }
        #expect(value?.description.contains("economics = value 1e+308, cost 0.0 per treated customer: in tier \"high\", arm \"call\" the value retained") == true,
                "\(String(describing: value))")
        // Per-customer values of 1e300: the means fit, the spread of value lost (its variance) does not.
        let rich = try ExperimentOutcomes(ids: assignment.ids, events: assignment.ids.map { churned.contains($0) },
                                          customerValue: assignment.ids.map { _ in 1e300 })
        let spread = #expect(throws: ExperimentsError.self) {
            try ExperimentAnalysis.analyze(assignment: assignment, outcomes: rich, customerValue: .fromOutcomes, costPerCustomer: ["call": 0])
        }
        #expect(spread?.description.contains("values up to 1e+300") == true && spread?.description.contains("is not a finite number") == true,
                "\(String(describing: spread))")
        // 1e300 per customer and per call: every figure is finite (3.5e300 retained, 6e300 cost in the high tier).
        let report = try ExperimentAnalysis.analyze(assignment: assignment, outcomes: outcomes, customerValue: .perCustomer(1e300), costPerCustomer: ["call": 1e300])
        let economics = try #require(report.cells[0].economics)
        #expect(isRelativelyClose(economics.valueRetained, 3.5e300, tolerance: 1e-14) && economics.actionCost == 6e300)
        #expect(isRelativelyClose(try #require(economics.returnOnInvestment), (3.5 - 6) / 6, tolerance: 1e-14))
    }
}
