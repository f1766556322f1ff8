import _TestSupport
import LinearAlgebra
import Tabular
import Testing
@testable import Survival

@Suite struct CoxProportionalHazardsTests {
    @Test(.enabled(if: telcoAvailable, "needs ../shared/datasets/telco-customer-churn.csv"))
    func telcoFitEqualsLifelines() throws {
        let telco = try Table(csvAt: telcoPath)
        let data = try SurvivalData(table: telco, duration: "tenure", event: "Churn", file: telcoPath)
        let design = try CovariateDesign(
            table: telco, columns: ["MonthlyCharges", "SeniorCitizen", "Partner", "Dependents", "PaperlessBilling", "Contract"], file: telcoPath)
        let reference = try LifelinesFixtures.load().cox
        #expect(design.names == reference.covariates)
        #expect(design.referenceLevels == ["Contract": "Month-to-month"])
        let model = try CoxProportionalHazards().fit(covariates: design.matrix, durations: data.durations, events: data.events, names: design.names)
        for (j, row) in model.coefficients.enumerated() {
            #expect(isClose(row.coefficient, reference.coefficients[j], tolerance: 1e-6), "\(row.name): \(row.coefficient) vs \(reference.coefficients[j])")
            #expect(isClose(row.standardError, reference.standardErrors[j], tolerance: 1e-6))
            #expect(isClose(row.hazardRatio, reference.hazardRatios[j], tolerance: 1e-6))
            #expect(isClose(row.lower, reference.lower[j], tolerance: 1e-6) && isClose(row.upper, reference.upper[j], tolerance: 1e-6))
            #expect(isClose(row.z, reference.z[j], tolerance: 1e-5))
        }
        #expect(model.logPartialLikelihood >= reference.logPartialLikelihood - 1e-9)
        #expect(isClose(model.logPartialLikelihood, reference.logPartialLikelihood, tolerance: 1e-10))
        #expect(isClose(model.concordance, reference.concordance, tolerance: 1e-9), "\(model.concordance) vs \(reference.concordance)")
        for (j, check) in model.proportionalHazardsTest.enumerated() {
            #expect(isClose(check.statistic, reference.phTestStatistics[j], tolerance: 1e-6), "\(check.name): \(check.statistic) vs \(reference.phTestStatistics[j])")
        }
        #expect(model.eventCount == 1869 && model.rowCount == 7043)
    }

    @Test func constantOrCollinearCovariatesAreReported() throws {
        let x = try Matrix([[1, 2], [1, 3], [1, 4], [1, 5]])
        #expect(throws: SurvivalError.self) {
            try CoxProportionalHazards().fit(covariates: x, durations: [1, 2, 3, 4], events: [true, true, false, true], names: ["a", "b"])
        }
        let collinear = try Matrix([[1, 2], [2, 4], [3, 6], [4, 8.0]])
        #expect(throws: SurvivalError.self) {
            try CoxProportionalHazards().fit(covariates: collinear, durations: [1, 2, 3, 4], events: [true, true, false, true], names: ["a", "b"])
        }
        #expect(throws: SurvivalError.self) {
            try CoxProportionalHazards().fit(covariates: try Matrix([[1], [2]]), durations: [1, 2], events: [false, false], names: ["a"])
        }
    }
}
