import Foundation
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

/// `text` with its significand cut to `digits` significant digits (the exponent kept), as decimal
/// text in scientific notation: "1.2345e-7" cut to 3 digits is "1.23e-7".
private func significantDigits(_ text: String, _ digits: Int) -> String {
    let lower = text.lowercased()
    let parts = lower.split(separator: "e", maxSplits: 1)
    let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
    let significand = String(parts[0])
    let negative = significand.hasPrefix("-")
    var all = significand.filter(\.isNumber)
    let point = (significand.firstIndex(of: ".").map { significand.distance(from: significand.startIndex, to: $0) } ?? significand.count)
        - (negative ? 1 : 0)
    let leadingZeros = all.prefix { $0 == "0" }.count
    all.removeFirst(leadingZeros)
    guard !all.isEmpty else { return "0" }
    let kept = String(all.prefix(digits))
    let decimalExponent = exponent + point - leadingZeros - 1
    return (negative ? "-" : "") + kept.prefix(1) + "." + kept.dropFirst() + "e\(decimalExponent)"
}

/// Every path of the parser against `strtod` on a large seeded sample of hard inputs: random bit
/// patterns at 17 significant digits and cut to 10-19 digits (so Eisel-Lemire sees full-width
/// significands over the whole exponent range), the decimals nearest to the midpoints between
/// adjacent doubles cut to 15-19 digits (ties and near-ties, where rounding is decided by the
/// last bits), and random significands with exponents from -345 to 310 (subnormals, overflow).
@Test func hardCasesMatchStrtodBitForBit() {
    var rng = SeededRandom(seed: 16_016)
    var checked = 0
    for _ in 0..<70_000 {
        let x = Double(bitPattern: rng.next() & ~(1 << 63))
        guard x.isFinite, x > 0 else { continue }
        let full = String(format: "%.16e", x)
        for text in [full, significantDigits(full, 10 + rng.nextIndex(below: 10))] {
            #expect(sameBits(parsed(text), reference(text)), "\(text)")
            checked += 1
        }
        #if arch(x86_64)
        let midpoint = (Float80(x) + Float80(x.nextUp)) / 2
        let mid = significantDigits("\(midpoint)", 15 + rng.nextIndex(below: 5))
        #expect(sameBits(parsed(mid), reference(mid)), "\(mid)")
        checked += 1
        #endif
    }
    for _ in 0..<60_000 {
        let digits = 1 + rng.nextIndex(below: 19)
        var significand = String(1 + rng.nextIndex(below: 9))
        for _ in 1..<digits { significand.append(Character(String(rng.nextIndex(below: 10)))) }
        let text = significand + "e\(rng.nextIndex(below: 656) - 345)"
        #expect(sameBits(parsed(text), reference(text)), "\(text)")
        checked += 1
    }
    let known = [
        "9007199254740993", "9007199254740992.5", "1.00000000000000011102230246251565404236316680908203125",
        "1.0000000000000001110223024625156540", "2.2250738585072011e-308", "2.2250738585072012e-308",
        "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623158e308",
        "1.7976931348623159e308", "7.2057594037927933e16", "0.1", "1e-27", "1e-28", "8.98846567431158e307",
        "5e-324", "1e308", "123456789012345678e-5", "9999999999999999999e-308", "9999999999999999999e288",
    ]
    for text in known { #expect(sameBits(parsed(text), reference(text)), "\(text)") }
    #expect(checked > 250_000)
}

@Test func eiselLemireAgreesWithStrtodOrDeclines() {
    // 1 = 1 * 10^0 and 0.5 = 5 * 10^-1 (worked by hand in the file header's terms).
    #expect(_DecimalParser.eiselLemire(1, 0) == 1)
    #expect(_DecimalParser.eiselLemire(5, -1) == 0.5)
    // 2^53 + 1 is a tie between 2^53 and 2^53 + 2: declined, strtod decides.
    #expect(_DecimalParser.eiselLemire(9_007_199_254_740_993, 0) == nil)
    // Subnormal and infinite results are declined.
    #expect(_DecimalParser.eiselLemire(5, -324) == nil)
    #expect(_DecimalParser.eiselLemire(1, 309) == nil)
}
