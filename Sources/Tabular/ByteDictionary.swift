/// A dictionary from byte strings to dense codes 0, 1, 2, ... in order of first insertion.
///
/// The CSV reader dictionary-encodes categorical fields with it straight from the file's bytes, so a
/// `String` is made once per distinct label, not once per field. Open addressing with linear
/// probing over a power-of-two slot table, kept at most half full; labels live in one byte arena.
struct _ByteDictionary: Sendable {
    /// All labels' bytes, back to back.
    private(set) var arena: [UInt8] = []
    /// Label k is `arena[starts[k] ..< starts[k + 1]]`.
    private var starts: [Int] = [0]
    /// Hash of each label (kept for growing the slot table).
    private var hashes: [UInt64] = []
    /// Slot table: a label code, or -1 for an empty slot.
    private var slots: [Int32] = Array(repeating: -1, count: 16)

    /// Number of distinct labels.
    var count: Int { hashes.count }

    /// The bytes of label `code`.
    func bytes(of code: Int) -> ArraySlice<UInt8> { arena[starts[code] ..< starts[code + 1]] }

    /// Label `code` as a string (the bytes must be valid UTF-8; invalid bytes become U+FFFD).
    func label(_ code: Int) -> String { String(decoding: bytes(of: code), as: UTF8.self) }

    /// Every label, in code order.
    var labels: [String] { (0..<count).map(label) }

    /// The code of `bytes[0..<length]`, inserting it when new.
    /// - Returns: the code and whether it was inserted by this call.
    /// - Complexity: O(length) expected.
    @inline(__always)
    mutating func code(of bytes: UnsafePointer<UInt8>, length: Int) -> (code: Int32, inserted: Bool) {
        let hash = _ByteDictionary.hash(bytes, length)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let code = slots[slot]
            if code < 0 { break }
            let k = Int(code)
            if hashes[k] == hash, starts[k + 1] - starts[k] == length, matches(k, bytes, length) {
                return (code, false)
            }
            slot = (slot + 1) & mask
        }
        let code = Int32(truncatingIfNeeded: count)
        arena.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = code
        if count * 2 > slots.count { grow() }
        return (code, true)
    }

    /// The code of `bytes`, inserting it when new.
    mutating func code(of bytes: [UInt8]) -> (code: Int32, inserted: Bool) {
        // A trailing 0 makes the buffer non-empty, so its base address exists even for "".
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return (-1, false) }
            return code(of: base, length: bytes.count)
        }
    }

    private func matches(_ k: Int, _ bytes: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        arena.withUnsafeBufferPointer { arena in
            let start = starts[k]
            for i in 0..<length where arena[start + i] != bytes[i] { return false }
            return true
        }
    }

    private mutating func grow() {
        var table = [Int32](repeating: -1, count: slots.count * 2)
        let mask = table.count - 1
        for (k, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(truncatingIfNeeded: k)
        }
        slots = table
    }

    /// A 64-bit hash of a byte string: 8-byte words mixed by multiply-xorshift steps
    /// (the SplitMix64 finalizer constants).
    @inline(__always)
    static func hash(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: length)
        var i = 0
        let raw = UnsafeRawPointer(bytes)
        while i + 8 <= length {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < length {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 32)
    }
}
