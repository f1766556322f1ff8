// UTF-8 validation of byte strings.
//
// Goal: accept exactly the well-formed UTF-8 byte sequences of the Unicode Standard, chapter 3,
// Table 3-7 (no overlong forms, no surrogates U+D800...U+DFFF, nothing above U+10FFFF), and say where
// the first ill-formed sequence starts. ASCII runs are skipped eight bytes at a time.

/// Validates UTF-8.
enum _UTF8Validation {
    /// The offset of the first byte of the first ill-formed sequence in `bytes[0..<length]`, or nil
    /// when all of it is well-formed UTF-8.
    /// - Complexity: O(length).
    static func firstInvalidOffset(_ bytes: UnsafePointer<UInt8>, length: Int) -> Int? {
        var i = 0
        let raw = UnsafeRawPointer(bytes)
        while i < length {
            if i + 8 <= length, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            // Allowed range of the second byte, and the sequence length, per Table 3-7.
            let low: UInt8, high: UInt8, size: Int
            switch lead {
            case 0xC2...0xDF: (low, high, size) = (0x80, 0xBF, 2)
            case 0xE0: (low, high, size) = (0xA0, 0xBF, 3)
            case 0xE1...0xEC, 0xEE...0xEF: (low, high, size) = (0x80, 0xBF, 3)
            case 0xED: (low, high, size) = (0x80, 0x9F, 3)
            case 0xF0: (low, high, size) = (0x90, 0xBF, 4)
            case 0xF1...0xF3: (low, high, size) = (0x80, 0xBF, 4)
            case 0xF4: (low, high, size) = (0x80, 0x8F, 4)
            default: return i
            }
            guard i + size <= length else { return i }
            let second = bytes[i + 1]
            guard second >= low, second <= high else { return i }
            for k in 2..<size where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += size
        }
        return nil
    }

    /// The offset of the first ill-formed sequence in `bytes`, or nil when they are valid UTF-8.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return firstInvalidOffset(base, length: bytes.count)
        }
    }
}
