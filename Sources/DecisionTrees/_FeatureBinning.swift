// Mapping feature values to small integer bins, once, before a tree grows.
//
// Goals: the binning of LightGBM and scikit-learn's HistGradientBoosting (Ke et al., "LightGBM",
// NeurIPS 2017; sklearn `_BinMapper`): a numeric feature with at most `maxBins` distinct values
// (in a subsample of at most 200,000 rows) gets one bin per distinct value with edges at the
// midpoints a/2 + b/2 between consecutive values; otherwise `maxBins` quantile bins of the
// subsample. A value x falls in the first bin i with x <= edge_i, so "bins <= b go left" is the
// rule "x <= edge_b". In exact mode every distinct value of the full column is a bin, which makes
// the split search of scikit-learn's exact splitter a special case of the histogram search.
// Categorical features use their level codes as bins. NaN takes the extra bin `binCount`.
// The subsample takes evenly spaced rows, so binning is deterministic without a seed. Quantile
// edges need only the order statistics at the cuts: a multiple quickselect finds them (the
// subsample is not sorted). Values are binned by a branch-free binary search of fixed length
// over the edges padded with +infinity to a power of two, four rows at a time.

import _ChurnKitCore
import LinearAlgebra

/// The learned bins of every feature.
package struct _FeatureBinning: Sendable {
    /// The rows used to place quantile edges at most.
    static let subsampleSize = 200_000

    /// Number of value bins per feature; a missing value has the code `binCounts[f]`.
    package let binCounts: [Int]
    /// Upper edges of the value bins but the last (`binCounts[f] - 1` values), for numeric features.
    package let upperEdges: [[Double]]
    /// The single value of each bin, when every bin holds one distinct value; `nil` for quantile bins.
    package let binValues: [[Double]?]
    /// True for categorical features.
    package let isCategorical: [Bool]

    /// Learns the bins of every column of `x` (the values are checked by `codes(x:)`).
    /// - Parameters:
    ///   - x: n x d features.
    ///   - features: the feature descriptions.
    ///   - maxBins: the largest number of value bins, or `nil` for one bin per distinct value.
    /// - Throws: `DecisionTreeError.tooManyLevels` for a categorical feature with more than `maxBins` levels.
    /// - Complexity: O(n d) plus O(s log maxBins) per numeric feature, s = min(n, subsample)
    ///   (O(n log n) with `nil`).
    package init(x: Matrix, features: [TreeFeature], maxBins: Int?) throws(DecisionTreeError) {
        let n = x.rows, d = x.columns
        for (f, feature) in features.enumerated() {
            if let maxBins, let levels = feature.levels, levels.count > maxBins {
                throw .tooManyLevels(feature: features[f].name, count: levels.count, maximum: maxBins)
            }
        }
        // The subsample: evenly spaced rows, read row by row (each row is contiguous).
        let step = maxBins == nil ? 1 : max(1, (n + _FeatureBinning.subsampleSize - 1) / _FeatureBinning.subsampleSize)
        var samples = [[Double]](repeating: [], count: d)
        x.withUnsafeBufferPointer { data in
            for f in 0..<d where !features[f].isCategorical { samples[f].reserveCapacity(n / step + 1) }
            for row in stride(from: 0, to: n, by: step) {
                for f in 0..<d where !features[f].isCategorical {
                    let v = data[row * d + f]
                    if v.isFinite { samples[f].append(v) }
                }
            }
        }
        var counts = [Int](repeating: 0, count: d)
        var edges = [[Double]](repeating: [], count: d)
        var values = [[Double]?](repeating: nil, count: d)
        counts.withUnsafeMutableBufferPointer { counts in
            edges.withUnsafeMutableBufferPointer { edges in
                values.withUnsafeMutableBufferPointer { values in
                    samples.withUnsafeMutableBufferPointer { samples in
                        concurrentForEach(d, concurrently: n * d >= 100_000) { f in
                            if let levels = features[f].levels {
                                counts[f] = levels.count
                                return
                            }
                            _FeatureBinning._learn(
                                sample: &samples[f], maxBins: maxBins, count: &counts[f], edges: &edges[f],
                                values: &values[f])
                        }
                    }
                }
            }
        }
        self.binCounts = counts
        self.upperEdges = edges
        self.binValues = values
        self.isCategorical = features.map(\.isCategorical)
        self.featureNames = features.map(\.name)
    }

    /// The names of the features, for error messages.
    package let featureNames: [String]

    /// Learns the bins of a numeric feature from its finite sample values (see the file header).
    /// With `maxBins`, the distinct values are counted with an early exit, and quantile edges only
    /// need the order statistics at the cuts, found by `_select` (O(s log maxBins), not a sort).
    static func _learn(
        sample: inout [Double], maxBins: Int?, count: inout Int, edges: inout [Double], values: inout [Double]?
    ) {
        if let maxBins {
            var seen = Set<Double>(minimumCapacity: maxBins + 1)
            for v in sample {
                seen.insert(v)
                if seen.count > maxBins { break }
            }
            if seen.count > maxBins {
                let m = sample.count
                var ranks = [m - 1]
                for i in 1..<maxBins {
                    let index = i * m / maxBins
                    if index > 0, index < m { ranks += [index - 1, index] }
                }
                ranks = Array(Set(ranks)).sorted()
                sample.withUnsafeMutableBufferPointer { a in
                    _select(a, 0, m, ranks: ranks[...], budget: 2 * (Int.bitWidth - m.leadingZeroBitCount))
                }
                edges = _quantileEdges(sorted: sample, bins: maxBins)
                count = edges.count + 1
                return
            }
            sample = seen.sorted()
        } else {
            sample.sort()
        }
        var distinct: [Double] = []
        for v in sample where distinct.last != v { distinct.append(v) }
        values = distinct
        edges = zip(distinct.dropLast(), distinct.dropFirst()).map { _midpoint($0, $1) }
        count = edges.count + 1
    }

    /// Number of features (d).
    package var featureCount: Int { binCounts.count }

    /// The bin codes of `x`, row-major: code of row i, feature f at `i * d + f` (a node's rows
    /// then read d consecutive bytes each when its histogram is built), and checks the values. `Bin` must hold `max(binCounts)`; the caller picks `UInt8` for histogram search.
    /// Each numeric value is binned by a branch-free search of fixed length over its feature's
    /// edges padded with +infinity to a power of two; row blocks run on all cores.
    /// - Parameter x: the matrix the binning was learned on.
    /// - Returns: d * n codes.
    /// - Throws: `DecisionTreeError.nonFiniteValue` for an infinity, `.invalidCategoryCode` for a
    ///   categorical value that is not a level code (the first offending row, then feature).
    /// - Complexity: O(n d log b), on all cores, reading `x` in row blocks that stay in cache.
    package func codes<Bin: FixedWidthInteger & UnsignedInteger & Sendable>(x: Matrix) throws(DecisionTreeError) -> [Bin] {
        let n = x.rows, d = x.columns
        var codes = [Bin](repeating: 0, count: n * d)
        // Padded edge tables, one after the other: feature f's has 1 << steps[f] entries.
        var tables: [Double] = []
        var offsets = [Int](repeating: 0, count: d)
        var steps = [Int](repeating: 0, count: d)
        for f in 0..<d where !isCategorical[f] {
            let edges = upperEdges[f]
            while (1 << steps[f]) < edges.count + 1 { steps[f] += 1 }
            offsets[f] = tables.count
            tables += edges.map { $0 + 0 }
            tables += [Double](repeating: .infinity, count: (1 << steps[f]) - edges.count)
        }
        // Row blocks of 256 rows x d features (64 KB at d = 32) stay in cache while each
        // feature's column is read from them.
        let blockSize = 256
        let blocks = (n + blockSize - 1) / blockSize
        var failed = [Bool](repeating: false, count: blocks)
        x.withUnsafeBufferPointer { data in
            codes.withUnsafeMutableBufferPointer { out in
                failed.withUnsafeMutableBufferPointer { failed in
                    tables.withUnsafeBufferPointer { tables in
                        concurrentForEach(blocks, concurrently: n * d >= 100_000) { block in
                            let rows = (block * blockSize)..<min(n, (block + 1) * blockSize)
                            var invalid = false
                            for f in 0..<d {
                                let missing = Bin(truncatingIfNeeded: binCounts[f])
                                if isCategorical[f] {
                                    let levels = Double(binCounts[f])
                                    for row in rows {
                                        let v = data[row &* d &+ f]
                                        if v.isNaN {
                                            out[row &* d &+ f] = missing
                                        } else if v >= 0, v < levels, v == v.rounded(.towardZero) {
                                            out[row &* d &+ f] = Bin(truncatingIfNeeded: Int(v))
                                        } else {
                                            invalid = true
                                        }
                                    }
                                    continue
                                }
                                guard let start = tables.baseAddress else { continue }
                                let table = start + offsets[f], top = 1 << steps[f]
                                // Four rows at a time: their searches are independent chains
                                // of loads that the processor overlaps.
                                var row = rows.lowerBound
                                while row < rows.upperBound {
                                    let lanes = min(4, rows.upperBound - row)
                                    // Adding +0 turns -0 into +0 (the edges are stored so too).
                                    var v = (0.0, 0.0, 0.0, 0.0)
                                    v.0 = data[row &* d &+ f] + 0
                                    if lanes > 1 { v.1 = data[(row &+ 1) &* d &+ f] + 0 }
                                    if lanes > 2 { v.2 = data[(row &+ 2) &* d &+ f] + 0 }
                                    if lanes > 3 { v.3 = data[(row &+ 3) &* d &+ f] + 0 }
                                    var b = (0, 0, 0, 0), half = top
                                    while half > 1 {
                                        half &>>= 1
                                        let h = half &- 1
                                        b.0 &+= half &* _below(table[b.0 &+ h], v.0)
                                        b.1 &+= half &* _below(table[b.1 &+ h], v.1)
                                        b.2 &+= half &* _below(table[b.2 &+ h], v.2)
                                        b.3 &+= half &* _below(table[b.3 &+ h], v.3)
                                    }
                                    let at = row &* d &+ f
                                    out[at] = v.0.isNaN ? missing : Bin(truncatingIfNeeded: b.0)
                                    if lanes > 1 { out[at &+ d] = v.1.isNaN ? missing : Bin(truncatingIfNeeded: b.1) }
                                    if lanes > 2 { out[at &+ 2 &* d] = v.2.isNaN ? missing : Bin(truncatingIfNeeded: b.2) }
                                    if lanes > 3 { out[at &+ 3 &* d] = v.3.isNaN ? missing : Bin(truncatingIfNeeded: b.3) }
                                    invalid = invalid || v.0.magnitude == .infinity || v.1.magnitude == .infinity
                                        || v.2.magnitude == .infinity || v.3.magnitude == .infinity
                                    row &+= lanes
                                }
                            }
                            failed[block] = invalid
                        }
                    }
                }
            }
        }
        if let block = failed.firstIndex(of: true) {
            let error = x.withUnsafeBufferPointer { data in
                _firstInvalidValue(data, rows: (block * blockSize)..<min(n, (block + 1) * blockSize), columns: d)
            }
            if let error { throw error }
        }
        return codes
    }

    /// The error for the first invalid value of `rows` (row by row, then feature): an infinity,
    /// or a categorical value that is not a level code.
    /// - Complexity: O(rows d).
    func _firstInvalidValue(_ data: UnsafeBufferPointer<Double>, rows: Range<Int>, columns d: Int) -> DecisionTreeError? {
        for row in rows {
            for f in 0..<d {
                let v = data[row * d + f]
                if isCategorical[f] {
                    if !v.isNaN, !(v >= 0 && v < Double(binCounts[f]) && v == v.rounded(.towardZero)) {
                        return .invalidCategoryCode(feature: featureNames[f], row: row, value: v, levelCount: binCounts[f])
                    }
                } else if v.isInfinite {
                    return .nonFiniteValue(feature: featureNames[f], row: row, value: v)
                }
            }
        }
        return nil
    }
}

/// 1 when t < v, else 0, for t and v that are not -0 (with -0 turned into +0 by adding +0).
/// For finite t and v, t - v is exactly zero only when t == v (gradual underflow), so its sign
/// bit is the comparison; an infinity t above a finite v gives +infinity. Reading the sign bit
/// keeps the compiler from branching on the data, which a binary search would mispredict.
@inline(__always)
func _below(_ t: Double, _ v: Double) -> Int {
    Int(truncatingIfNeeded: (t - v).bitPattern >> 63)
}

/// scikit-learn's threshold between two consecutive values: a/2 + b/2, or a when that rounds to b.
@inline(__always)
package func _midpoint(_ a: Double, _ b: Double) -> Double {
    let m = a / 2 + b / 2
    return m == b ? a : m
}

/// Puts the values of `a[lo..<hi]` at the sorted `ranks` (all in `lo..<hi`) in their sorted
/// positions, smaller values before and larger after each (multiple quickselect, Hoare 1961, with
/// a three-way partition around a median-of-three pivot, so that repeated values end the
/// recursion; a range that exhausts `budget` halvings is sorted instead, which bounds the worst case).
/// - Complexity: O(m log r) expected for m values and r ranks; O(m log m) at worst.
func _select(_ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int, ranks: ArraySlice<Int>, budget: Int) {
    guard !ranks.isEmpty, hi - lo > 1 else { return }
    if hi - lo <= 32 || budget == 0 {
        a[lo..<hi].sort()
        return
    }
    let mid = lo + (hi - lo) / 2
    let (x, y, z) = (a[lo], a[mid], a[hi - 1])
    let pivot = max(min(x, y), min(max(x, y), z))
    // Two branch-free passes (Lomuto's scheme with an unconditional swap, so the processor never
    // mispredicts on the data): a[lo..<lt] < pivot, then a[lt..<gt] == pivot, a[gt..<hi] > pivot.
    var lt = lo
    for i in lo..<hi {
        let v = a[i]
        a[i] = a[lt]
        a[lt] = v
        lt &+= Int(unsafeBitCast(v < pivot, to: UInt8.self))
    }
    var gt = lt
    for i in lt..<hi {
        let v = a[i]
        a[i] = a[gt]
        a[gt] = v
        gt &+= Int(unsafeBitCast(v == pivot, to: UInt8.self))
    }
    let below = ranks.prefix { $0 < lt }
    let above = ranks.drop { $0 < gt }
    _select(a, lo, lt, ranks: below, budget: budget - 1)
    _select(a, gt, hi, ranks: above, budget: budget - 1)
}

/// At most `bins - 1` increasing edges that cut sorted `sample` into groups of about equal size;
/// each edge lies between two consecutive distinct values (at their midpoint), or on a value
/// that repeats across a cut (then the cut falls after its last copy); every bin holds sample values.
/// Only the entries at indices `i * m / bins - 1`, `i * m / bins` and the last are read, so
/// `sample` need only hold those in sorted position (see `_select`).
/// - Complexity: O(bins).
func _quantileEdges(sorted sample: [Double], bins: Int) -> [Double] {
    let m = sample.count
    guard let top = sample.last else { return [] }
    var edges: [Double] = []
    var lastLeft = -Double.infinity
    for i in 1..<bins {
        let index = i * m / bins
        guard index > 0, index < m else { continue }
        let (a, b) = (sample[index - 1], sample[index])
        // Each edge must cut after a different value, or the bin between two edges is empty.
        guard a > lastLeft, a < top else { continue }
        edges.append(a < b ? _midpoint(a, b) : a)
        lastLeft = a
    }
    return edges
}
