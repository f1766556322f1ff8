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
// The subsample takes evenly spaced rows, so binning is deterministic without a seed.

import LinearAlgebra

/// The learned bins of every feature.
struct _FeatureBinning: Sendable {
    /// The rows used to place quantile edges at most.
    static let subsampleSize = 200_000

    /// Number of value bins per feature; a missing value has the code `binCounts[f]`.
    let binCounts: [Int]
    /// Upper edges of the value bins but the last (`binCounts[f] - 1` values), for numeric features.
    let upperEdges: [[Double]]
    /// The single value of each bin, when every bin holds one distinct value; `nil` for quantile bins.
    let binValues: [[Double]?]
    /// True for categorical features.
    let isCategorical: [Bool]

    /// Learns the bins of every column of `x` (the values are checked by `codes(x:)`).
    /// - Parameters:
    ///   - x: n x d features.
    ///   - features: the feature descriptions.
    ///   - maxBins: the largest number of value bins, or `nil` for one bin per distinct value.
    /// - Throws: `DecisionTreeError.tooManyLevels` for a categorical feature with more than `maxBins` levels.
    /// - Complexity: O(n d) plus O(s log s) per numeric feature, s = min(n, subsample) (n with `nil`).
    init(x: Matrix, features: [TreeFeature], maxBins: Int?) throws(DecisionTreeError) {
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
                        _concurrentForEach(d, concurrently: n * d >= 100_000) { f in
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
    let featureNames: [String]

    /// Learns the bins of a numeric feature from its finite sample values (see the file header).
    static func _learn(
        sample: inout [Double], maxBins: Int?, count: inout Int, edges: inout [Double], values: inout [Double]?
    ) {
        sample.sort()
        var distinct: [Double] = []
        for v in sample where distinct.last != v { distinct.append(v) }
        if let maxBins, distinct.count > maxBins {
            edges = _quantileEdges(sorted: sample, bins: maxBins)
        } else {
            values = distinct
            edges = zip(distinct.dropLast(), distinct.dropFirst()).map { _midpoint($0, $1) }
        }
        count = edges.count + 1
    }

    /// Number of features (d).
    var featureCount: Int { binCounts.count }

    /// The bin codes of `x`, feature-major: code of row i, feature f at `f * n + i`, and checks
    /// the values. `Bin` must hold `max(binCounts)`; the caller picks `UInt8` for histogram search.
    /// - Parameter x: the matrix the binning was learned on.
    /// - Returns: d * n codes.
    /// - Throws: `DecisionTreeError.nonFiniteValue` for an infinity, `.invalidCategoryCode` for a
    ///   categorical value that is not a level code (the first offending row, then feature).
    /// - Complexity: O(n d log b), on all cores, reading `x` row by row.
    func codes<Bin: FixedWidthInteger & UnsignedInteger & Sendable>(x: Matrix) throws(DecisionTreeError) -> [Bin] {
        let n = x.rows, d = x.columns
        var codes = [Bin](repeating: 0, count: n * d)
        // Row blocks small enough to stay in cache while each feature's column is read from them.
        let blockSize = 2_048
        let blocks = (n + blockSize - 1) / blockSize
        var errors = [DecisionTreeError?](repeating: nil, count: blocks)
        x.withUnsafeBufferPointer { data in
            codes.withUnsafeMutableBufferPointer { out in
                errors.withUnsafeMutableBufferPointer { errors in
                    _concurrentForEach(blocks, concurrently: n * d >= 100_000) { block in
                        let rows = (block * blockSize)..<min(n, (block + 1) * blockSize)
                        for f in 0..<d {
                            let missing = Bin(truncatingIfNeeded: binCounts[f])
                            if isCategorical[f] {
                                let levels = Double(binCounts[f])
                                for row in rows {
                                    let v = data[row &* d &+ f]
                                    if v.isNaN {
                                        out[f &* n &+ row] = missing
                                    } else if v >= 0, v < levels, v == v.rounded(.towardZero) {
                                        out[f &* n &+ row] = Bin(truncatingIfNeeded: Int(v))
                                    } else if errors[block].map({ $0.row > row }) ?? true {
                                        errors[block] = .invalidCategoryCode(
                                            feature: featureNames[f], row: row, value: v, levelCount: binCounts[f])
                                    }
                                }
                                continue
                            }
                            upperEdges[f].withUnsafeBufferPointer { edges in
                                for row in rows {
                                    let v = data[row &* d &+ f]
                                    if v.isNaN {
                                        out[f &* n &+ row] = missing
                                    } else {
                                        out[f &* n &+ row] = Bin(truncatingIfNeeded: _bin(of: v, edges: edges))
                                        if v.isInfinite, errors[block].map({ $0.row > row }) ?? true {
                                            errors[block] = .nonFiniteValue(feature: featureNames[f], row: row, value: v)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if let error = errors.lazy.compactMap({ $0 }).first { throw error }
        return codes
    }
}

/// The first index i with `v <= edges[i]`, or `edges.count` (a branch-free binary search: the
/// loop runs log2(count) times whatever v is, and the comparison feeds a conditional move).
/// - Complexity: O(log edges.count).
@inline(__always)
func _bin(of v: Double, edges: UnsafeBufferPointer<Double>) -> Int {
    guard edges.count > 0 else { return 0 }
    var base = 0, length = edges.count
    while length > 1 {
        let half = length >> 1
        base &+= edges[base &+ half] < v ? half : 0
        length &-= half
    }
    return base &+ (edges[base] < v ? 1 : 0)
}

/// scikit-learn's threshold between two consecutive values: a/2 + b/2, or a when that rounds to b.
@inline(__always)
func _midpoint(_ a: Double, _ b: Double) -> Double {
    let m = a / 2 + b / 2
    return m == b ? a : m
}

/// At most `bins - 1` increasing edges that cut sorted `sample` into groups of about equal size;
/// each edge lies between two consecutive distinct values (at their midpoint), or on a value
/// that repeats across a cut (then the cut falls after its last copy); every bin holds sample values.
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
