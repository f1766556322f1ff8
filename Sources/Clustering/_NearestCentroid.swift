// The passes over the data that k-means repeats: nearest centroid by a BLAS gemm over row blocks,
// exact squared distances, inertia.
//
// Goals: the assignment step costs one read of X per iteration. For small k·d (`_usesFusedKernel`),
// each block goes through the fused C kernel (CKMeansKernel: distances, argmin, counts and sums in
// one pass, AVX2 when the processor has it), which skips the gemm's packing of X. Otherwise, one
// gemm per block: for a block of rows,
// G = −2 X_b Cᵀ comes from one dgemm; the nearest centroid of row i minimizes G[i, j] + ‖c_j‖²
// (‖x_i‖² is the same for every j), and the centroid sums of the update step are accumulated
// while the block is still in cache. Ties go to the lowest centroid index, as in scikit-learn.
// Inertia and relocation distances are computed directly as Σ (x − c)², which has no
// cancellation. Partial results are kept per block and reduced in block order (see _RowBlocks).
// Reference: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28 (1982);
// the gemm formulation follows scikit-learn's `_k_means_lloyd.pyx` (chunks of rows, one dgemm each).

import CKMeansKernel
import LinearAlgebra

/// What one assignment pass accumulates.
struct _AssignmentTotals {
    /// Per-centroid sums of the assigned (translated) rows, `k * d`; empty unless accumulated.
    var sums: [Double]
    /// Rows assigned to each centroid.
    var counts: [Int]
    /// Σ of the squared distance of each row to its centroid, by the gemm expansion (clamped at 0).
    var distanceSum: Double
}

extension _PreparedData {
    /// Assigns every row to its nearest centroid.
    /// - Parameters:
    ///   - centroids: `k * d` values, row-major, in the translated coordinates.
    ///   - k: the number of centroids.
    ///   - labels: receives the nearest centroid of every row (`rows` values).
    ///   - accumulate: also sum the rows per centroid (the update step of Lloyd's algorithm).
    /// - Returns: the counts, the sums when accumulated, and the sum of squared distances.
    /// - Throws: `ClusteringError.linearAlgebra` if BLAS rejects a shape.
    /// - Complexity: O(n k d), one parallel pass.
    func assign(
        to centroids: [Double], k: Int, labels: inout [Int32], accumulate: Bool
    ) throws(ClusteringError) -> _AssignmentTotals {
        let n = rows, d = columns
        let blocks = _RowBlocks(rows: n, k: k, d: d)
        let blockCount = blocks.count, blockRows = blocks.blockRows
        let centroidNorms = _Scratch<Double>(count: k)
        for j in 0..<k {
            for f in 0..<d { centroidNorms.shared[j] += centroids[j * d + f] * centroids[j * d + f] }
        }
        let fusedWorkspace = _usesFusedKernel(k: k, d: d)
            ? _Scratch<Double>(count: ck_kmeans_workspace_count(k, d)) : nil
        defer { fusedWorkspace?.free() }
        if let workspace = fusedWorkspace?.shared.pointer(at: 0), let normPointer = centroidNorms.shared.pointer(at: 0) {
            centroids.withUnsafeBufferPointer { c in
                if let base = c.baseAddress { ck_kmeans_prepare(base, normPointer, k, d, workspace) }
            }
        }
        let scratch = _Scratch<Double>(count: fusedWorkspace == nil ? blocks.workerCount * blockRows * k : 0)
        let partialSums = _Scratch<Double>(count: accumulate ? blockCount * k * d : 0)
        let partialCounts = _Scratch<Int>(count: blockCount * k)
        let partialDistances = _Scratch<Double>(count: blockCount)
        let errors = _Scratch<LinearAlgebraError?>(count: blocks.workerCount, repeating: nil)
        defer { centroidNorms.free(); scratch.free(); partialSums.free(); partialCounts.free(); partialDistances.free(); errors.free() }
        values.withUnsafeBufferPointer { xBuffer in
            centroids.withUnsafeBufferPointer { cBuffer in
                rowNorms.withUnsafeBufferPointer { normBuffer in
                    labels.withUnsafeMutableBufferPointer { labelBuffer in
                        let x = _SharedRead(xBuffer), c = _SharedRead(cBuffer), rowNorm = _SharedRead(normBuffer)
                        let label = _Shared(labelBuffer)
                        blocks.forEach { worker, b in
                            let range = blocks.range(b)
                            if let workspace = fusedWorkspace?.shared.pointer(at: 0) {
                                guard let a = x.pointer(at: range.lowerBound * d),
                                    let rowNormPointer = rowNorm.pointer(at: range.lowerBound),
                                    let labelPointer = label.pointer(at: range.lowerBound),
                                    let countPointer = partialCounts.shared.pointer(at: b * k)
                                else { return }
                                partialDistances.shared[b] = ck_kmeans_assign(
                                    workspace, k, d, a, range.count, rowNormPointer, labelPointer, countPointer,
                                    accumulate ? partialSums.shared.pointer(at: b * k * d) : nil)
                                return
                            }
                            let g = worker * blockRows * k
                            guard let a = x.pointer(at: range.lowerBound * d), let cp = c.pointer(at: 0),
                                let gp = scratch.shared.pointer(at: g), let normPointer = centroidNorms.shared.pointer(at: 0)
                            else { return }
                            // G starts as ‖c_j‖² on every row; the gemm adds −2 X_b Cᵀ (beta = 1 also
                            // spares OpenBLAS its separate pass that zeroes C for beta = 0).
                            for r in 0..<range.count {
                                (gp + r * k).update(from: normPointer, count: k)
                            }
                            do throws(LinearAlgebraError) {
                                try BLAS.gemm(
                                    transposeB: true, m: range.count, n: k, k: d, alpha: -2, a: a, lda: d,
                                    b: cp, ldb: d, beta: 1, c: gp, ldc: k)
                            } catch {
                                errors.shared[worker] = error
                                return
                            }
                            guard let rowNormPointer = rowNorm.pointer(at: range.lowerBound),
                                let labelPointer = label.pointer(at: range.lowerBound),
                                let countPointer = partialCounts.shared.pointer(at: b * k)
                            else { return }
                            let distanceSum = _scanBlock(
                                rows: range.count, k: k, d: d, products: gp, x: a,
                                rowNorms: rowNormPointer, labels: labelPointer, counts: countPointer,
                                sums: accumulate ? partialSums.shared.pointer(at: b * k * d) : nil)
                            partialDistances.shared[b] = distanceSum
                        }
                    }
                }
            }
        }
        if let error = errors.shared.buffer.lazy.compactMap({ $0 }).first { throw .linearAlgebra(error) }
        var totals = _AssignmentTotals(
            sums: [Double](repeating: 0, count: accumulate ? k * d : 0), counts: [Int](repeating: 0, count: k),
            distanceSum: 0)
        for b in 0..<blockCount {
            for j in 0..<k { totals.counts[j] += partialCounts.shared[b * k + j] }
            if accumulate {
                for e in 0..<(k * d) { totals.sums[e] += partialSums.shared[b * k * d + e] }
            }
            totals.distanceSum += partialDistances.shared[b]
        }
        return totals
    }

    /// The inner loop of `assign` for one block of `m` rows: the nearest centroid of each row from
    /// its values G[r, j] = ‖c_j‖² − 2 x_r·c_j, the counts, the sums (when `sums` is given) and the
    /// sum of squared distances. Raw pointers and wrapping index arithmetic keep it free of checks.
    @inline(__always)
    private func _scanBlock(
        rows m: Int, k: Int, d: Int, products: UnsafePointer<Double>, x: UnsafePointer<Double>,
        rowNorms: UnsafePointer<Double>, labels: UnsafeMutablePointer<Int32>, counts: UnsafeMutablePointer<Int>,
        sums: UnsafeMutablePointer<Double>?
    ) -> Double {
        var distanceSum = 0.0
        var r = 0
        while r < m {
            let (best, bestValue) = _argmin(products + r &* k, count: k)
            distanceSum += max(0, rowNorms[r] + bestValue)
            _record(row: x + r &* d, d: d, best: best, label: labels + r, counts: counts, sums: sums)
            r &+= 1
        }
        return distanceSum
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
        var centerNorms = [Double](repeating: 0, count: t)
        for j in 0..<t {
            for f in 0..<d { centerNorms[j] += centers[j * d + f] * centers[j * d + f] }
        }
        let norms = centerNorms
        var result = [Double](repeating: 0, count: n * t)
        let errors = _Scratch<LinearAlgebraError?>(count: blocks.workerCount, repeating: nil)
        defer { errors.free() }
        values.withUnsafeBufferPointer { xBuffer in
            centers.withUnsafeBufferPointer { cBuffer in
                rowNorms.withUnsafeBufferPointer { normBuffer in
                    result.withUnsafeMutableBufferPointer { outBuffer in
                        let x = _SharedRead(xBuffer), c = _SharedRead(cBuffer), rowNorm = _SharedRead(normBuffer)
                        let out = _Shared(outBuffer)
                        blocks.forEach { worker, b in
                            let range = blocks.range(b)
                            guard let a = x.pointer(at: range.lowerBound * d), let cp = c.pointer(at: 0),
                                let op = out.pointer(at: range.lowerBound * t)
                            else { return }
                            do throws(LinearAlgebraError) {
                                try BLAS.gemm(
                                    transposeB: true, m: range.count, n: t, k: d, alpha: -2, a: a, lda: d,
                                    b: cp, ldb: d, beta: 0, c: op, ldc: t)
                            } catch {
                                errors.shared[worker] = error
                                return
                            }
                            for i in range {
                                for j in 0..<t { out[i * t + j] = max(0, out[i * t + j] + rowNorm[i] + norms[j]) }
                            }
                        }
                    }
                }
            }
        }
        if let error = errors.shared.buffer.lazy.compactMap({ $0 }).first { throw .linearAlgebra(error) }
        return result
    }

    /// The exact squared distance `Σ_f (x_if − c_{label_i, f})²` of every row to its centroid.
    /// - Complexity: O(n d), one parallel pass.
    func exactSquaredDistances(to centroids: [Double], labels: [Int32]) -> [Double] {
        let n = rows, d = columns
        let blocks = _RowBlocks(rows: n, blockRows: 4096)
        var result = [Double](repeating: 0, count: n)
        values.withUnsafeBufferPointer { xBuffer in
            result.withUnsafeMutableBufferPointer { outBuffer in
                let x = _SharedRead(xBuffer), out = _Shared(outBuffer)
                blocks.forEach { _, b in
                    for i in blocks.range(b) {
                        let c = Int(labels[i]) * d
                        var sum = 0.0
                        for f in 0..<d {
                            let diff = x[i * d + f] - centroids[c + f]
                            sum += diff * diff
                        }
                        out[i] = sum
                    }
                }
            }
        }
        return result
    }

    /// The inertia `Σ_i ‖x_i − c_{label_i}‖²`, computed directly (no cancellation).
    /// - Complexity: O(n d), one parallel pass.
    func inertia(centroids: [Double], labels: [Int32]) -> Double {
        let distances = exactSquaredDistances(to: centroids, labels: labels)
        let blocks = _RowBlocks(rows: rows, blockRows: 4096)
        var total = 0.0
        for b in 0..<blocks.count {
            var partial = 0.0
            for i in blocks.range(b) { partial += distances[i] }
            total += partial
        }
        return total
    }
}

/// A zero-initialized buffer owned by one pass; call `free()` when the pass ends.
struct _Scratch<T>: @unchecked Sendable {
    /// The buffer, shareable with the parallel bodies.
    let shared: _Shared<T>

    /// Allocates `count` elements set to `value`.
    init(count: Int, repeating value: T) {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
        buffer.initialize(repeating: value)
        shared = _Shared(buffer)
    }

    /// Releases the memory.
    func free() {
        shared.buffer.deinitialize()
        shared.buffer.deallocate()
    }
}

extension _Scratch where T: Numeric {
    /// Allocates `count` zeros.
    init(count: Int) { self.init(count: count, repeating: 0) }
}
