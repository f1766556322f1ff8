import Testing
@testable import LinearAlgebra

@Suite struct InputLimitsTests {
    @Test func countsOutsideTheirRangeAreRefusedByName() throws {
        #expect(try InputLimits.count(5, name: "--k", in: 1...10) == 5)
        #expect(throws: InputLimitError.outOfRange(name: "--k", value: "0", expected: "in 1...10")) {
            try InputLimits.count(0, name: "--k", in: 1...10)
        }
        #expect(throws: InputLimitError.outOfRange(name: "--rows", value: "-1", expected: "at least 1")) {
            try InputLimits.count(-1, name: "--rows", in: 1...Int.max)
        }
    }

    @Test func realsMustBeFiniteAndInside() throws {
        #expect(try InputLimits.real(0.5, name: "--alpha", in: 0...1, open: true) == 0.5)
        #expect(throws: InputLimitError.notFinite(name: "--cost", value: .infinity)) { try InputLimits.real(.infinity, name: "--cost") }
        #expect(throws: InputLimitError.self) { try InputLimits.real(.nan, name: "--cost") }
        #expect(throws: InputLimitError.outOfRange(name: "--alpha", value: "1.0", expected: "in (0.0, 1.0)")) {
            try InputLimits.real(1, name: "--alpha", in: 0...1, open: true)
        }
        #expect(try InputLimits.real(1, name: "--fraction", in: 0...1) == 1)
        // A range up to the largest double says "at least", not "in [0.0, 1.7976931348623157e+308]".
        #expect(throws: InputLimitError.outOfRange(name: "--cost call", value: "-5.0", expected: "at least 0.0")) {
            try InputLimits.real(-5, name: "--cost call", in: 0...Double.greatestFiniteMagnitude)
        }
        #expect(throws: InputLimitError.outOfRange(name: "--rate", value: "0.0", expected: "above 0.0")) {
            try InputLimits.real(0, name: "--rate", in: 0...Double.greatestFiniteMagnitude, open: true)
        }
    }

    /// Sizes computed in floating point become integers only when they are finite and in range
    /// (an unchecked `Int(Double)` of infinity traps).
    @Test func integersFromDoublesAreRangeChecked() throws {
        #expect(try InputLimits.integer(13648.6, name: "n") == 13649)
        #expect(try InputLimits.integer(2.5, name: "n", rounding: .down) == 2)
        #expect(throws: InputLimitError.notFinite(name: "n", value: .infinity)) { try InputLimits.integer(.infinity, name: "n") }
        #expect(throws: InputLimitError.self) { try InputLimits.integer(1e300, name: "n") }
        #expect(throws: InputLimitError.self) { try InputLimits.integer(-1, name: "n") }
    }

    /// Products that overflow or exceed the machine's memory say how much they would need.
    @Test func productsBeyondMemorySayHowManyGigabytes() throws {
        #expect(try InputLimits.elements([1000, 3], bytesEach: 8, name: "--rows", what: "a table") == 3000)
        #expect(throws: InputLimitError.self) { try InputLimits.elements([1 << 32, 1 << 32], bytesEach: 8, name: "rows", what: "a matrix") }
        do {
            try InputLimits.elements([Int.max], bytesEach: 200, name: "--customers", what: "a portfolio")
            Issue.record("no error")
        } catch {
            // 9.22e18 x 200 bytes = 1.84e21 bytes = 1.84e12 GB.
            #expect(error.description.hasPrefix("--customers: a portfolio would need 1.8446744e+12 GB of memory; this machine has "))
        }
        #expect(throws: InputLimitError.outOfRange(name: "n", value: "-2", expected: "at least 0")) {
            try InputLimits.elements([3, -2], bytesEach: 8, name: "n", what: "x")
        }
    }

    @Test func gigabytesAreRoundedUpToATenth() {
        #expect(InputLimits.gigabytes(1_234_567_890) == "1.3 GB")
        #expect(InputLimits.gigabytes(4e21) == "4e+12 GB")
    }
}
