// The parallel loop and the Sendable buffer box every module's data-parallel passes use (tree
// binning, histograms and prediction, forest and boosting passes, the logistic objective and
// scoring, k-means row blocks, the silhouette, the parallel CSV parsers), written once.
//
// Goals:
// - Use every core for the heavy loops without letting the non-Sendable buffer pointers those loops
//   write through escape: the body is a non-escaping, non-Sendable closure, and each iteration
//   writes only its own disjoint memory, so no synchronization is needed.
// - Deterministic: the iterations are the caller's units of work (a feature, a tree, a block of
//   rows whose bounds depend only on the shape, a fixed part given by `concurrentChunk`), never the
//   machine's threads. Each iteration writes its own results, which the caller reduces in index
//   order afterwards, so a result is bitwise the same on any machine and any core count; the
//   worker that runs an iteration may only choose per-worker scratch space.
// - Balanced where it can be: without a worker argument, Dispatch hands the iterations out as
//   threads free up (`concurrentPerform(iterations: count)`), so a slow iteration or a core taken
//   by another process does not leave the other threads idle; with one, worker w of W runs
//   iterations w, w + W, w + 2W, ... (a fixed assignment, so that each worker's scratch space is
//   its own). These are the two schedules the modules used before the loop was shared: their
//   instruction counts (scripts/instruction-counts.sh) stayed the same, which an atomic counter
//   handing out every index did not (k-means +3.4% under callgrind, Dispatch's wait for the
//   worker that took nothing).
// - At most `ProcessInfo.activeProcessorCount` workers (fewer when there are fewer iterations), so
//   per-worker scratch space stays small and BLAS calls inside a body stay single-threaded.

import Dispatch
import Foundation

/// The number of active processors, read once per process: Foundation reads it from the scheduler
/// affinity and cgroup files, about 18 allocations a call on Linux, which a loop called once per
/// prediction or per iteration of a fit would pay every time.
private let _activeProcessorCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

/// The number of workers `concurrentForEach` uses for `count` iterations: at least 1, at most the
/// number of active processors (as read once when the process first asks) and at most `count`.
/// - Parameter count: the number of iterations.
/// - Returns: the worker count, in `1...max(1, count)`.
/// - Complexity: O(1).
package func concurrentWorkerCount(_ count: Int) -> Int {
    max(1, min(count, _activeProcessorCount))
}

/// Part `part` of `0..<count` cut into `parts` contiguous ranges of near-equal size: it starts at
/// `part * count / parts` (rounded down), so the cut depends only on `count` and `parts`.
/// - Parameters:
///   - part: the part, in `0..<parts`.
///   - parts: the number of parts (at least 1).
///   - count: the number of elements.
/// - Returns: the elements of the part (empty when `part` is out of range).
/// - Complexity: O(1).
package func concurrentChunk(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
    let parts = max(1, parts)
    let part = min(max(part, 0), parts)
    let lower = part * count / parts
    let upper = part >= parts ? lower : (part + 1) * count / parts
    return lower..<upper
}

/// Calls `body(worker, index)` for every `index` in `0..<count` exactly once, on up to
/// `concurrentWorkerCount(count)` threads: worker `w` of `W` runs `w, w + W, w + 2W, ...` in
/// increasing order, and `worker` lets a body use per-worker scratch space.
///
/// Iterations must write disjoint memory (or per-worker scratch). The call returns when every
/// iteration has run.
/// - Parameters:
///   - count: the number of iterations (none when `count <= 0`).
///   - concurrently: false runs every iteration in order on the calling thread as worker 0.
///   - body: one iteration: `worker` in `0..<concurrentWorkerCount(count)` (0 when not concurrent)
///     and `index` in `0..<count`.
/// - Complexity: O(count) calls of `body`.
package func concurrentForEach(
    _ count: Int, concurrently: Bool = true, _ body: (_ worker: Int, _ index: Int) -> Void
) {
    let workers = concurrently ? concurrentWorkerCount(count) : 1
    guard workers > 1 else {
        for index in 0..<max(count, 0) { body(0, index) }
        return
    }
    withoutActuallyEscaping(body) { escapable in
        let box = _SendableClosure(body: escapable)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < count {
                box.body(worker, index)
                index += workers
            }
        }
    }
}

/// Calls `body(index)` for every `index` in `0..<count` exactly once, concurrently on up to the
/// number of active processors, Dispatch handing the indices out as threads free up.
///
/// Iterations must write disjoint memory. The call returns when every iteration has run.
/// - Parameters:
///   - count: the number of iterations (none when `count <= 0`).
///   - concurrently: false runs every iteration in order on the calling thread.
///   - body: one iteration.
/// - Complexity: O(count) calls of `body`.
package func concurrentForEach(_ count: Int, concurrently: Bool = true, _ body: (_ index: Int) -> Void) {
    guard concurrently, concurrentWorkerCount(count) > 1 else {
        for index in 0..<max(count, 0) { body(index) }
        return
    }
    withoutActuallyEscaping(body) { escapable in
        let box = _SendableIndexClosure(body: escapable)
        DispatchQueue.concurrentPerform(iterations: count) { index in box.body(index) }
    }
}

/// The loop body of `concurrentForEach(_:concurrently:_:)` without a worker, moved onto the
/// threads; the iterations it runs touch disjoint memory.
private struct _SendableIndexClosure: @unchecked Sendable {
    let body: (Int) -> Void
}

/// The loop body of `concurrentForEach(_:concurrently:_:)` with a worker, moved onto the workers;
/// the iterations it runs touch disjoint memory.
private struct _SendableClosure: @unchecked Sendable {
    let body: (Int, Int) -> Void
}

/// A buffer that concurrent iterations may share, for disjoint writes: each iteration reads the
/// shared inputs and writes only its own elements, which is what makes the `@unchecked Sendable`
/// sound. It neither owns nor frees the memory. Its members are inlinable: the k-means passes read
/// every element through it, and a call per element across the module boundary cost 3.4% more
/// instructions than the per-module boxes it replaces (scripts/instruction-counts.sh kmeans-fit).
@usableFromInline
package struct SharedBuffer<Element>: @unchecked Sendable {
    /// The buffer.
    @usableFromInline package let buffer: UnsafeMutableBufferPointer<Element>

    /// Shares a mutable buffer.
    /// - Parameter buffer: the buffer; it must outlive every use of the box.
    @inlinable
    package init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

    /// Shares a read-only buffer (nothing writes through the box).
    /// - Parameter buffer: the buffer; it must outlive every use of the box.
    @inlinable
    package init(readOnly buffer: UnsafeBufferPointer<Element>) {
        self.buffer = UnsafeMutableBufferPointer(mutating: buffer)
    }

    /// The number of elements.
    @inlinable
    package var count: Int { buffer.count }

    /// Element `i`, read or written in place.
    /// - Parameter i: the position, in `0..<count`.
    @inlinable
    package subscript(i: Int) -> Element {
        get { buffer[i] }
        nonmutating set { buffer[i] = newValue }
    }

    /// The address of element `i`, nil for an empty buffer.
    /// - Parameter i: the position, in `0..<count` (or `count`, the end).
    /// - Returns: the address.
    @inlinable
    package func pointer(at i: Int) -> UnsafeMutablePointer<Element>? { buffer.baseAddress.map { $0 + i } }
}
