// Data-parallel loops over disjoint parts of the work (features, row blocks).
//
// Goals: use every core for the heavy loops (binning, histograms, prediction) without making the
// non-Sendable buffer pointers those loops write through escape; each iteration writes only its
// own disjoint region, so no synchronization is needed.

import Dispatch

/// A value moved into a concurrent loop; the loop's iterations touch disjoint memory.
struct _UncheckedSendable<T>: @unchecked Sendable {
    let value: T
}

/// Runs `body(i)` for `i` in `0..<count`, on all cores when `concurrently` is true.
/// Iterations must write to disjoint memory.
/// - Parameters:
///   - count: the number of iterations.
///   - concurrently: false runs the iterations in order on the calling thread.
///   - body: the iteration.
/// - Complexity: O(count) calls of `body`.
package func _concurrentForEach(_ count: Int, concurrently: Bool, _ body: (Int) -> Void) {
    guard concurrently, count > 1 else {
        for i in 0..<max(count, 0) { body(i) }
        return
    }
    withoutActuallyEscaping(body) { escapable in
        let box = _UncheckedSendable(value: escapable)
        DispatchQueue.concurrentPerform(iterations: count) { i in box.value(i) }
    }
}
