import _TestSupport
import Testing
@testable import Experiments

@Suite struct PowerAnalysisTests {
    let power: StatisticsFixtures.Power

    init() throws { power = try StatisticsFixtures.load().power }

    @Test func sampleSizeMatchesStatsmodelsNormalIndPower() throws {
        for c in power.sampleSize {
            #expect(isClose(PowerAnalysis.cohensH(c.baseline, c.baseline * (1 - c.relativeReduction)), c.h, tolerance: 1e-14))
            let size = try PowerAnalysis.sampleSize(
                baselineRate: c.baseline, relativeReduction: c.relativeReduction, alpha: c.alpha, power: c.power,
                treatmentToControlRatio: c.ratio)
            // The issue asks for 1%; bisection on the exact power gets within 1e-8.
            #expect(isRelativelyClose(size.exactControlSize, c.n1, tolerance: 1e-8), "\(c)")
            #expect(size.controlSize == Int(c.n1.rounded(.up)))
        }
    }

    @Test func theAXAExample() throws {
        // Baseline 12%, 9% relative reduction, alpha 0.05, power 0.8: 13,648.6 per group (statsmodels).
        let size = try PowerAnalysis.sampleSize(baselineRate: 0.12, relativeReduction: 0.09)
        #expect(size.controlSize == 13649 && size.treatmentSize == 13649)
    }

    @Test func powerMatchesStatsmodels() {
        for row in power.power {
            let value = PowerAnalysis.power(effectSize: row[0], firstGroupSize: row[1], ratio: row[2], alpha: row[3])
            #expect(isClose(value, row[4], tolerance: 1e-13))
        }
    }

    @Test func minimumDetectableEffectsMatchStatsmodels() throws {
        for c in power.mde {
            let h = try PowerAnalysis.minimumDetectableEffectSize(
                firstGroupSize: Double(c.control), ratio: Double(c.treatment) / Double(c.control), alpha: c.alpha, power: c.power)
            // statsmodels' solve_power stops its root finder early here (its own power at its h is
            // 0.79991 to 0.80017), so agreement is to 1e-3 (the issue asks for 1%); ours solves the
            // power equation (checked against statsmodels above) to 1e-10.
            #expect(isRelativelyClose(h, c.h, tolerance: 1e-3))
            let ratio = Double(c.treatment) / Double(c.control)
            #expect(isClose(PowerAnalysis.power(effectSize: h, firstGroupSize: Double(c.control), ratio: ratio, alpha: c.alpha), c.power, tolerance: 1e-10))
            let reduction = try PowerAnalysis.minimumDetectableRelativeReduction(
                baselineRate: c.baseline, controlSize: c.control, treatmentSize: c.treatment, alpha: c.alpha, power: c.power)
            #expect(isRelativelyClose(reduction, c.relativeReduction, tolerance: 1e-3))
        }
    }

    @Test func planForADesignUsesTheAssignmentSizes() throws {
        // 2,000,000 customers, top 20% high: 400,000 high (40,000 control, 360,000 treated) and
        // 1,600,000 low (160,000 / 1,440,000); the fixture's statsmodels MDE cases use these sizes.
        let design = try ExperimentDesign.highLow()
        let rows = try PowerAnalysis.plan(design: design, customerCount: 2_000_000, baselineRates: [0.12, 0.04])
        #expect(rows.map(\.controlSize) == [40000, 160000] && rows.map(\.treatmentSize) == [360000, 1440000])
        for (row, reference) in zip(rows, power.mde.prefix(2)) {
            #expect(isRelativelyClose(row.minimumDetectableRelativeReduction, reference.relativeReduction, tolerance: 1e-3))
        }
        #expect(throws: ExperimentsError.self) { try PowerAnalysis.plan(design: design, customerCount: 100, baselineRates: [0.1]) }
    }

    @Test func badArgumentsThrow() {
        #expect(throws: ExperimentsError.self) { try PowerAnalysis.sampleSize(baselineRate: 0, relativeReduction: 0.1) }
        #expect(throws: ExperimentsError.self) { try PowerAnalysis.sampleSize(baselineRate: 0.1, relativeReduction: 1.2) }
        #expect(throws: ExperimentsError.self) { try PowerAnalysis.firstGroupSize(effectSize: 0) }
        #expect(throws: ExperimentsError.self) { try PowerAnalysis.firstGroupSize(effectSize: 0.1, alpha: 0.05, power: 1) }
        #expect(throws: ExperimentsError.self) {
            try PowerAnalysis.minimumDetectableRelativeReduction(baselineRate: 0.1, controlSize: 0, treatmentSize: 10)
        }
    }

    /// Issue 13: sizes beyond any customer base (a reduction of 1e-9, ratios of 1e±300) trapped in
    /// `Int(Double)`; now they are errors naming the argument, and a tiny alpha is computed exactly.
    @Test func impossibleSizesAreErrorsNotTraps() throws {
        for (reduction, ratio, name) in [(1e-9, 1.0, "relativeReduction"), (0.09, 1e300, "treatmentToControlRatio"), (0.09, 1e-300, "treatmentToControlRatio")] {
            #expect {
                try PowerAnalysis.sampleSize(baselineRate: 0.12, relativeReduction: reduction, treatmentToControlRatio: ratio)
            } throws: { error in
                guard case .invalidArgument(let argument, _, _) = error as? ExperimentsError else { return false }
                return argument == name
            }
        }
        // A tiny ratio, not the 9% reduction, is what would need 10^15 customers: equal groups need
        // 13,649 each (statsmodels' 13,648.6 rounded up, the AXA example above).
        let tinyRatio = #expect(throws: ExperimentsError.self) {
            try PowerAnalysis.sampleSize(baselineRate: 0.12, relativeReduction: 0.09, treatmentToControlRatio: 1e-300)
        }
        #expect(tinyRatio?.description == "treatmentToControlRatio = 1e-300: with this ratio the control group would need more than "
                + "10^15 customers (equal groups would need 13649 each)")
        // n = 2 ((z_a + z_b) / h)^2, the other tail being negligible here: scipy 1.x
        // norm.isf(5e-301) = 37.06578788077213, norm.isf(0.2) = 0.8416212335729142, with the AXA
        // example's h = 0.033913603332180076 gives 2,498,793.2730 (statsmodels' solver fails to
        // converge at this alpha).
        let size = try PowerAnalysis.sampleSize(baselineRate: 0.12, relativeReduction: 0.09, alpha: 1e-300)
        #expect(isRelativelyClose(size.exactControlSize, 2_498_793.2730208267, tolerance: 1e-8))
        #expect(size.controlSize == 2_498_794)
    }
}
