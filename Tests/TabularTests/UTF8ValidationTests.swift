import Testing
@testable import Tabular

/// Reference: the standard library's validating decoder.
private func isValid(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }

@Test func knownSequences() {
    #expect(_UTF8Validation.firstInvalidOffset(Array("plain ascii text, long enough".utf8)) == nil)
    #expect(_UTF8Validation.firstInvalidOffset(Array("café 日本 🙂".utf8)) == nil)
    #expect(_UTF8Validation.firstInvalidOffset([0x41, 0xFF, 0x41]) == 1)
    #expect(_UTF8Validation.firstInvalidOffset([0xC0, 0x80]) == 0)  // overlong NUL
    #expect(_UTF8Validation.firstInvalidOffset([0x41, 0xED, 0xA0, 0x80]) == 1)  // surrogate U+D800
    #expect(_UTF8Validation.firstInvalidOffset([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
    #expect(_UTF8Validation.firstInvalidOffset(Array("abcdefghij".utf8) + [0xE2, 0x82]) == 10)  // truncated
}

@Test func randomBytesAgreeWithTheStandardLibrary() {
    var rng = SeededRandom(seed: 99)
    for _ in 0..<20_000 {
        let count = rng.nextIndex(below: 12)
        // Mostly continuation and lead bytes, to reach every branch.
        let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.nextIndex(below: 4) == 0 ? rng.nextIndex(below: 128) : 128 + rng.nextIndex(below: 128)) }
        let offset = _UTF8Validation.firstInvalidOffset(bytes)
        #expect((offset == nil) == isValid(bytes), "\(bytes)")
        if let offset {
            #expect(isValid(Array(bytes.prefix(offset))))
        }
    }
}
