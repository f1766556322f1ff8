// The per-row work of the k-means assignment after the gemm: nearest centroid, count, centroid sum.
//
// Goals: once a block's G[i, j] = ‖c_j‖² − 2 x_i·c_j are known, the nearest centroid of each row
// (the lowest index among equal values, as numpy's argmin in scikit-learn) and the update step's
// sums cost a few instructions per row. The argmin takes eight values at a time through a tree of
// pairwise minima over adjacent values (0 with 1, 2 with 3, ...; then pairs of pairs): an equal
// right-hand value never replaces the left one, and every left group holds lower indices than its
// right group, so the tree returns the lowest index holding the minimum, with selects, no branches.
// Rows are added to their centroid's sum eight features at a time, in feature order.
// Reference: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28 (1982).

import CKMeansKernel

/// The smallest of eight values and the lowest lane holding it, by scalar compares and selects
/// (Swift's SIMD `replacing(with:where:)` compiles to branches, which mispredict here).
@inline(__always)
func _lowestMinimum(_ v: UnsafePointer<Double>) -> (lane: Int, value: Double) {
    let (l01, m01) = v[1] < v[0] ? (1, v[1]) : (0, v[0])
    let (l23, m23) = v[3] < v[2] ? (3, v[3]) : (2, v[2])
    let (l45, m45) = v[5] < v[4] ? (5, v[5]) : (4, v[4])
    let (l67, m67) = v[7] < v[6] ? (7, v[7]) : (6, v[6])
    let (l03, m03) = m23 < m01 ? (l23, m23) : (l01, m01)
    let (l47, m47) = m67 < m45 ? (l67, m67) : (l45, m45)
    return m47 < m03 ? (l47, m47) : (l03, m03)
}

/// The index of the smallest of `g[0..<k]` (the lowest among equals) and its value: eight at a
/// time by `_lowestMinimum`, then one at a time. A later group replaces the best only when smaller.
@inline(__always)
func _argmin(_ g: UnsafePointer<Double>, count k: Int) -> (Int, Double) {
    var minimum = Double.infinity
    var best = 0
    var j = 0
    while j &+ 8 <= k {
        let (lane, value) = _lowestMinimum(g + j)
        best = value < minimum ? j &+ lane : best
        minimum = value < minimum ? value : minimum
        j &+= 8
    }
    while j < k {
        best = g[j] < minimum ? j : best
        minimum = g[j] < minimum ? g[j] : minimum
        j &+= 1
    }
    return (best, minimum)
}

/// Stores a row's label, counts it and adds it to its centroid's sum (when `sums` is given).
@inline(__always)
func _record(
    row: UnsafePointer<Double>, d: Int, best: Int, label: UnsafeMutablePointer<Int>,
    counts: UnsafeMutablePointer<Int>, sums: UnsafeMutablePointer<Double>?
) {
    label.pointee = best
    counts[best] &+= 1
    if let sums { _add(row, to: sums + best &* d, count: d) }
}

/// `target[f] += row[f]` for f in 0..<d, eight at a time, then one at a time.
@inline(__always)
func _add(_ row: UnsafePointer<Double>, to target: UnsafeMutablePointer<Double>, count d: Int) {
    let source = UnsafeRawPointer(row), destination = UnsafeMutableRawPointer(target)
    var f = 0
    while f &+ 8 <= d {
        let offset = f &* 8
        let sum = destination.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self)
            + source.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self)
        destination.storeBytes(of: sum, toByteOffset: offset, as: SIMD8<Double>.self)
        f &+= 8
    }
    while f < d {
        target[f] += row[f]
        f &+= 1
    }
}

/// `Σ_f (row[f] − centroid[f])²`, summed in feature order.
@inline(__always)
func _squaredDistance(_ row: UnsafePointer<Double>, _ centroid: UnsafePointer<Double>, count d: Int) -> Double {
    var sum = 0.0
    var f = 0
    while f < d {
        let difference = row[f] - centroid[f]
        sum += difference * difference
        f &+= 1
    }
    return sum
}

/// Whether `assign` uses the fused C kernel (CKMeansKernel) rather than gemm + `_scanBlock`: when
/// k·d <= 16,384 with the AVX-512 or AVX2 path, k·d <= 1,024 with the portable loops. The kernel's
/// cost grows with k·d while the gemm's packing of X does not. Measured (release, 2 threads,
/// 200,000 rows, seconds per Lloyd iteration, fused vs gemm): AVX-512 path, k·d = 1,024: 7.5–9.4 vs
/// 8.1–9.1 ms; 2,048: 14–19 vs 22–30 ms; 4,096: 30 vs 37–47 ms; 8,192: 59–60 vs 72–74 ms; 16,384:
/// 115–118 vs 177–181 ms. AVX2 path (same machine, path forced): 1,024: 7–8 vs 14–15 ms; 2,048:
/// 13–17 vs 21–23 ms; 4,096: 27–28 vs 35 ms; 8,192: 52–53 vs 70–74 ms; 16,384: 107–108 vs
/// 152–157 ms. The portable loops keep the bound measured for the first kernel (1,024).
@inline(__always)
func _usesFusedKernel(k: Int, d: Int) -> Bool { k * d <= (ck_kmeans_path() >= 1 ? 16_384 : 1_024) }
