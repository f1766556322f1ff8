import Testing
import _TestSupport

@Test func theBudgetIsAbsoluteBelowOneAndRelativeAbove() {
    #expect(isClose(1e-13, 0) && !isClose(2e-12, 0))
    #expect(isClose(1e6 + 1e-7, 1e6) && !isClose(1e6 + 1e-5, 1e6))
    #expect(isClose(.infinity, .infinity) && !isClose(1e308, .infinity) && !isClose(.nan, 0))
    #expect(isClose([1, 2], [1, 2 + 1e-13]) && !isClose([1], [1, 2]))
    #expect(isRelativelyClose(1e-300 * (1 + 1e-10), 1e-300, tolerance: 1e-9))
    #expect(!isRelativelyClose(1e-300, 0, tolerance: 1) && isRelativelyClose(0, 0, tolerance: 0))
}
