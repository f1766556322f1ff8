import Foundation
import Testing
@testable import Experiments

/// Hand-worked: [55, 45] against halves gives chi-square 25/50 + 25/50 = 1; [30, 70] against
/// 1/4, 3/4 gives 25/25 + 25/75 = 4/3. Pooled: 7/3 on 2 degrees of freedom, whose survival
/// function is exp(−x/2).
@Test func tiersPoolTheirChiSquaresAndDegreesOfFreedom() throws {
    let first = try SampleRatioCheck(observed: [55, 45], shares: [0.5, 0.5])
    let second = try SampleRatioCheck(observed: [30, 70], shares: [0.25, 0.75])
    let pooled = PooledSampleRatioCheck(tiers: [first, second])
    #expect(abs(pooled.chiSquare - 7.0 / 3) < 1e-12 && pooled.degreesOfFreedom == 2)
    #expect(abs(pooled.pValue - exp(-7.0 / 6)) < 1e-12 * exp(-7.0 / 6))
    #expect(pooled.passed && pooled.threshold == 0.001)
    #expect(PooledSampleRatioCheck(tiers: [second]).pValue == second.pValue)
}

@Test func aFailingTierFailsThePooledCheckAndNoTierPasses() throws {
    let failing = try SampleRatioCheck(observed: [80, 20], shares: [0.5, 0.5])  // chi-square 36
    let fine = (0..<30).map { _ in try? SampleRatioCheck(observed: [50, 50], shares: [0.5, 0.5]) }.compactMap { $0 }
    let pooled = PooledSampleRatioCheck(tiers: [failing] + fine)
    #expect(pooled.pValue >= 0.001 && !pooled.passed)  // 36 on 31 degrees of freedom is unremarkable
    let none = PooledSampleRatioCheck(tiers: [])
    #expect(none.chiSquare == 0 && none.degreesOfFreedom == 0 && none.pValue == 1 && none.passed)
}
