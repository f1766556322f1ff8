import Testing
@testable import ChurnCLI

@Test func formattedNumbersSwitchToScientificNotationWhenHugeOrTiny() {
    #expect(formatted(0.2654) == "0.2654")
    #expect(formatted(1869) == "1869")
    #expect(formatted(64.757) == "64.76")
    // An overflowing odds ratio exp(300) or its reciprocal: no 100-digit numbers.
    #expect(formatted(1.9424263952412558e130) == "1.942e+130")
    #expect(formatted(5.1482002224473e-131) == "5.148e-131")
    #expect(formatted(2e12) == "2.000e+12")
    #expect(formatted(.infinity) == "inf")
}
