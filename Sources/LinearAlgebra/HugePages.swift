#if os(Linux)
import Glibc
#endif

// Transparent huge pages for large fresh outputs. Writing a new n-element array first touches
// n / 512 pages of 4 KiB, each a page fault; on Linux, advising the kernel that the buffer may use
// 2 MiB pages (madvise MADV_HUGEPAGE, honoured when transparent huge pages are in "madvise" or
// "always" mode) turns them into n / 262,144 faults. numpy does the same for arrays from 4 MiB on.
// A hint only: contents and results are unchanged, and other systems ignore it. Package-wide
// (the models' outputs and the k-means labels use it), not public API.

/// The 2 MiB page size of x86-64 and arm64 Linux.
package let _hugePageBytes = 1 << 21

/// Buffers from this size on are advised to use huge pages (two huge pages, as numpy).
package let _hugePageThresholdBytes = 1 << 22

/// The whole 2 MiB pages inside the byte range `start ..< start + count`, or nil when the range
/// is below `_hugePageThresholdBytes` or holds no whole huge page.
/// - Parameters:
///   - start: the address of the first byte.
///   - count: the number of bytes.
/// - Returns: the aligned address range, or nil.
package func _hugePageRange(start: Int, count: Int) -> Range<Int>? {
    guard count >= _hugePageThresholdBytes else { return nil }
    let mask = _hugePageBytes - 1
    let lower = (start + mask) & ~mask
    let upper = (start + count) & ~mask
    return upper > lower ? lower..<upper : nil
}

/// Advises the kernel to back the whole 2 MiB pages of a large, not yet touched buffer with huge
/// pages (Linux); does nothing elsewhere or for small buffers.
/// - Parameter buffer: the buffer, before its first write.
@usableFromInline
package func _adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
    guard let base = buffer.baseAddress,
        let range = _hugePageRange(start: Int(bitPattern: base), count: buffer.count),
        let aligned = UnsafeMutableRawPointer(bitPattern: range.lowerBound)
    else { return }
    // A failed hint (kernel without THP) leaves ordinary pages: nothing to report.
    _ = madvise(aligned, range.count, MADV_HUGEPAGE)
    #endif
}

/// A new array of `count` copies of `value`, huge pages advised before the first write.
/// Inlinable, so that callers in other modules get it specialized (an unspecialized generic fill
/// costs nanoseconds per element).
/// - Complexity: O(count).
@inlinable
package func _filledArray<T>(count: Int, repeating value: T) -> [T] {
    [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        _adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
        buffer.initialize(repeating: value)
        initialized = count
    }
}
