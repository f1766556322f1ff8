// Growing one regression tree of a boosted model on gradient/Hessian histograms.
//
// Goals: LightGBM's leaf-wise tree learner for a twice-differentiable loss (Ke et al., "LightGBM",
// NeurIPS 2017; Chen & Guestrin, "XGBoost", KDD 2016, eq. 5-7) on DecisionTrees' binning. A
// histogram holds, per feature and bin, the sums of the gradients g, of the Hessians h and the
// row count. The leaf with the largest gain is split next (best-first), up to `maxLeaves`. With
// T(G) = sign(G) max(|G| - l1, 0) (the L1 soft threshold), a node's objective is
// T(G)^2 / (H + l2), a split's gain is the left plus the right objective minus the parent's, and
// a leaf's output is -T(G) / (H + l2) times the learning rate. A split needs `minSamplesLeaf` rows
// and `minSumHessian` on each side and a gain above `minSplitGain`.
// The rows are kept as a list of row indices, partitioned stably at each split so that a node's
// rows are contiguous (`start..<end`) and in increasing order; the codes stay in place, row-major,
// so a histogram reads each row's d codes from one cache line. Only the smaller child's histogram
// is built; the larger child's is the parent's minus it (sibling subtraction). A large node's rows
// are cut into a few runs, by row count only, whose histograms are built in parallel and added in
// run order, so the result does not depend on the number of threads. The inner loops (C, in
// CHistogramKernel) prefetch the codes and gradients of the rows ahead: a node's rows are
// scattered through the codes, and one row's work is too long for the processor to overlap the
// cache misses of the next rows by itself. Candidate thresholds are the upper edges of the bins
// between consecutive non-empty bins (LightGBM's rule), so the raw-value rule x <= threshold and
// the bin rule agree on every value; with missing values in the node, every threshold is tried
// with the missing rows on the right, then on the left, and "non-missing | missing" too.

import _ChurnKitCore
import CHistogramKernel
import DecisionTrees
import Tabular

/// A node while a boosted tree grows: its rows and their gradient and Hessian sums.
struct _GradientNode {
    var depth: Int
    var start: Int
    var end: Int
    var gradient: Double
    var hessian: Double
    var split: _GradientSplit?
    var left = -1
    var right = -1

    var count: Int { end - start }
}

/// The best split found for a node: bins `0...lastLeftBin` (and the missing bin when
/// `missingGoesLeft`) go left.
struct _GradientSplit {
    var feature: Int
    var gain: Double
    var lastLeftBin: Int
    var missingGoesLeft: Bool
    var missingCount: Int
    var leftGradient: Double
    var leftHessian: Double
    var leftCount: Int
    var threshold: Double
}

/// The limits and penalties of tree growth (validated by the trainer).
struct _GrowthRules: Sendable {
    var maxLeaves: Int
    var maxDepth: Int?
    var minSamplesLeaf: Int
    var minSumHessian: Double
    var l1: Double
    var l2: Double
    var minSplitGain: Double
    var learningRate: Double
    /// Features drawn at random for each node's split search (random forests), or `nil` for all.
    var featuresPerSplit: Int? = nil

    /// T(G)^2 / (H + l2): the loss reduction a leaf with these sums achieves (up to the factor 1/2).
    @inline(__always)
    func objective(_ g: Double, _ h: Double) -> Double {
        let t = softThreshold(g), denominator = h + l2
        return denominator > 0 ? t * t / denominator : 0
    }

    /// The leaf output -T(G) / (H + l2), times the learning rate.
    func output(_ g: Double, _ h: Double) -> Double {
        let denominator = h + l2
        return denominator > 0 ? -learningRate * softThreshold(g) / denominator : 0
    }

    /// sign(g) max(|g| - l1, 0).
    @inline(__always)
    func softThreshold(_ g: Double) -> Double {
        l1 > 0 ? (g > l1 ? g - l1 : (g < -l1 ? g + l1 : 0)) : g
    }
}

/// A grown tree: public nodes in preorder, the bin rule of each node for binned data, and where
/// each leaf's rows ended in the grower's row list.
struct _GrownTree {
    var nodes: [EnsembleTreeNode]
    /// Per node: the split feature, the last bin going left and the missing direction (leaves: nil).
    var binRules: [(feature: Int, lastLeftBin: Int, missingGoesLeft: Bool)?]
    /// Per leaf of the growth: the preorder node index and its range in `rows`.
    var leafRanges: [(node: Int, start: Int, end: Int)]

    /// The value of the leaf a training row reaches, routed by its bin codes (which agree with
    /// the thresholds on every value, see the file header).
    /// - Complexity: O(depth).
    func binnedValue(row: Int, codes: [UInt8], d: Int, missingBins: [Int]) -> Double {
        var node = 0
        while let rule = binRules[node], let split = nodes[node].split {
            let bin = Int(codes[row * d + rule.feature])
            let left = bin == missingBins[rule.feature] ? rule.missingGoesLeft : bin <= rule.lastLeftBin
            node = left ? split.left : split.right
        }
        return nodes[node].value
    }
}

/// A histogram: for each cell (feature f's bin b is cell `offsets[f] + b`) the sums of the
/// gradients and of the Hessians, side by side in `sums`, and the row count in `counts` (two
/// streams, so the histogram loop writes one 16-byte pair and one 4-byte count per cell).
struct _Histogram {
    var sums: [Double]
    var counts: [UInt32]

    /// An empty histogram of `cells` cells.
    init(cells: Int) {
        sums = [Double](repeating: 0, count: 2 * cells)
        counts = [UInt32](repeating: 0, count: cells)
    }

    /// No cells (a pending split that keeps no histogram).
    static var none: _Histogram { _Histogram(cells: 0) }

    /// Subtracts `other` (a histogram of a subset of the rows) cell by cell.
    mutating func subtract(_ other: _Histogram) {
        sums.withUnsafeMutableBufferPointer { p in
            other.sums.withUnsafeBufferPointer { s in
                for i in p.indices { p[i] -= s[i] }
            }
        }
        counts.withUnsafeMutableBufferPointer { p in
            other.counts.withUnsafeBufferPointer { s in
                for i in p.indices { p[i] &-= s[i] }
            }
        }
    }

    /// Adds `other` (a histogram of other rows) cell by cell.
    mutating func add(_ other: _Histogram) {
        sums.withUnsafeMutableBufferPointer { p in
            other.sums.withUnsafeBufferPointer { s in
                for i in p.indices { p[i] += s[i] }
            }
        }
        counts.withUnsafeMutableBufferPointer { p in
            other.counts.withUnsafeBufferPointer { s in
                for i in p.indices { p[i] &+= s[i] }
            }
        }
    }
}

/// The data shared by the trees of one fit: the binning and the bin codes, and the histogram layout.
struct _GradientTreeGrower {
    /// Rows at least per part of a histogram built in parallel.
    static var partRows: Int { 65_536 }
    /// The most parts a histogram is cut into (a few per core, for balance on a busy machine).
    static var maxParts: Int { 4 }

    let binning: _FeatureBinning
    /// The bin codes, row-major (`row * d + f`), never moved.
    let codes: [UInt8]
    let d: Int
    let rules: _GrowthRules
    /// The first cell of each feature's histogram.
    let cellOffsets: [Int]
    /// The number of cells of a histogram of every feature.
    let cellCount: Int

    /// Prepares growth on binned rows.
    /// - Parameters:
    ///   - binning: the learned bins.
    ///   - codes: n x d bin codes, row-major.
    ///   - rules: the growth limits and penalties.
    init(binning: _FeatureBinning, codes: [UInt8], rules: _GrowthRules) {
        self.binning = binning
        self.codes = codes
        self.d = binning.featureCount
        self.rules = rules
        var offsets: [Int] = []
        var cells = 0
        for f in 0..<binning.featureCount {
            offsets.append(cells)
            cells += binning.binCounts[f] + 1
        }
        self.cellOffsets = offsets
        self.cellCount = cells
    }

    /// Grows one tree on `rows` (increasing row indices; partitioned in place by the growth).
    /// - Parameters:
    ///   - rows: the rows the tree is fitted on; on return every leaf's rows are contiguous.
    ///   - gradients: n gradients, indexed by row.
    ///   - hessians: n Hessians, indexed by row.
    ///   - features: the features splits may use (increasing).
    ///   - random: the stream the features of each split search are drawn from (`featuresPerSplit`).
    /// - Returns: the tree and where its leaves' rows lie in `rows`.
    /// - Complexity: O(m d) per level of histogram work for m rows, plus O(d bins) per split search.
    func grow(
        rows: inout [Int32], gradients: [Double], hessians: [Double], features: [Int], random: inout SeededRandom
    ) -> _GrownTree {
        // Best-first needs the largest gain among the pending splits; without a leaf limit the
        // order does not change the tree, and depth-first keeps few histograms alive.
        let bestFirst = rules.maxLeaves < Int.max
        var g = 0.0, h = 0.0
        for r in rows {
            g += gradients[Int(r)]
            h += hessians[Int(r)]
        }
        var nodes = [_GradientNode(depth: 0, start: 0, end: rows.count, gradient: g, hessian: h)]
        var scratch = [Int32](repeating: 0, count: rows.count)
        // With features drawn per split (forests), a node's histogram holds only the drawn
        // features and is built from its rows (there is no parent histogram to subtract from):
        // cheaper than all features of the smaller child when few features are drawn.
        let drawn = rules.featuresPerSplit.map { $0 < features.count ? $0 : nil } ?? nil
        func searchDrawn(_ node: _GradientNode) -> _GradientSplit? {
            guard let k = drawn else { return nil }
            let chosen = _drawWithoutReplacement(k, of: features, using: &random)
            var offsets = [Int](repeating: 0, count: d), cells = 0
            for f in chosen {
                offsets[f] = cells
                cells += binning.binCounts[f] + 1
            }
            let histogram = _histogram(
                rows: rows, start: node.start, end: node.end, gradients, hessians, chosen, offsets: offsets, cells: cells)
            return _bestSplit(node: node, histogram: histogram, features: chosen, offsets: offsets)
        }
        // Pending splits: the node and its histogram (empty with drawn features).
        var frontier: [(node: Int, histogram: _Histogram)] = []
        if _isSplittable(nodes[0]) {
            if drawn != nil {
                if let split = searchDrawn(nodes[0]) {
                    nodes[0].split = split
                    frontier.append((0, .none))
                }
            } else {
                let histogram = _histogram(
                    rows: rows, start: 0, end: rows.count, gradients, hessians, features, offsets: cellOffsets,
                    cells: cellCount)
                if let split = _bestSplit(node: nodes[0], histogram: histogram, features: features, offsets: cellOffsets) {
                    nodes[0].split = split
                    frontier.append((0, histogram))
                }
            }
        }
        var leaves = 1
        while leaves < rules.maxLeaves, var best = bestFirst ? _popBest(&frontier, nodes) : frontier.popLast() {
            leaves += 1
            let (left, right) = _apply(node: best.node, nodes: &nodes, rows: &rows, scratch: &scratch)
            let needLeft = _isSplittable(nodes[left]), needRight = _isSplittable(nodes[right])
            guard needLeft || needRight else { continue }
            if drawn != nil {
                for child in [left, right] where child == left ? needLeft : needRight {
                    guard let split = searchDrawn(nodes[child]) else { continue }
                    nodes[child].split = split
                    frontier.append((child, .none))
                }
                continue
            }
            let small = nodes[left].count <= nodes[right].count ? left : right
            var parent = _Histogram.none
            swap(&parent, &best.histogram)
            let built = _histogram(
                rows: rows, start: nodes[small].start, end: nodes[small].end, gradients, hessians, features,
                offsets: cellOffsets, cells: cellCount)
            parent.subtract(built)
            for (child, histogram) in [(left, left == small ? built : parent), (right, right == small ? built : parent)] {
                guard child == left ? needLeft : needRight,
                    let split = _bestSplit(node: nodes[child], histogram: histogram, features: features, offsets: cellOffsets)
                else { continue }
                nodes[child].split = split
                frontier.append((child, histogram))
            }
        }
        for pending in frontier { nodes[pending.node].split = nil }
        return _preorder(nodes)
    }

    /// Removes and returns the pending split with the largest gain (the earliest on ties).
    func _popBest(_ frontier: inout [(node: Int, histogram: _Histogram)], _ nodes: [_GradientNode])
        -> (node: Int, histogram: _Histogram)?
    {
        guard var best = frontier.indices.first else { return nil }
        for i in frontier.indices
        where (nodes[frontier[i].node].split?.gain ?? 0) > (nodes[frontier[best].node].split?.gain ?? 0) {
            best = i
        }
        return frontier.remove(at: best)
    }

    /// Whether a node may be split: depth, rows and Hessian allow two children.
    func _isSplittable(_ node: _GradientNode) -> Bool {
        if let maxDepth = rules.maxDepth, node.depth >= maxDepth { return false }
        return node.count >= 2 * rules.minSamplesLeaf && node.hessian >= 2 * rules.minSumHessian
    }

    /// The histogram of rows `rows[start..<end]` over `features`: per bin, the gradient and Hessian
    /// sums and the count; feature f's cells start at cell `offsets[f]`, `cells` cells in all.
    /// Large nodes are cut into `parts` consecutive runs of rows whose histograms are built in
    /// parallel and then added in run order; the runs depend on the row count only, so the sums
    /// do not depend on the number of threads.
    /// - Complexity: O((end - start) |features|), on all cores for large nodes.
    func _histogram(
        rows: [Int32], start: Int, end: Int, _ gradients: [Double], _ hessians: [Double], _ features: [Int],
        offsets cellOffsets: [Int], cells: Int
    ) -> _Histogram {
        let count = end - start
        let parts = max(1, min(Self.maxParts, count / Self.partRows))
        var histograms = [_Histogram](repeating: _Histogram(cells: cells), count: parts)
        // Every feature in order: the kernel walks the features without the list.
        let allFeatures = features.count == d && features.elementsEqual(0..<d)
        let d = d
        histograms.withUnsafeMutableBufferPointer { histograms in
            codes.withUnsafeBufferPointer { codes in
                rows.withUnsafeBufferPointer { rows in
                    gradients.withUnsafeBufferPointer { g in
                        hessians.withUnsafeBufferPointer { h in
                            cellOffsets.withUnsafeBufferPointer { offsets in
                                features.withUnsafeBufferPointer { features in
                                    concurrentForEach(parts, concurrently: parts > 1) { k in
                                        guard let rowBase = rows.baseAddress else { return }
                                        let lo = start + k * count / parts, hi = start + (k + 1) * count / parts
                                        histograms[k].sums.withUnsafeMutableBufferPointer { sums in
                                            histograms[k].counts.withUnsafeMutableBufferPointer { counts in
                                                ck_histogram_add(
                                                    codes.baseAddress, d, rowBase + lo, hi - lo, g.baseAddress,
                                                    h.baseAddress, offsets.baseAddress,
                                                    allFeatures ? nil : features.baseAddress, features.count,
                                                    sums.baseAddress, counts.baseAddress)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var histogram = histograms[0]
        for k in 1..<parts { histogram.add(histograms[k]) }
        return histogram
    }

    /// The best split of `node` over `features` (the first feature wins ties); feature f's cells
    /// start at cell `offsets[f]` of `histogram`.
    func _bestSplit(node: _GradientNode, histogram: _Histogram, features: [Int], offsets: [Int]) -> _GradientSplit? {
        var best: _GradientSplit?
        let parent = rules.objective(node.gradient, node.hessian)
        histogram.sums.withUnsafeBufferPointer { sums in
            histogram.counts.withUnsafeBufferPointer { counts in
                guard let sums = sums.baseAddress, let counts = counts.baseAddress else { return }
                for f in features {
                    guard
                        let found = _numericSplit(
                            feature: f, sums: sums + offsets[f] * 2, counts: counts + offsets[f], node: node, parent: parent)
                    else { continue }
                    if found.gain > best?.gain ?? rules.minSplitGain { best = found }
                }
            }
        }
        return best
    }

    /// The best threshold of one feature, missing values tried on both sides; `sums` holds the
    /// feature's (gradient, Hessian) pairs and `counts` its row counts, bin by bin.
    func _numericSplit(
        feature f: Int, sums h: UnsafePointer<Double>, counts: UnsafePointer<UInt32>, node: _GradientNode, parent: Double
    ) -> _GradientSplit? {
        let bins = binning.binCounts[f]
        let missingCount = Int(counts[bins])
        var occupied: [Int] = []
        occupied.reserveCapacity(bins)
        for b in 0..<bins where counts[b] > 0 { occupied.append(b) }
        guard !occupied.isEmpty, occupied.count >= 2 || missingCount > 0 else { return nil }
        var bestGain = -Double.infinity
        var best = (g: 0.0, h: 0.0, count: 0, low: 0, last: false, missingLeft: false)
        let minLeaf = rules.minSamplesLeaf, minHessian = rules.minSumHessian
        for pass in 0..<(missingCount > 0 ? 2 : 1) {
            let missingLeft = pass == 1
            var lg = missingLeft ? h[bins * 2] : 0
            var lh = missingLeft ? h[bins * 2 + 1] : 0
            var lc = missingLeft ? missingCount : 0
            for (index, b) in occupied.enumerated() {
                lg += h[b * 2]
                lh += h[b * 2 + 1]
                lc += Int(counts[b])
                let last = index == occupied.count - 1
                if last && (missingLeft || missingCount == 0) { break }
                let rc = node.count - lc
                guard lc >= minLeaf, rc >= minLeaf else { continue }
                let rg = node.gradient - lg, rh = node.hessian - lh
                guard lh >= minHessian, rh >= minHessian else { continue }
                let gain = rules.objective(lg, lh) + rules.objective(rg, rh) - parent
                guard gain > bestGain else { continue }
                bestGain = gain
                best = (lg, lh, lc, b, last, missingLeft)
            }
        }
        guard bestGain > -.infinity else { return nil }
        let threshold = best.last ? Double.greatestFiniteMagnitude : binning.upperEdges[f][best.low]
        let missingLeft = missingCount > 0 ? best.missingLeft : best.count > node.count - best.count
        return _GradientSplit(
            feature: f, gain: bestGain, lastLeftBin: best.last ? bins - 1 : best.low, missingGoesLeft: missingLeft,
            missingCount: missingCount, leftGradient: best.g, leftHessian: best.h, leftCount: best.count,
            threshold: threshold)
    }

    /// Splits a node's rows (stable partition) and appends its two children. A large node is cut
    /// into the runs of `_histogram`, partitioned in parallel, and the runs' left and right rows
    /// are then laid out in run order, which is the stable partition of the whole node.
    func _apply(node index: Int, nodes: inout [_GradientNode], rows: inout [Int32], scratch: inout [Int32])
        -> (left: Int, right: Int)
    {
        let node = nodes[index]
        guard let split = node.split else { return (index, index) }
        let f = split.feature, d = d, missingBin = binning.binCounts[f], count = node.count
        let parts = max(1, min(Self.maxParts, count / Self.partRows))
        var lefts = [Int](repeating: 0, count: parts)
        codes.withUnsafeBufferPointer { codes in
            rows.withUnsafeMutableBufferPointer { rows in
                scratch.withUnsafeMutableBufferPointer { spill in
                    lefts.withUnsafeMutableBufferPointer { lefts in
                        guard let first = rows.baseAddress, let spilled = spill.baseAddress else { return }
                        let runs = first + node.start, out = spilled + node.start
                        concurrentForEach(parts, concurrently: parts > 1) { k in
                            let lo = k * count / parts, hi = (k + 1) * count / parts
                            lefts[k] = ck_partition(
                                codes.baseAddress, d, f, split.lastLeftBin, missingBin, split.missingGoesLeft ? 1 : 0,
                                runs + lo, hi - lo, out + lo)
                        }
                        guard parts > 1 else { return }
                        var leftAt = [Int](repeating: 0, count: parts), rightAt = leftAt
                        var total = 0
                        for k in 0..<parts {
                            leftAt[k] = total
                            total += lefts[k]
                        }
                        for k in 0..<parts {
                            rightAt[k] = total
                            total += (k + 1) * count / parts - k * count / parts - lefts[k]
                        }
                        concurrentForEach(parts, concurrently: true) { k in
                            let lo = k * count / parts, hi = (k + 1) * count / parts
                            (out + leftAt[k]).update(from: runs + lo, count: lefts[k])
                            (out + rightAt[k]).update(from: runs + lo + lefts[k], count: hi - lo - lefts[k])
                        }
                        runs.update(from: out, count: count)
                    }
                }
            }
        }
        let middle = node.start + lefts.reduce(0, +)
        let left = nodes.count
        nodes.append(_GradientNode(
            depth: node.depth + 1, start: node.start, end: middle, gradient: split.leftGradient,
            hessian: split.leftHessian))
        nodes.append(_GradientNode(
            depth: node.depth + 1, start: middle, end: node.end, gradient: node.gradient - split.leftGradient,
            hessian: node.hessian - split.leftHessian))
        nodes[index].left = left
        nodes[index].right = left + 1
        return (left, left + 1)
    }

    /// The grown nodes renumbered in preorder (root first, left subtree before right).
    func _preorder(_ nodes: [_GradientNode]) -> _GrownTree {
        var order: [Int] = []
        var stack = [0]
        while let g = stack.popLast() {
            order.append(g)
            if nodes[g].split != nil, nodes[g].left >= 0 {
                stack.append(nodes[g].right)
                stack.append(nodes[g].left)
            }
        }
        var position = [Int](repeating: -1, count: nodes.count)
        for (p, g) in order.enumerated() { position[g] = p }
        var tree = _GrownTree(nodes: [], binRules: [], leafRanges: [])
        for (p, g) in order.enumerated() {
            let node = nodes[g]
            var split: TreeSplit?
            if let s = node.split, node.left >= 0 {
                split = TreeSplit(
                    feature: s.feature, threshold: s.threshold, leftCategories: nil, missingGoesLeft: s.missingGoesLeft,
                    missingCount: s.missingCount, left: position[node.left], right: position[node.right],
                    impurityDecrease: s.gain)
                tree.binRules.append((s.feature, s.lastLeftBin, s.missingGoesLeft))
            } else {
                tree.binRules.append(nil)
                tree.leafRanges.append((p, node.start, node.end))
            }
            tree.nodes.append(EnsembleTreeNode(
                value: rules.output(node.gradient, node.hessian), sampleCount: node.count, cover: node.hessian,
                split: split))
        }
        return tree
    }
}

/// `count` of `values` drawn without replacement (a partial Fisher-Yates shuffle with
/// `nextIndex(below:)`), in increasing order.
/// - Complexity: O(values.count + count log count).
func _drawWithoutReplacement(_ count: Int, of values: [Int], using random: inout SeededRandom) -> [Int] {
    var pool = values
    for i in 0..<min(count, pool.count) { pool.swapAt(i, i + random.nextIndex(below: pool.count - i)) }
    return pool[..<min(count, pool.count)].sorted()
}
