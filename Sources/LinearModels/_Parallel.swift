/// Rows from which a pass over X is split across two threads. Below it the thread hand-off
/// costs more than it saves.
let _parallelRowThreshold = 16_384

/// The number of parts a pass over `rows` rows of X is cut into (1, or 2 from
/// `_parallelRowThreshold` rows on); part `p` is `concurrentChunk(p, of: parts, count: rows)`,
/// run by `concurrentForEach`.
///
/// The split depends only on `rows`, never on the machine, so sums combined part by part in
/// order are bitwise reproducible everywhere (given the same BLAS).
/// - Parameter rows: the number of rows.
/// - Returns: the number of parts.
/// - Complexity: O(1).
func _rowPartCount(rows: Int) -> Int {
    rows >= _parallelRowThreshold ? 2 : 1
}
