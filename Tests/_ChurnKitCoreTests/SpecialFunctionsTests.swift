import _TestSupport
import Testing
import _ChurnKitCore

@Suite struct SpecialFunctionsTests {
    let special: SpecialFixtures

    init() throws { special = try SpecialFixtures.load() }

    @Test func normalCDFAndSurvivalMatchScipyInBothTails() {
        for row in special.normalCDF {
            #expect(isRelativelyClose(SpecialFunctions.normalCDF(row[0]), row[1], tolerance: 1e-12), "x = \(row[0])")
            #expect(isRelativelyClose(SpecialFunctions.normalSurvival(row[0]), row[2], tolerance: 1e-12), "x = \(row[0])")
        }
    }

    @Test func normalQuantileMatchesScipy() {
        for row in special.normalQuantile {
            #expect(isRelativelyClose(SpecialFunctions.normalQuantile(row[0]), row[1], tolerance: 1e-14), "p = \(row[0])")
        }
        #expect(SpecialFunctions.normalQuantile(0) == -.infinity)
        #expect(SpecialFunctions.normalQuantile(1) == .infinity)
        #expect(SpecialFunctions.normalQuantile(1.5).isNaN)
    }

    @Test func chiSquareSurvivalMatchesScipy() {
        for row in special.chiSquareSurvival {
            #expect(isRelativelyClose(SpecialFunctions.chiSquareSurvival(row[0], degreesOfFreedom: row[1]), row[2], tolerance: 1e-12),
                    "x = \(row[0]), df = \(row[1])")
        }
        #expect(SpecialFunctions.chiSquareSurvival(-1, degreesOfFreedom: 2) == 1)
    }

    @Test func incompleteGammaAndBetaMatchScipy() {
        for row in special.gammaP {
            #expect(isClose(SpecialFunctions.regularizedGammaP(row[0], row[1]), row[2], tolerance: 1e-13))
            #expect(isRelativelyClose(SpecialFunctions.regularizedGammaQ(row[0], row[1]), row[3], tolerance: 1e-12))
        }
        for row in special.beta {
            #expect(isClose(SpecialFunctions.regularizedBeta(row[0], row[1], row[2]), row[3], tolerance: 1e-11),
                    "x = \(row[0]), a = \(row[1]), b = \(row[2])")
        }
        #expect(SpecialFunctions.regularizedBeta(1.2, 1, 1).isNaN)
    }

    @Test func studentTMatchesScipy() {
        for row in special.studentTCDF {
            #expect(isRelativelyClose(SpecialFunctions.studentTCDF(row[0], degreesOfFreedom: row[1]), row[2], tolerance: 1e-10),
                    "t = \(row[0]), df = \(row[1])")
        }
        for row in special.studentTQuantile {
            #expect(isRelativelyClose(SpecialFunctions.studentTQuantile(row[0], degreesOfFreedom: row[1]), row[2], tolerance: 1e-10),
                    "p = \(row[0]), df = \(row[1])")
        }
    }

    @Test func hypergeometricMatchesScipy() throws {
        for row in special.hypergeometric {
            let result = try #require(SpecialFunctions.hypergeometricProbabilities(
                population: row.population, successes: row.successes, draws: row.draws))
            #expect(result.lowest == row.lowest)
            #expect(result.probabilities.count == row.pmf.count)
            for (a, b) in zip(result.probabilities, row.pmf) { #expect(isClose(a, b, tolerance: 1e-13)) }
        }
        #expect(SpecialFunctions.hypergeometricProbabilities(population: 5, successes: 6, draws: 1) == nil)
    }
}
