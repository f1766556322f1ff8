import _TestSupport
import Testing
@testable import Experiments

@Suite struct MultipleTestingTests {
    @Test func holmMatchesStatsmodels() throws {
        for c in try StatisticsFixtures.load().holm {
            let adjusted = MultipleTesting.holm(c.p)
            #expect(adjusted.count == c.holm.count)
            for (a, b) in zip(adjusted, c.holm) { #expect(isClose(a, b, tolerance: 1e-15)) }
        }
    }

    @Test func handWorkedHolm() {
        // m = 3: sorted 0.01, 0.02, 0.04 → 0.03, max(0.03, 0.04) = 0.04, max(0.04, 0.04) = 0.04.
        #expect(MultipleTesting.holm([0.04, 0.01, 0.02]) == [0.04, 0.03, 0.04])
        let withNaN = MultipleTesting.holm([0.2, .nan])
        #expect(withNaN[0] == 0.2 && withNaN[1].isNaN)
        #expect(MultipleTesting.holm([]) == [])
    }
}
