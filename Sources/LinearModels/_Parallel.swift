import Dispatch

/// A pointer that may cross into the worker closures of `_forEachRowPart`. Each worker reads
/// shared inputs and writes only its own, disjoint range, which is what makes this sound.
struct _SharedPointer<Pointee>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Pointee>
}

/// A read-only pointer that may cross into the worker closures of `_forEachRowPart`.
struct _SharedConstPointer<Pointee>: @unchecked Sendable {
    let base: UnsafePointer<Pointee>
}

/// Rows from which a pass over X is split across two threads. Below it the thread hand-off
/// costs more than it saves.
let _parallelRowThreshold = 16_384

/// Splits `0..<rows` into a fixed number of contiguous parts (1, or 2 from
/// `_parallelRowThreshold` rows on) and runs `body(part, range)` for each, concurrently.
///
/// The split depends only on `rows`, never on the machine, so sums combined part by part in
/// order are bitwise reproducible everywhere (given the same BLAS).
/// - Parameters:
///   - rows: the number of rows.
///   - body: the work of one part; it must write only memory owned by its part.
/// - Returns: the number of parts used.
@discardableResult
func _forEachRowPart(rows: Int, _ body: @Sendable (_ part: Int, _ range: Range<Int>) -> Void) -> Int {
    let parts = rows >= _parallelRowThreshold ? 2 : 1
    if parts == 1 {
        body(0, 0..<rows)
        return 1
    }
    let half = rows / 2
    DispatchQueue.concurrentPerform(iterations: 2) { part in
        body(part, part == 0 ? 0..<half : half..<rows)
    }
    return parts
}
