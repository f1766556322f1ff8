// Fixed row blocks processed in parallel, with deterministic reductions.
//
// Goals: use every core for the passes over the data (k-means assignment, k-means++ distances,
// inertia) while a seed still gives bitwise the same result on any machine and any core count.
// The rows are cut into blocks whose size depends only on the shape (never on the core count);
// each block writes its partial results into its own slot, and the slots are reduced in block
// order afterwards. The blocks run through `concurrentForEach` (_ChurnKitCore): worker w of W takes
// blocks w, w + W, w + 2W, ..., and a body may use per-worker scratch space.

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
}
