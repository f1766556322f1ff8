import _TestSupport
import Testing
import Tabular
@testable import Experiments

@Suite struct CovariateBalanceTests {
    @Test func smdMatchesNumpyFormula() throws {
        for c in try StatisticsFixtures.load().balance {
            #expect(isClose(CovariateBalance.standardizedMeanDifference(treatment: c.treatment, control: c.control), c.smd, tolerance: 1e-13))
        }
        #expect(CovariateBalance.standardizedMeanDifference(treatment: [1], control: [1, 2]).isNaN)
        #expect(CovariateBalance.standardizedMeanDifference(treatment: [1, 1], control: [1, 1]) == 0)
    }

    @Test func tablePerTierArmAndCovariate() throws {
        // Hand-worked: one tier with control rows 0, 1 (x = 1, 3) and arm rows 2, 3 (x = 2, 6):
        // means 4 and 2, variances 8 and 2, SMD = 2 / √5.
        let design = try ExperimentDesign(tierRule: .scoreThresholds([]), tiers: [
            TierDesign(name: "all", controlShare: 0.5, arms: [TreatmentArm(name: "a", share: 0.5)]),
        ])
        let a = try Assignment(design: design, ids: ["0", "1", "2", "3"], tierNames: ["all", "all", "all", "all"], groupNames: ["control", "control", "a", "a"])
        let covariates = try Table(columns: [Column(name: "x", numeric: [1, 3, 2, 6]), Column(name: "label", labels: ["u", "v", "u", "v"])])
        let rows = try CovariateBalance.table(assignment: a, covariates: covariates)
        #expect(rows.count == 1)
        #expect(rows[0].treatmentMean == 4 && rows[0].controlMean == 2)
        #expect(isClose(rows[0].standardizedMeanDifference, 2 / 5.0.squareRoot(), tolerance: 1e-15))
        #expect(throws: ExperimentsError.self) { try CovariateBalance.table(assignment: a, covariates: try Table(columns: [Column(name: "x", numeric: [1])])) }
    }
}
