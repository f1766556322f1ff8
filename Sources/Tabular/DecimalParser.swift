// Decimal text to Double, straight from bytes.
//
// Goals: the result equals C `strtod`'s (correctly rounded, round-half-even) for every input, and
// the common case (a few significant digits, a small exponent) costs one integer pass and one
// floating-point operation, with no allocation and no `String`.
//
// Method, for a decimal significand w of at most 19 digits and a decimal exponent q:
// 1. W. D. Clinger, "How to read floating point numbers accurately" (PLDI 1990), fast path: when
//    w <= 2^53 and 0 <= q <= 22, both w and 10^q are exact doubles and one IEEE multiplication is
//    correctly rounded (integers take this path with q = 0).
// 2. Otherwise the Eisel-Lemire algorithm (D. Lemire, "Number parsing at a gigabyte per second",
//    Software: Practice and Experience 51(8), 2021, sections 5-8), with no division: w is shifted
//    so its top bit is set and multiplied by a 128-bit truncation of 5^q (table
//    `_PowersOfFive.swift`, made by scripts/generate-powers-of-five.py), first by the high word,
//    by the low word too when the product's low bits might carry. The top 54 bits of the product,
//    rounded to 53, are the double's significand; its binary exponent is floor(q log2 10) + 1086
//    minus the shift plus the product's top bit, where floor(q log2 10) = (217706 q) >> 16 for
//    |q| <= 342. The algorithm gives up, exactly where the paper proves it cannot decide, when the
//    truncated bits of the product might still carry after the second word (possible only for q
//    outside [-27, 55]), and on a product that ends in an exact half (a tie); and the result
//    would be subnormal or infinite. Then, and for more than 19 significant digits, the text goes
//    to `strtod` on a NUL-terminated copy, under the "C" locale so the decimal point is always '.'.
//
// Grammar (after trimming spaces and tabs on both sides): [+|-] digits [. digits] [(e|E) [+|-] digits],
// or [+|-] . digits [...]; at least one significand digit; or [+|-] inf / infinity in any ASCII
// case. "nan" is not a number here (NaN spellings are missing markers for the CSV reader).
// Overflow ("1e400") gives +-infinity and underflow gives 0 or a subnormal, exactly as `strtod`
// (and pandas) do.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses decimal numbers from bytes; see the file header for the grammar and the method.
enum _DecimalParser {
    /// Exact powers of ten 10^0 ... 10^22.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The "C" numeric locale for the `strtod` fallback (nil if the system cannot make one).
    nonisolated(unsafe) private static let cLocale = newlocale(1 << LC_NUMERIC, "C", nil)

    /// The number `bytes[0..<count]` spells, or nil when it is not a number.
    /// - Complexity: O(count).
    @inline(__always)
    static func parse(_ bytes: UnsafePointer<UInt8>, count: Int) -> Double? {
        var end = count
        var i = 0
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        while end > i, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard let (value, stop) = prefix(bytes, from: i, to: end), stop == end else { return nil }
        return value
    }

    /// The longest number that starts at `bytes[from]` (no leading spaces) and ends by `to`: its value
    /// and the offset just after it, or nil when no number starts there.
    /// - Complexity: O(length of the number).
    @inline(__always)
    static func prefix(_ bytes: UnsafePointer<UInt8>, from: Int, to end: Int) -> (value: Double, stop: Int)? {
        var i = from
        guard i < end else { return nil }
        let start = i
        var negative = false
        if bytes[i] == 0x2D {
            negative = true
            i += 1
        } else if bytes[i] == 0x2B {
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0  // significant digits held in `mantissa`
        var exponent = 0  // decimal exponent of `mantissa`
        var sawDigit = false
        var truncated = false  // nonzero digits beyond the 19 kept
        while i < end {
            let d = bytes[i] &- 0x30
            if d >= 10 { break }
            sawDigit = true
            if digits < 19 {
                if mantissa != 0 || d != 0 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    digits += 1
                }
            } else {
                exponent += 1
                if d != 0 { truncated = true }
            }
            i += 1
        }
        if i < end, bytes[i] == 0x2E {
            i += 1
            while i < end {
                let d = bytes[i] &- 0x30
                if d >= 10 { break }
                sawDigit = true
                if digits < 19 {
                    if mantissa != 0 || d != 0 {
                        mantissa = mantissa &* 10 &+ UInt64(d)
                        digits += 1
                    }
                    exponent -= 1
                } else if d != 0 {
                    truncated = true
                }
                i += 1
            }
        }
        guard sawDigit else { return infinity(bytes, at: i, to: end, negative: negative) }
        if i < end, bytes[i] | 0x20 == 0x65 {
            // An exponent only counts with at least one digit; otherwise the number stops before 'e'.
            var j = i + 1
            var exponentNegative = false
            if j < end, bytes[j] == 0x2D || bytes[j] == 0x2B {
                exponentNegative = bytes[j] == 0x2D
                j += 1
            }
            var value = 0
            var sawExponentDigit = false
            while j < end {
                let d = bytes[j] &- 0x30
                if d >= 10 { break }
                sawExponentDigit = true
                if value < 1_000_000 { value = value * 10 + Int(d) }
                j += 1
            }
            if sawExponentDigit {
                exponent += exponentNegative ? -value : value
                i = j
            }
        }
        if mantissa == 0 { return (negative ? -0.0 : 0.0, i) }
        if !truncated {
            if mantissa <= 1 << 53, exponent >= 0, exponent <= 22 {
                let value = Double(mantissa) * powersOfTen[exponent]
                return (negative ? -value : value, i)
            }
            if let value = eiselLemire(mantissa, exponent) { return (negative ? -value : value, i) }
        }
        return (strtodFallback(bytes + start, count: i - start), i)
    }

    /// The double nearest to w * 10^q (w > 0) by the Eisel-Lemire algorithm (see the file
    /// header), or nil where the algorithm cannot decide or the result is subnormal, zero or
    /// infinite (the caller then asks `strtod`).
    /// - Complexity: O(1): one or two 64 x 64-bit multiplications.
    @inline(__always)
    static func eiselLemire(_ w: UInt64, _ q: Int) -> Double? {
        guard q >= smallestPowerOfFive, q <= 308 else { return nil }
        let index = 2 * (q - smallestPowerOfFive)
        let shift = w.leadingZeroBitCount
        let normalized = w << UInt64(shift)
        var (high, low) = normalized.multipliedFullWidth(by: powersOfFive[index])
        if high & 0x1FF == 0x1FF, low &+ normalized < low {
            let extra = normalized.multipliedFullWidth(by: powersOfFive[index + 1]).high
            let (sum, carry) = low.addingReportingOverflow(extra)
            low = sum
            if carry { high &+= 1 }
            if high & 0x1FF == 0x1FF, low == .max, q < -27 || q > 55 { return nil }
        }
        let top = Int(high >> 63)
        var significand = high >> UInt64(top + 9)
        if low == 0, high & 0x1FF == 0, significand & 3 == 1 { return nil }
        significand = (significand + (significand & 1)) >> 1
        var biased = ((217_706 * q) >> 16) + 1086 - shift + top
        if significand >= 1 << 53 {
            significand = 1 << 52
            biased += 1
        }
        guard biased >= 1, biased <= 2046 else { return nil }
        return Double(bitPattern: UInt64(biased) << 52 | (significand & ((1 << 52) - 1)))
    }

    /// `inf` or `infinity` (any ASCII case) at `bytes[i]`, as written by Swift, C and pandas.
    private static func infinity(_ bytes: UnsafePointer<UInt8>, at i: Int, to end: Int, negative: Bool) -> (value: Double, stop: Int)? {
        let word: [UInt8] = Array("infinity".utf8)
        var k = 0
        while k < word.count, i + k < end, bytes[i + k] | 0x20 == word[k] { k += 1 }
        guard k == 3 || k == 8 else { return nil }
        return (negative ? -.infinity : .infinity, i + k)
    }

    /// `strtod` on a NUL-terminated copy of already validated decimal text, in the "C" locale.
    private static func strtodFallback(_ bytes: UnsafePointer<UInt8>, count: Int) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
            for k in 0..<count { buffer[k] = CChar(bitPattern: bytes[k]) }
            buffer[count] = 0
            guard let text = buffer.baseAddress else { return .nan }
            let previous = cLocale.map { uselocale($0) }
            let value = strtod(text, nil)
            if let previous { uselocale(previous) }
            return value
        }
    }
}
