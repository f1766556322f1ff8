// The per-row work of the k-means assignment after the gemm: nearest centroid, count, centroid sum.
//
// Goals: once a block's G[i, j] = ‖c_j‖² − 2 x_i·c_j are known, the nearest centroid of each row
// (the lowest index among equal values, as numpy's argmin in scikit-learn) and the update step's
// sums cost a few vector instructions per row. The argmin takes eight values at a time through a
// tree of pairwise minima over adjacent lanes (0 with 1, 2 with 3, ...; then pairs of pairs): an
// equal right-hand value never replaces the left one, and every left group holds lower indices
// than its right group, so the tree returns the lowest index holding the minimum, branch-free.
// Rows are added to their centroid's sum eight features at a time, in feature order.
// Reference: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28 (1982).

/// The smallest of eight values and the lowest lane holding it.
@inline(__always)
func _lowestMinimum(_ values: SIMD8<Double>) -> (lane: Int, value: Double) {
    let four = values.oddHalf .< values.evenHalf
    let value4 = values.evenHalf.replacing(with: values.oddHalf, where: four)
    let lane4 = SIMD4<Int64>(0, 2, 4, 6).replacing(with: SIMD4<Int64>(1, 3, 5, 7), where: four)
    let two = value4.oddHalf .< value4.evenHalf
    let value2 = value4.evenHalf.replacing(with: value4.oddHalf, where: two)
    let lane2 = lane4.evenHalf.replacing(with: lane4.oddHalf, where: two)
    return value2[1] < value2[0] ? (Int(lane2[1]), value2[1]) : (Int(lane2[0]), value2[0])
}

/// The index of the smallest of `g[0..<k]` (the lowest among equals) and its value: eight at a
/// time by `_lowestMinimum`, then one at a time. A later group replaces the best only when smaller.
@inline(__always)
func _argmin(_ g: UnsafePointer<Double>, count k: Int) -> (Int, Double) {
    let raw = UnsafeRawPointer(g)
    var minimum = Double.infinity
    var best = 0
    var j = 0
    while j &+ 8 <= k {
        let (lane, value) = _lowestMinimum(raw.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self))
        if value < minimum {
            minimum = value
            best = j &+ lane
        }
        j &+= 8
    }
    while j < k {
        if g[j] < minimum {
            minimum = g[j]
            best = j
        }
        j &+= 1
    }
    return (best, minimum)
}

/// Stores a row's label, counts it and adds it to its centroid's sum (when `sums` is given).
@inline(__always)
func _record(
    row: UnsafePointer<Double>, d: Int, best: Int, label: UnsafeMutablePointer<Int32>,
    counts: UnsafeMutablePointer<Int>, sums: UnsafeMutablePointer<Double>?
) {
    label.pointee = Int32(truncatingIfNeeded: best)
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

