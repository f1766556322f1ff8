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
    /// Hash of each label (kept for growing the slot table and for moving labels to another dictionary).
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
        let label = UnsafeBufferPointer(start: bytes, count: length)
        return code(of: label, hash: _ByteDictionary.hash(label))
    }

    /// The code of `bytes`, inserting it when new.
    mutating func code(of bytes: [UInt8]) -> (code: Int32, inserted: Bool) {
        bytes.withUnsafeBufferPointer { code(of: $0, hash: _ByteDictionary.hash($0)) }
    }

    /// The code here of label `k` of `other`, inserting it when new: the bytes are read in place
    /// and the stored hash reused (merging the dictionaries of a file's parts copies nothing).
    /// - Complexity: O(label length) expected.
    mutating func code(ofLabel k: Int, in other: _ByteDictionary) -> Int32 {
        let start = other.starts[k], end = other.starts[k + 1], hash = other.hashes[k]
        return other.arena.withUnsafeBufferPointer { arena in
            code(of: UnsafeBufferPointer(rebasing: arena[start ..< end]), hash: hash).code
        }
    }

    /// Makes room for `labels` labels of `bytes` bytes in all, so that inserting up to that many
    /// grows nothing. Capacities grow at least twofold, so that reserving before each of many
    /// merges stays linear (an exact `reserveCapacity` reallocates every time).
    /// - Complexity: O(count) when the slot table grows.
    mutating func reserveCapacity(labels: Int, bytes: Int) {
        if hashes.capacity < labels {
            let capacity = max(labels, 2 * hashes.capacity)
            hashes.reserveCapacity(capacity)
            starts.reserveCapacity(capacity + 1)
        }
        if arena.capacity < bytes { arena.reserveCapacity(max(bytes, 2 * arena.capacity)) }
        var size = slots.count
        while size < 2 * labels, size <= Int.max / 4 { size *= 2 }
        if size > slots.count { rehash(into: size) }
    }

    /// The bytes of all labels together.
    var byteCount: Int { arena.count }

    @inline(__always)
    private mutating func code(of label: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (code: Int32, inserted: Bool) {
        let length = label.count
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let code = slots[slot]
            if code < 0 { break }
            let k = Int(code)
            if hashes[k] == hash, starts[k + 1] - starts[k] == length, matches(k, label) {
                return (code, false)
            }
            slot = (slot + 1) & mask
        }
        let code = Int32(truncatingIfNeeded: count)
        arena.append(contentsOf: label)
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = code
        if count * 2 > slots.count { grow() }
        return (code, true)
    }

    private func matches(_ k: Int, _ label: UnsafeBufferPointer<UInt8>) -> Bool {
        arena.withUnsafeBufferPointer { arena in
            let start = starts[k]
            for i in label.indices where arena[start + i] != label[i] { return false }
            return true
        }
    }

    private mutating func grow() { rehash(into: slots.count * 2) }

    /// Rebuilds the slot table with `size` slots (a power of two, more than `count`).
    private mutating func rehash(into size: Int) {
        var table = [Int32](repeating: -1, count: size)
        let mask = size - 1
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
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let length = bytes.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: length)
        var i = 0
        let raw = UnsafeRawBufferPointer(bytes)
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
