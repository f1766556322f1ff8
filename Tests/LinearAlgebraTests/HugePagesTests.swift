import Testing

@testable import LinearAlgebra

/// The aligned range handed to madvise, against hand-worked addresses.
@Suite struct HugePagesTests {
    let mib = 1 << 20

    @Test("a buffer below 4 MiB is left alone, even when it spans a whole huge page")
    func small() {
        #expect(_hugePageRange(start: 0, count: 4 * mib - 8) == nil)
    }

    @Test("an aligned 8 MiB buffer is advised whole")
    func aligned() {
        #expect(_hugePageRange(start: 6 * mib, count: 8 * mib) == (6 * mib)..<(14 * mib))
    }

    @Test("an unaligned buffer is trimmed to its whole 2 MiB pages")
    func unaligned() {
        // 8,000,000 bytes from 1 MiB + 16: whole pages from 2 MiB up to 8 MiB (the end, 8.63 MiB, is cut).
        #expect(_hugePageRange(start: mib + 16, count: 8_000_000) == (2 * mib)..<(8 * mib))
    }

    @Test("a 4 MiB buffer off alignment holds one whole huge page")
    func oneWholePage() {
        #expect(_hugePageRange(start: mib, count: 4 * mib) == (2 * mib)..<(4 * mib))
    }

    @Test("advising a large fresh buffer leaves what is then written intact")
    func contentsUnchanged() {
        let n = 1 << 20
        let values = [Double](unsafeUninitializedCapacity: n) { buffer, count in
            _adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            for i in 0..<n { buffer[i] = Double(i) }
            count = n
        }
        #expect(values.enumerated().allSatisfy { $0.element == Double($0.offset) })
    }

    @Test("filled arrays hold what was asked, large and small")
    func filled() {
        #expect(_filledArray(count: 3, repeating: Int32(-1)) == [-1, -1, -1])
        #expect(_filledArray(count: 0, repeating: 1.5).isEmpty)
        let large = _filledArray(count: 1 << 20, repeating: -1)
        #expect(large.count == 1 << 20 && large.allSatisfy { $0 == -1 })
    }
}
