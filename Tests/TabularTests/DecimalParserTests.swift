import Testing
@testable import Tabular

#if canImport(Glibc)
import Glibc
#endif

/// `strtod` of a Swift string (the reference the parser must equal bit for bit).
private func reference(_ text: String) -> Double { strtod(text, nil) }

private func parsed(_ text: String) -> Double? {
    let bytes = Array(text.utf8) + [0]
    return bytes.withUnsafeBufferPointer { _DecimalParser.parse($0.baseAddress!, count: text.utf8.count) }
}

private func sameBits(_ a: Double?, _ b: Double) -> Bool { a.map { $0.bitPattern == b.bitPattern } ?? false }

@Test func edgeCasesMatchStrtod() {
    let cases = [
        "0", "-0", "+0", "0.0", "-0.0", "1", "+1", "-1", "1.", ".5", "-.5", "007", "1e0", "1E+2", "1e-2", "2.5e-3",
        "123456789012345678", "1234567890123456789", "12345678901234567890123", "9007199254740993", "9007199254740992",
        "0.1", "0.2", "0.3", "1e22", "1e23", "1e-22", "1e-23", "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308",
        "1e400", "-1e400", "1e-400", "0.000000000000000000000000000001", "3.141592653589793238462643383279",
        "123.456e-7", "  42  ", "\t-3.5 ", "1e0000000000000000000005", "0e999999", "100000000000000000000000000000e-10",
    ]
    for text in cases {
        #expect(sameBits(parsed(text), reference(text)), "\(text)")
    }
    #expect(parsed("1e400") == .infinity)
    #expect(parsed("-0")?.sign == .minus)
    #expect(parsed("inf") == .infinity && parsed("-Infinity") == -.infinity)
}

@Test func nonNumbersAreRejected() {
    for text in ["", " ", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "abc", "1 2", "0x1p3", "nan", "NaN", "--1", "1-", "infinit", "info"] {
        #expect(parsed(text) == nil, "\(text)")
    }
}

@Test func randomDecimalsMatchStrtodBitForBit() {
    var rng = SeededRandom(seed: 20240611)
    for _ in 0..<200_000 {
        let digits = 1 + rng.nextIndex(below: 20)
        var text = rng.nextIndex(below: 2) == 0 ? "-" : ""
        var mantissa = ""
        for _ in 0..<digits { mantissa.append(Character(String(rng.nextIndex(below: 10)))) }
        let point = rng.nextIndex(below: digits + 1)
        text += String(mantissa.prefix(point)) + "." + String(mantissa.dropFirst(point))
        if rng.nextIndex(below: 3) == 0 { text += "e\(rng.nextIndex(below: 80) - 40)" }
        #expect(sameBits(parsed(text), reference(text)), "\(text)")
    }
}

@Test func randomDoublesRoundTripThroughTheirShortestText() {
    var rng = SeededRandom(seed: 7)
    for _ in 0..<50_000 {
        let x = Double(bitPattern: rng.next())
        guard x.isFinite else { continue }
        let text = "\(x)"
        #expect(sameBits(parsed(text), x), "\(text)")
    }
}

@Test func prefixStopsAfterTheNumber() {
    let bytes = Array("12.5e3,x".utf8)
    let result = bytes.withUnsafeBufferPointer { _DecimalParser.prefix($0.baseAddress!, from: 0, to: bytes.count) }
    #expect(result?.value == 12500 && result?.stop == 6)
    let partial = Array("3e,".utf8)
    let stop = partial.withUnsafeBufferPointer { _DecimalParser.prefix($0.baseAddress!, from: 0, to: partial.count) }
    #expect(stop?.value == 3 && stop?.stop == 1)
}
