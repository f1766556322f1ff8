// Fixed row blocks processed in parallel, with deterministic reductions.
//
// Goals: use every core for the passes over the data (k-means assignment, k-means++ distances,
// inertia) while a seed still gives bitwise the same result on any machine and any core count.
// The rows are cut into blocks whose size depends only on the shape (never on the core count);
// each block writes its partial results into its own slot, and the slots are reduced in block
// order afterwards. Workers take blocks w, w + W, w + 2W, ... from `DispatchQueue.concurrentPerform`.

import Dispatch
import Foundation

/// A partition of `rows` rows into consecutive blocks of `blockRows` rows (the last may be shorter).
struct _RowBlocks: Sendable {
    /// Total number of rows.
    let rows: Int
    /// Rows per block (at least 1).
    let blockRows: Int

    /// Number of blocks.
    var count: Int { rows == 0 ? 0 : (rows + blockRows - 1) / blockRows }

    /// The rows of block `b`.
    func range(_ b: Int) -> Range<Int> { (b * blockRows)..<min(rows, (b + 1) * blockRows) }

    /// Blocks sized so that one block's product with `k` centroids of `d` features stays within
    /// OpenBLAS's single-thread threshold (m n k <= 65536 * 4): each worker runs its own
    /// single-threaded gemm, so OpenBLAS never starts threads inside ours. At most 1024 rows keeps a
    /// block of X and its distances in the L2 cache between the product and the update.
    init(rows: Int, k: Int, d: Int) {
        self.rows = rows
        let byThreshold = 262_144 / max(1, k * d)
        self.blockRows = min(1024, max(16, byThreshold))
    }

    /// Internal initializer with an explicit block size.
    init(rows: Int, blockRows: Int) {
        self.rows = rows
        self.blockRows = max(1, blockRows)
    }

    /// At most `_RowBlocks.chunkLimit` blocks whose sizes are multiples of `cacheRows`: few enough
    /// that the per-block partial results of a pass stay small (a fresh large allocation costs a
    /// page fault per 4 KiB on first touch), many enough to keep every core busy. A body then
    /// walks its block in sub-blocks of `cacheRows` rows.
    init(rows: Int, chunksOf cacheRows: Int) {
        let cache = max(1, cacheRows)
        let perChunk = (rows + Self.chunkLimit - 1) / Self.chunkLimit
        self.init(rows: rows, blockRows: max(cache, (perChunk + cache - 1) / cache * cache))
    }

    /// The most blocks `init(rows:chunksOf:)` makes.
    static let chunkLimit = 64

    /// Calls `body(worker, block)` for every block, in parallel over up to the number of active
    /// processors; `worker` is in `0..<workerCount` and lets a body use per-worker scratch space.
    func forEach(_ body: @Sendable (_ worker: Int, _ block: Int) -> Void) {
        let blocks = count
        let workers = workerCount
        guard workers > 1 else {
            for b in 0..<blocks { body(0, b) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var b = worker
            while b < blocks {
                body(worker, b)
                b += workers
            }
        }
    }

    /// Calls `body(block)` for every block, in parallel over up to the number of active processors,
    /// each worker taking the next block not yet taken (dynamic balance, for bodies that need no
    /// per-worker scratch space).
    func forEachBlock(_ body: @Sendable (_ block: Int) -> Void) {
        guard workerCount > 1 else {
            for b in 0..<count { body(b) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }

    /// Number of workers `forEach` uses.
    var workerCount: Int { max(1, min(count, ProcessInfo.processInfo.activeProcessorCount)) }
}

/// A buffer that the parallel bodies may capture; each block writes a disjoint region of it.
struct _Shared<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>

    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }

    subscript(i: Int) -> T {
        get { buffer[i] }
        nonmutating set { buffer[i] = newValue }
    }

    /// The address of element `i` (the buffer is never empty where this is used).
    func pointer(at i: Int) -> UnsafeMutablePointer<T>? { buffer.baseAddress.map { $0 + i } }
}

/// A read-only buffer that the parallel bodies may capture.
struct _SharedRead<T>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<T>

    init(_ buffer: UnsafeBufferPointer<T>) { self.buffer = buffer }

    subscript(i: Int) -> T { buffer[i] }

    /// The address of element `i` (the buffer is never empty where this is used).
    func pointer(at i: Int) -> UnsafePointer<T>? { buffer.baseAddress.map { $0 + i } }
}
