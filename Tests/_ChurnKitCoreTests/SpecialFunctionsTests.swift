import Foundation
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

/// ln P(χ² > x) where P underflows: closed forms for even degrees of freedom (k = 2: e^(-x/2);
/// k = 4: e^(-x/2)(1 + x/2); k = 6: e^(-x/2)(1 + x/2 + x²/8)) and, for k = 1, the asymptotic
/// series of erfc(t), t = √(x/2): ln Q = -t² - ln(t√π) + ln(1 - 1/(2t²) + 3/(4t⁴) - 15/(8t⁶)),
/// whose next term is below 1e-12 at these sizes. Where P does not underflow, it is ln of
/// `chiSquareSurvival` (itself checked against scipy above).
@Test func chiSquareLogSurvivalHoldsFarBelowTheSmallestDouble() {
    for x in [800.0, 5_000.0, 1e6] {
        #expect(abs(SpecialFunctions.chiSquareLogSurvival(x, degreesOfFreedom: 2) - -x / 2) <= 1e-12 * x)
        #expect(abs(SpecialFunctions.chiSquareLogSurvival(x, degreesOfFreedom: 4) - (-x / 2 + log1p(x / 2))) <= 1e-12 * x)
        let six = -x / 2 + log(1 + x / 2 + x * x / 8)
        #expect(abs(SpecialFunctions.chiSquareLogSurvival(x, degreesOfFreedom: 6) - six) <= 1e-12 * x)
        let t = (x / 2).squareRoot(), t2 = x / 2
        let series = -t2 - log(t * Double.pi.squareRoot()) + log(1 - 1 / (2 * t2) + 3 / (4 * t2 * t2) - 15 / (8 * t2 * t2 * t2))
        #expect(abs(SpecialFunctions.chiSquareLogSurvival(x, degreesOfFreedom: 1) - series) <= 1e-12 * x, "x \(x)")
    }
    #expect(SpecialFunctions.chiSquareSurvival(5_000, degreesOfFreedom: 1) == 0)
    for (x, k) in [(0.5, 1.0), (3.84, 1.0), (30.0, 7.0), (150.0, 1.0), (200.0, 50.0), (600.0, 3.0)] {
        let direct = log(SpecialFunctions.chiSquareSurvival(x, degreesOfFreedom: k))
        #expect(abs(SpecialFunctions.chiSquareLogSurvival(x, degreesOfFreedom: k) - direct) <= 1e-12 * max(1, abs(direct)), "x \(x), k \(k)")
    }
    #expect(SpecialFunctions.chiSquareLogSurvival(0, degreesOfFreedom: 3) == 0)
    #expect(SpecialFunctions.chiSquareLogSurvival(.infinity, degreesOfFreedom: 3) == -.infinity)
    #expect(SpecialFunctions.chiSquareLogSurvival(1, degreesOfFreedom: 0).isNaN)
}
