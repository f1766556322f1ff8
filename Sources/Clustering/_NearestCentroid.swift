// The passes over the data that k-means repeats: nearest centroid (fused C kernel, or a BLAS gemm
// over row blocks), squared distances to a few centers, exact distances and inertia.
//
// Goals: the assignment step costs one read of X per iteration and no other pass. For small k·d
// (`_usesFusedKernel`), each block goes through the fused C kernel (CKMeansKernel: nearest
// centroid, counts, sums, label changes and, on request, exact distances in one pass, with AVX-512
// or AVX2 when the processor has them), which skips the gemm's packing of X. Otherwise, one gemm per
// cache-sized sub-block: the rows are translated into per-worker scratch space,
// G = ‖c_j‖² − 2 Z_b Cᵀ comes from one dgemm, and
// the nearest centroid of row i minimizes G[i, j] (‖z_i‖² is the same for every j); the sums of
// the update step are accumulated while the block is still in cache. Ties go to the lowest
// centroid index, as in scikit-learn. Distances that are reported (inertia, relocation) are
// computed directly as Σ (z − c)², which has no cancellation. Partial results are kept per block
// (at most 64 blocks, so that they stay small) and reduced in block order (see _RowBlocks), so
// results do not depend on the core count.
// Reference: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28 (1982);
// the gemm formulation follows scikit-learn's `_k_means_lloyd.pyx` (chunks of rows, one dgemm each).

import _ChurnKitCore
import CKMeansKernel
import LinearAlgebra

/// What one assignment pass accumulates.
struct _AssignmentTotals {
    /// Per-centroid sums of the assigned (translated) rows, `k * d`; empty unless accumulated.
    var sums: [Double]
    /// Rows assigned to each centroid.
    var counts: [Int]
    /// Rows whose label differs from the one `labels` held before the pass.
    var changed: Int
    /// Σ of the exact squared distance of each row to its centroid; 0 unless asked for.
    var distanceSum: Double
}

extension _PreparedData {
    /// Assigns every row to its nearest centroid.
    /// - Parameters:
    ///   - centroids: `k * d` values, row-major, in the translated coordinates.
    ///   - k: the number of centroids.
    ///   - labels: holds the previous assignment (to count changes; −1 for none) and receives the
    ///     nearest centroid of every row (`rows` values).
    ///   - accumulate: also sum the rows per centroid (the update step of Lloyd's algorithm).
    ///   - distances: also sum the exact squared distances of the rows to their centroids.
    /// - Returns: the counts, the sums when accumulated, the number of changed labels and the
    ///   distance sum when asked for.
    /// - Throws: `ClusteringError.linearAlgebra` if BLAS rejects a shape.
    /// - Complexity: O(n k d), one parallel pass.
    func assign(
        to centroids: [Double], k: Int, labels: inout [Int], accumulate: Bool, distances: Bool = false
    ) throws(ClusteringError) -> _AssignmentTotals {
        let d = columns
        let fused = _usesFusedKernel(k: k, d: d)
        let cacheRows = fused ? 1024 : _RowBlocks(rows: rows, k: k, d: d).blockRows
        let blocks = _RowBlocks(rows: rows, chunksOf: cacheRows)
        let blockCount = blocks.count
        // Each block's sums start on a cache line (k·d rounded up to 8 doubles).
        let sumStride = (k * d + 7) / 8 * 8
        let partialSums = _Scratch<Double>(count: accumulate ? blockCount * sumStride : 0)
        let partialCounts = _Scratch<Int>(count: blockCount * k)
        let partialChanges = _Scratch<Int>(count: blockCount)
        let partialDistances = _Scratch<Double>(count: blockCount)
        defer { partialSums.free(); partialCounts.free(); partialChanges.free(); partialDistances.free() }
        let pass = _BlockOutputs(
            labels: nil, counts: partialCounts.shared, sums: accumulate ? partialSums.shared : nil,
            changes: partialChanges.shared, distances: distances ? partialDistances.shared : nil, sumStride: sumStride)
        try labels.withUnsafeMutableBufferPointer { (labelBuffer) throws(ClusteringError) in
            var outputs = pass
            outputs.labels = SharedBuffer(labelBuffer)
            if fused {
                _assignFused(centroids: centroids, k: k, blocks: blocks, outputs: outputs)
            } else {
                try _assignByGemm(centroids: centroids, k: k, blocks: blocks, cacheRows: cacheRows, outputs: outputs)
            }
        }
        var totals = _AssignmentTotals(
            sums: [Double](repeating: 0, count: accumulate ? k * d : 0), counts: [Int](repeating: 0, count: k),
            changed: 0, distanceSum: 0)
        for b in 0..<blockCount {
            for j in 0..<k { totals.counts[j] += partialCounts.shared[b * k + j] }
            if accumulate {
                for e in 0..<(k * d) { totals.sums[e] += partialSums.shared[b * sumStride + e] }
            }
            totals.changed += partialChanges.shared[b]
            totals.distanceSum += partialDistances.shared[b]
        }
        return totals
    }

    /// The assignment by the fused C kernel, block by block.
    private func _assignFused(centroids: [Double], k: Int, blocks: _RowBlocks, outputs: _BlockOutputs) {
        let d = columns
        let workspace = _Scratch<Double>(count: ck_kmeans_workspace_count(k, d))
        defer { workspace.free() }
        _ = withValues { x, shift in
            centroids.withUnsafeBufferPointer { c in
                if let base = c.baseAddress, let w = workspace.shared.pointer(at: 0) { ck_kmeans_prepare(base, shift, k, d, w) }
            }
            let source = SharedBuffer(readOnly: UnsafeBufferPointer(start: x, count: rows * d))
            let offsets = SharedBuffer(readOnly: UnsafeBufferPointer(start: shift, count: d))
            concurrentForEach(blocks.count) { b in
                let range = blocks.range(b)
                guard let workspacePointer = workspace.shared.pointer(at: 0),
                    let a = source.pointer(at: range.lowerBound * d), let shiftPointer = offsets.pointer(at: 0),
                    let labelPointer = outputs.labels?.pointer(at: range.lowerBound),
                    let countPointer = outputs.counts.pointer(at: b * k)
                else { return }
                var block = ck_kmeans_block(
                    labels: labelPointer, counts: countPointer, sums: outputs.sums?.pointer(at: b * outputs.sumStride),
                    exact_distances: outputs.distances == nil ? 0 : 1, changed: 0, distance_sum: 0)
                ck_kmeans_assign(workspacePointer, shiftPointer, k, d, a, range.count, &block)
                outputs.changes[b] = block.changed
                outputs.distances?[b] = block.distance_sum
            }
        }
    }

    /// The assignment by one gemm per sub-block of `cacheRows` translated rows, then `_scanBlock`;
    /// the sub-blocks of a block accumulate into the block's partial results in row order.
    private func _assignByGemm(
        centroids: [Double], k: Int, blocks: _RowBlocks, cacheRows: Int, outputs: _BlockOutputs
    ) throws(ClusteringError) {
        let d = columns
        let centroidNorms = _Scratch<Double>(count: k)
        for j in 0..<k {
            for f in 0..<d { centroidNorms.shared[j] += centroids[j * d + f] * centroids[j * d + f] }
        }
        let translated = _Scratch<Double>(count: concurrentWorkerCount(blocks.count) * cacheRows * d)
        let products = _Scratch<Double>(count: concurrentWorkerCount(blocks.count) * cacheRows * k)
        let errors = _Scratch<LinearAlgebraError?>(count: concurrentWorkerCount(blocks.count), repeating: nil)
        defer { centroidNorms.free(); translated.free(); products.free(); errors.free() }
        _ = withValues { x, shift in
            let source = SharedBuffer(readOnly: UnsafeBufferPointer(start: x, count: rows * d))
            let offsets = SharedBuffer(readOnly: UnsafeBufferPointer(start: shift, count: d))
            centroids.withUnsafeBufferPointer { cBuffer in
                let c = SharedBuffer(readOnly: cBuffer)
                concurrentForEach(blocks.count) { worker, b in
                    guard let xp = source.pointer(at: 0), let shiftPointer = offsets.pointer(at: 0),
                        let z = translated.shared.pointer(at: worker * cacheRows * d), let cp = c.pointer(at: 0),
                        let gp = products.shared.pointer(at: worker * cacheRows * k),
                        let normPointer = centroidNorms.shared.pointer(at: 0),
                        let countPointer = outputs.counts.pointer(at: b * k)
                    else { return }
                    var changed = 0
                    var distanceSum = 0.0
                    let block = blocks.range(b)
                    for start in stride(from: block.lowerBound, to: block.upperBound, by: cacheRows) {
                        let range = start..<min(block.upperBound, start + cacheRows)
                        guard let labelPointer = outputs.labels?.pointer(at: range.lowerBound) else { return }
                        do throws(LinearAlgebraError) {
                            try Self._blockProducts(
                                xp, shift: shiftPointer, d: d, rows: range, z: z, norms: nil, centers: cp, t: k,
                                centerNorms: normPointer, into: gp)
                        } catch {
                            errors.shared[worker] = error
                            return
                        }
                        let scanned = _scanBlock(
                            rows: range.count, k: k, d: d, products: gp, z: z, centroids: cp, labels: labelPointer,
                            counts: countPointer, sums: outputs.sums?.pointer(at: b * outputs.sumStride),
                            distances: outputs.distances != nil)
                        changed += scanned.changed
                        distanceSum += scanned.distanceSum
                    }
                    outputs.changes[b] = changed
                    outputs.distances?[b] = distanceSum
                }
            }
        }
        if let error = errors.shared.buffer.lazy.compactMap({ $0 }).first { throw .linearAlgebra(error) }
    }

    /// The inner loop of the gemm path for one block of `m` translated rows `z`: the nearest
    /// centroid of each row from G[r, j] = ‖c_j‖² − 2 z_r·c_j, the label changes, counts, sums (when
    /// `sums` is given) and, when asked, Σ of the exact squared distances. Raw pointers and wrapping
    /// index arithmetic keep it free of checks.
    /// - Returns: the number of changed labels and the distance sum (0 unless `distances`).
    @inline(__always)
    private func _scanBlock(
        rows m: Int, k: Int, d: Int, products: UnsafePointer<Double>, z: UnsafePointer<Double>,
        centroids: UnsafePointer<Double>, labels: UnsafeMutablePointer<Int>, counts: UnsafeMutablePointer<Int>,
        sums: UnsafeMutablePointer<Double>?, distances: Bool
    ) -> (changed: Int, distanceSum: Double) {
        var changed = 0
        var distanceSum = 0.0
        var r = 0
        while r < m {
            let (best, _) = _argmin(products + r &* k, count: k)
            let row = z + r &* d
            if labels[r] != best { changed &+= 1 }
            _record(row: row, d: d, best: best, label: labels + r, counts: counts, sums: sums)
            if distances { distanceSum += _squaredDistance(row, centroids + best &* d, count: d) }
            r &+= 1
        }
        return (changed, distanceSum)
    }

    /// Squared distances of every row to `t` centers by the gemm expansion, clamped at 0.
    /// - Parameters:
    ///   - centers: `t * d` values, row-major, in the translated coordinates.
    ///   - t: the number of centers.
    /// - Returns: `rows * t` values, row-major (row i, center j at `i * t + j`).
    /// - Throws: `ClusteringError.linearAlgebra` if BLAS rejects a shape.
    /// - Complexity: O(n t d), one parallel pass.
    func squaredDistances(to centers: [Double], count t: Int) throws(ClusteringError) -> [Double] {
        let n = rows, d = columns
        let blocks = _RowBlocks(rows: n, k: t, d: d)
        let blockRows = blocks.blockRows
        let centerNorms = _Scratch<Double>(count: t)
        for j in 0..<t {
            for f in 0..<d { centerNorms.shared[j] += centers[j * d + f] * centers[j * d + f] }
        }
        var result = [Double](repeating: 0, count: n * t)
        let translated = _Scratch<Double>(count: concurrentWorkerCount(blocks.count) * blockRows * d)
        let rowNorms = _Scratch<Double>(count: concurrentWorkerCount(blocks.count) * blockRows)
        let errors = _Scratch<LinearAlgebraError?>(count: concurrentWorkerCount(blocks.count), repeating: nil)
        defer { centerNorms.free(); translated.free(); rowNorms.free(); errors.free() }
        _ = withValues { x, shift in
            let source = SharedBuffer(readOnly: UnsafeBufferPointer(start: x, count: n * d))
            let offsets = SharedBuffer(readOnly: UnsafeBufferPointer(start: shift, count: d))
            centers.withUnsafeBufferPointer { cBuffer in
                result.withUnsafeMutableBufferPointer { outBuffer in
                    let c = SharedBuffer(readOnly: cBuffer)
                    let out = SharedBuffer(outBuffer)
                    concurrentForEach(blocks.count) { worker, b in
                        let range = blocks.range(b)
                        guard let xp = source.pointer(at: 0), let shiftPointer = offsets.pointer(at: 0),
                            let z = translated.shared.pointer(at: worker * blockRows * d),
                            let rowNorm = rowNorms.shared.pointer(at: worker * blockRows), let cp = c.pointer(at: 0),
                            let normPointer = centerNorms.shared.pointer(at: 0),
                            let op = out.pointer(at: range.lowerBound * t)
                        else { return }
                        do throws(LinearAlgebraError) {
                            try Self._blockProducts(
                                xp, shift: shiftPointer, d: d, rows: range, z: z, norms: rowNorm, centers: cp, t: t,
                                centerNorms: normPointer, into: op)
                        } catch {
                            errors.shared[worker] = error
                            return
                        }
                        for r in 0..<range.count {
                            for j in 0..<t { op[r * t + j] = max(0, op[r * t + j] + rowNorm[r]) }
                        }
                    }
                }
            }
        }
        if let error = errors.shared.buffer.lazy.compactMap({ $0 }).first { throw .linearAlgebra(error) }
        return result
    }

    /// G[r, j] = ‖c_j‖² − 2 z_r·c_j for the rows `range` of `x` translated into `z` (their squared
    /// norms into `norms` when given): `range.count * t` values into `g`, by one gemm onto the
    /// preloaded norms (beta = 1, which also spares OpenBLAS its pass that zeroes C for beta = 0).
    /// - Throws: `LinearAlgebraError` if BLAS rejects a shape.
    /// - Complexity: O(|range| t d).
    private static func _blockProducts(
        _ x: UnsafePointer<Double>, shift: UnsafePointer<Double>, d: Int, rows range: Range<Int>,
        z: UnsafeMutablePointer<Double>, norms: UnsafeMutablePointer<Double>?, centers: UnsafePointer<Double>,
        t: Int, centerNorms: UnsafePointer<Double>, into g: UnsafeMutablePointer<Double>
    ) throws(LinearAlgebraError) {
        _translate(x, shift: shift, d: d, rows: range, into: z, norms: norms)
        for r in 0..<range.count {
            (g + r * t).update(from: centerNorms, count: t)
        }
        try BLAS.gemm(
            transposeB: true, m: range.count, n: t, k: d, alpha: -2, a: z, lda: d, b: centers, ldb: d, beta: 1,
            c: g, ldc: t)
    }

    /// The exact squared distance `Σ_f (z_if − c_{label_i, f})²` of every row to its centroid.
    /// - Complexity: O(n d), one parallel pass.
    func exactSquaredDistances(to centroids: [Double], labels: [Int]) -> [Double] {
        var result = [Double](repeating: 0, count: rows)
        result.withUnsafeMutableBufferPointer { buffer in
            let out = SharedBuffer(buffer)
            _ = _blockSums { i, z in
                let distance = Self._distance(z, to: centroids, label: labels[i], d: columns)
                out[i] = distance
                return distance
            }
        }
        return result
    }

    /// The inertia `Σ_i ‖z_i − c_{label_i}‖²` for given labels, computed directly (no cancellation).
    /// - Complexity: O(n d), one parallel pass.
    func inertia(centroids: [Double], labels: [Int]) -> Double {
        _blockSums { i, z in Self._distance(z, to: centroids, label: labels[i], d: columns) }.reduce(0, +)
    }

    /// `Σ_f (z[f] − c[label, f])²` in feature order.
    private static func _distance(_ z: UnsafePointer<Double>, to centroids: [Double], label: Int, d: Int) -> Double {
        centroids.withUnsafeBufferPointer { c in
            guard let row = c.baseAddress.map({ $0 + label * d }) else { return 0 }
            return _squaredDistance(z, row, count: d)
        }
    }
}

/// Where the blocks of one assignment pass write: labels by row, the rest by block.
struct _BlockOutputs: Sendable {
    /// The labels of all rows.
    var labels: SharedBuffer<Int>?
    /// `k` counts per block.
    let counts: SharedBuffer<Int>
    /// `k * d` sums per block, when accumulated.
    let sums: SharedBuffer<Double>?
    /// Changed labels per block.
    let changes: SharedBuffer<Int>
    /// Exact distance sum per block, when asked for.
    let distances: SharedBuffer<Double>?
    /// Doubles from one block's sums to the next (k·d rounded up to a whole cache line).
    let sumStride: Int
}

/// A zero-initialized buffer owned by one pass; call `free()` when the pass ends.
struct _Scratch<T>: Sendable {
    /// The buffer, shareable with the parallel bodies.
    let shared: SharedBuffer<T>

    /// Allocates `count` elements set to `value`, starting on a 64-byte boundary: whole cache lines,
    /// so that a 64-byte vector load or store of an aligned element never straddles two of them
    /// (measured on the k-means sums: about 9% of the kernel's time when misaligned).
    init(count: Int, repeating value: T) {
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(1, count) * MemoryLayout<T>.stride, alignment: max(64, MemoryLayout<T>.alignment))
        let typed = raw.bindMemory(to: T.self, capacity: count)
        let buffer = UnsafeMutableBufferPointer(start: typed, count: count)
        buffer.initialize(repeating: value)
        shared = SharedBuffer(buffer)
    }

    /// Releases the memory.
    func free() {
        shared.buffer.deinitialize()
        UnsafeMutableRawPointer(shared.buffer.baseAddress)?.deallocate()
    }
}

extension _Scratch where T: Numeric {
    /// Allocates `count` zeros.
    init(count: Int) { self.init(count: count, repeating: 0) }
}
