import _TestSupport
import Testing
@testable import Experiments

@Suite struct SampleRatioCheckTests {
    @Test func chiSquareMatchesScipy() throws {
        for c in try StatisticsFixtures.load().srm {
            let check = try SampleRatioCheck(observed: c.observed, shares: c.shares)
            #expect(isClose(check.chiSquare, c.chiSquare, tolerance: 1e-12))
            #expect(isRelativelyClose(check.pValue, c.pValue, tolerance: 1e-9))
            #expect(check.passed == (c.pValue >= 0.001))
            #expect(check.degreesOfFreedom == c.observed.count - 1)
        }
    }

    @Test func hillstromArmsPass() throws {
        // 21,306 / 21,307 / 21,387 against thirds: the published split is balanced.
        let check = try SampleRatioCheck(observed: [21306, 21307, 21387], shares: [1.0 / 3, 1.0 / 3, 1.0 / 3])
        #expect(check.passed)
    }

    @Test func badInputThrows() {
        #expect(throws: ExperimentsError.sharesDoNotSumToOne(tier: "sample-ratio check", sum: 0.9)) {
            try SampleRatioCheck(observed: [1, 2], shares: [0.5, 0.4])
        }
        #expect(throws: ExperimentsError.lengthMismatch(argument: "shares", count: 1, expected: 2)) {
            try SampleRatioCheck(observed: [1, 2], shares: [1])
        }
        #expect(throws: ExperimentsError.self) { try SampleRatioCheck(observed: [1, 2], shares: [1, 0]) }
        #expect(throws: ExperimentsError.self) { try SampleRatioCheck(observed: [-1, 2], shares: [0.5, 0.5]) }
    }
}
