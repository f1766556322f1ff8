// Growing a CART tree on binned data with histogram split search.
//
// Goals: scikit-learn's stopping rules and split choice (DepthFirstTreeBuilder and
// BestFirstTreeBuilder in sklearn/tree/_tree.pyx, node_split_best in _splitter.pyx) on per-node
// histograms (Ke et al., "LightGBM", NeurIPS 2017): a histogram holds, per feature and bin, the
// weighted class totals and the row count. Only the smaller child's histogram is built from its
// rows; the larger child's is the parent's minus it. The bin codes are row-major and, with the
// labels and weights, moved along when a node's rows are partitioned (stably), so every node's
// rows lie contiguous and in increasing row order (LightGBM's "ordered gradients"): a histogram
// streams through memory, each row's d codes read once; the features are split into groups
// built in parallel. Every histogram cell sums its rows in row order, so the result does
// not depend on the number of threads. Candidate splits lie between consecutive non-empty bins; with missing values in the
// node, every threshold is tried with the missing rows on the right, then on the left, and the
// split "non-missing | missing" is tried too (scikit-learn's order). Categorical levels with
// enough rows in the node are sorted by their smoothed class-1 fraction (for k > 2 classes: the
// fraction of the node's majority class, a heuristic) and the prefixes of that order, and of the
// reversed order, up to a capped length, are candidate left sets, a missing value taking part as
// one more level (Breiman et al. 1984, sec. 9.4; Fisher 1958; regularized as LightGBM documents,
// see `CategoricalSplitOptions`); columns with few levels try one level against the rest. The best split maximizes
// -(W_L i_L + W_R i_R); the first one found wins ties (feature order, then threshold order).
// Node statistics are summed from the node's rows (in row order, while they are partitioned),
// not from histograms, so impurities are exact.

import _ChurnKitCore

/// A node while the tree grows.
struct _GrowingNode {
    var depth: Int
    var start: Int
    var end: Int
    var sums: [Double]
    var weight: Double
    var classCounts: [Int]
    var impurity: Double
    var split: _Split?
    var left = -1
    var right = -1

    var count: Int { end - start }
}

/// The best split found for a node.
struct _Split {
    var feature: Int
    var proxy: Double
    var leftSums: [Double]
    var leftCount: Int
    var leftOfBin: [Bool]
    var threshold: Double?
    var leftCategories: [Int]?
    var missingGoesLeft: Bool
    var missingCount: Int
    var improvement: Double = 0
}

/// A node waiting to be split, with its histogram when it was kept.
struct _Candidate {
    var node: Int
    var histogram: [Double]?
    var improvement: Double
}

/// Grows one tree; used once per fit.
struct _TreeGrower<Bin: FixedWidthInteger & UnsignedInteger & Sendable> {
    /// Histograms kept for pending nodes at most, in bytes (beyond it, children are built directly).
    static var histogramBudget: Int { 512 << 20 }

    let binning: _FeatureBinning
    /// The bin codes, labels and weights of the rows, row-major and permuted along with the rows
    /// so that every node's rows are contiguous (`start..<end`) and in increasing row order.
    var codes: [Bin]
    let n: Int
    let d: Int
    let k: Int
    var labels: [Int32]
    var weights: [Double]
    let parameters: DecisionTreeClassifier
    let totalWeight: Double
    let featureOffsets: [Int]
    let histogramSize: Int
    /// Where partitioning puts the rows that go right before copying them back.
    var scratchCodes: [Bin]
    var scratchLabels: [Int32]
    var scratchWeights: [Double]
    var nodes: [_GrowingNode] = []

    /// Prepares growth on binned data.
    /// - Parameters:
    ///   - binning: the learned bins.
    ///   - codes: the bin codes, row-major (`i * d + f`).
    ///   - rowCount: n.
    ///   - labels: n class labels in `0..<classCount`.
    ///   - weights: n row weights (sum > 0).
    ///   - classCount: k.
    ///   - parameters: the hyperparameters (validated).
    init(
        binning: _FeatureBinning, codes: [Bin], rowCount: Int, labels: [Int], weights: [Double], classCount: Int,
        parameters: DecisionTreeClassifier
    ) {
        self.binning = binning
        self.codes = codes
        self.n = rowCount
        self.d = binning.featureCount
        self.k = classCount
        self.labels = labels.map { Int32(truncatingIfNeeded: $0) }
        self.weights = weights
        self.parameters = parameters
        self.totalWeight = weights.reduce(0, +)
        var offsets: [Int] = []
        var size = 0
        for f in 0..<binning.featureCount {
            offsets.append(size)
            size += (binning.binCounts[f] + 1) * (classCount + 1)
        }
        self.featureOffsets = offsets
        self.histogramSize = size
        self.scratchCodes = [Bin](repeating: 0, count: codes.count)
        self.scratchLabels = [Int32](repeating: 0, count: rowCount)
        self.scratchWeights = [Double](repeating: 0, count: rowCount)
    }

    /// Grows the tree and returns its nodes in preorder (root first, left subtree before right).
    /// - Complexity: O(n d) per level with histograms, plus O(d bins) per node for the search.
    mutating func grow() -> [TreeNode] {
        nodes.append(_makeNode(start: 0, end: n, depth: 0))
        var frontier: [_Candidate] = []
        var keptHistograms = 0
        let bestFirst = parameters.maxLeafNodes != nil
        var splitsLeft = parameters.maxLeafNodes.map { $0 - 1 } ?? Int.max

        if _isSplittable(nodes[0]) {
            let histogram = _histogram(start: 0, end: n)
            if let candidate = _consider(node: 0, histogram: histogram) {
                frontier.append(candidate)
                keptHistograms += 1
            }
        }
        while splitsLeft > 0, let candidate = bestFirst ? _popBest(&frontier) : frontier.popLast() {
            if candidate.histogram != nil { keptHistograms -= 1 }
            splitsLeft -= 1
            let (left, right) = _apply(split: candidate.node)
            let needLeft = _isSplittable(nodes[left]), needRight = _isSplittable(nodes[right])
            guard needLeft || needRight else { continue }
            let (small, large) = nodes[left].count <= nodes[right].count ? (left, right) : (right, left)
            let needSmall = small == left ? needLeft : needRight
            let needLarge = small == left ? needRight : needLeft
            var smallHistogram: [Double]?
            var largeHistogram: [Double]?
            var candidate = candidate
            if var parent = candidate.histogram.take(), needLarge {
                let built = _histogram(start: nodes[small].start, end: nodes[small].end)
                parent.withUnsafeMutableBufferPointer { p in
                    built.withUnsafeBufferPointer { s in
                        for i in 0..<histogramSize { p[i] -= s[i] }
                    }
                }
                largeHistogram = parent
                if needSmall { smallHistogram = built }
            } else {
                if needSmall { smallHistogram = _histogram(start: nodes[small].start, end: nodes[small].end) }
                if needLarge { largeHistogram = _histogram(start: nodes[large].start, end: nodes[large].end) }
            }
            // Push the right child first so that depth-first growth visits the left child first.
            for (child, histogram) in [(right, right == small ? smallHistogram : largeHistogram),
                                       (left, left == small ? smallHistogram : largeHistogram)] {
                guard let histogram, var next = _consider(node: child, histogram: histogram) else { continue }
                if (keptHistograms + 1) * histogramSize * 8 > Self.histogramBudget {
                    next.histogram = nil
                } else {
                    keptHistograms += 1
                }
                frontier.append(next)
            }
        }
        for candidate in frontier { nodes[candidate.node].split = nil }
        return _preorderNodes()
    }

    /// Removes and returns the candidate with the largest improvement (the earliest on ties).
    func _popBest(_ frontier: inout [_Candidate]) -> _Candidate? {
        guard var best = frontier.indices.first else { return nil }
        for i in frontier.indices where frontier[i].improvement > frontier[best].improvement { best = i }
        return frontier.remove(at: best)
    }

    /// A node over rows `start..<end` with its statistics summed from the rows.
    func _makeNode(start: Int, end: Int, depth: Int) -> _GrowingNode {
        var sums = [Double](repeating: 0, count: k)
        var counts = [Int](repeating: 0, count: k)
        var weight = 0.0
        for j in start..<end {
            let c = Int(labels[j])
            sums[c] += weights[j]
            counts[c] += 1
            weight += weights[j]
        }
        return _makeNode(start: start, end: end, depth: depth, sums: sums, counts: counts, weight: weight)
    }

    /// A node over rows `start..<end` with the given class totals, class counts and weight.
    func _makeNode(start: Int, end: Int, depth: Int, sums: [Double], counts: [Int], weight: Double) -> _GrowingNode {
        let impurity = weight > 0 ? parameters.criterion._impurity(sums) : 0
        return _GrowingNode(
            depth: depth, start: start, end: end, sums: sums, weight: weight, classCounts: counts,
            impurity: impurity, split: nil)
    }

    /// scikit-learn's conditions for trying to split a node.
    func _isSplittable(_ node: _GrowingNode) -> Bool {
        if let maxDepth = parameters.maxDepth, node.depth >= maxDepth { return false }
        return node.count >= parameters.minSamplesSplit && node.count / 2 >= parameters.minSamplesLeaf  // count >= 2 m without overflowing 2 m
            && node.weight > 0 && node.impurity > Double.ulpOfOne
    }

    /// Finds the node's best split; a candidate when it decreases impurity enough.
    mutating func _consider(node index: Int, histogram: [Double]) -> _Candidate? {
        guard var split = _bestSplit(node: nodes[index], histogram: histogram) else { return nil }
        let node = nodes[index]
        var rightSums = node.sums
        for c in 0..<k { rightSums[c] -= split.leftSums[c] }
        let leftWeight = split.leftSums.reduce(0, +)
        let rightWeight = node.weight - leftWeight
        let criterion = parameters.criterion
        let leftImpurity = criterion._impurity(split.leftSums)
        let rightImpurity = criterion._impurity(rightSums)
        split.improvement = (node.weight / totalWeight)
            * (node.impurity - rightWeight / node.weight * rightImpurity - leftWeight / node.weight * leftImpurity)
        guard split.improvement + Double.ulpOfOne >= parameters.minImpurityDecrease else { return nil }
        nodes[index].split = split
        return _Candidate(node: index, histogram: histogram, improvement: split.improvement)
    }

    /// Features per group of the histogram loop (the groups run in parallel for large nodes).
    static var featureGroupSize: Int { 8 }

    /// The histogram of rows `start..<end`: per feature and bin, k weighted class totals and the count.
    /// - Complexity: O((end - start) d + size), on all cores for large nodes.
    func _histogram(start: Int, end: Int) -> [Double] {
        var histogram = [Double](repeating: 0, count: histogramSize)
        let stride = k + 1, k = k, d = d, groupSize = Self.featureGroupSize
        let groups = (d + groupSize - 1) / groupSize
        histogram.withUnsafeMutableBufferPointer { h in
            codes.withUnsafeBufferPointer { codes in
                do {
                    labels.withUnsafeBufferPointer { labels in
                        weights.withUnsafeBufferPointer { weights in
                            featureOffsets.withUnsafeBufferPointer { offsets in
                                concurrentForEach(groups, concurrently: (end - start) * d >= 50_000) { group in
                                    guard let base = h.baseAddress, let all = codes.baseAddress else { return }
                                    let features = (group * groupSize)..<min(d, (group + 1) * groupSize)
                                    for j in start..<end {
                                        let label = Int(labels[j]), w = weights[j]
                                        let row = all + j &* d
                                        for f in features {
                                            let cell = base + (offsets[f] &+ Int(row[f]) &* stride)
                                            cell[label] += w
                                            cell[k] += 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return histogram
    }

    /// The best split of `node` over all features (the first feature wins ties).
    func _bestSplit(node: _GrowingNode, histogram: [Double]) -> _Split? {
        var best: _Split?
        histogram.withUnsafeBufferPointer { h in
            guard let base = h.baseAddress else { return }
            for f in 0..<d {
                let found = binning.isCategorical[f]
                    ? _categoricalSplit(feature: f, histogram: base + featureOffsets[f], node: node)
                    : _numericSplit(feature: f, histogram: base + featureOffsets[f], node: node)
                if let found, found.proxy > best?.proxy ?? -.infinity { best = found }
            }
        }
        return best
    }

    /// Scores a left part: the proxy -(W_L i_L + W_R i_R), or `nil` when a side is too small.
    @inline(__always)
    func _proxy(left: UnsafeMutablePointer<Double>, right: UnsafeMutablePointer<Double>, leftCount: Int, node: _GrowingNode)
        -> Double?
    {
        let rightCount = node.count - leftCount
        guard leftCount >= parameters.minSamplesLeaf, rightCount >= parameters.minSamplesLeaf else { return nil }
        var leftWeight = 0.0
        for c in 0..<k {
            leftWeight += left[c]
            right[c] = node.sums[c] - left[c]
        }
        let rightWeight = node.weight - leftWeight
        guard leftWeight > 0, rightWeight > 0 else { return nil }
        let criterion = parameters.criterion
        return -(rightWeight * criterion._impurity(right, classCount: k, total: rightWeight)
            + leftWeight * criterion._impurity(left, classCount: k, total: leftWeight))
    }

    /// The best threshold of a numeric feature, missing values tried on both sides.
    func _numericSplit(feature f: Int, histogram h: UnsafePointer<Double>, node: _GrowingNode) -> _Split? {
        let stride = k + 1
        let bins = binning.binCounts[f]
        let missingCount = Int(h[bins * stride + k])
        var occupied: [Int] = []
        occupied.reserveCapacity(bins)
        for b in 0..<bins where h[b * stride + k] > 0 { occupied.append(b) }
        guard !occupied.isEmpty, occupied.count >= 2 || missingCount > 0 else { return nil }
        var bestProxy = -Double.infinity
        var bestLeft = [Double](repeating: 0, count: k)
        var bestCount = 0, bestLow = 0, bestHigh: Int? = nil, bestMissingLeft = false
        var left = [Double](repeating: 0, count: k), right = [Double](repeating: 0, count: k)
        left.withUnsafeMutableBufferPointer { leftBuffer in
            right.withUnsafeMutableBufferPointer { rightBuffer in
                guard let l = leftBuffer.baseAddress, let r = rightBuffer.baseAddress else { return }
                for pass in 0..<(missingCount > 0 ? 2 : 1) {
                    let missingLeft = pass == 1
                    var leftCount = missingLeft ? missingCount : 0
                    for c in 0..<k { l[c] = missingLeft ? h[bins * stride + c] : 0 }
                    for (index, b) in occupied.enumerated() {
                        for c in 0..<k { l[c] += h[b * stride + c] }
                        leftCount += Int(h[b * stride + k])
                        let last = index == occupied.count - 1
                        if last && (missingLeft || missingCount == 0) { break }
                        guard let proxy = _proxy(left: l, right: r, leftCount: leftCount, node: node),
                            proxy > bestProxy
                        else { continue }
                        bestProxy = proxy
                        for c in 0..<k { bestLeft[c] = l[c] }
                        bestCount = leftCount
                        bestLow = b
                        bestHigh = last ? nil : occupied[index + 1]
                        bestMissingLeft = missingLeft
                    }
                }
            }
        }
        guard bestProxy > -.infinity else { return nil }
        let threshold: Double
        if let high = bestHigh {
            if let values = binning.binValues[f] {
                threshold = _midpoint(values[bestLow], values[high])
            } else {
                threshold = binning.upperEdges[f][bestLow]
            }
        } else {
            threshold = .greatestFiniteMagnitude
        }
        let missingLeft = missingCount > 0 ? bestMissingLeft : bestCount > node.count - bestCount
        var leftOfBin = [Bool](repeating: false, count: bins + 1)
        for b in 0...bestLow { leftOfBin[b] = true }
        leftOfBin[bins] = missingLeft
        return _Split(
            feature: f, proxy: bestProxy, leftSums: bestLeft, leftCount: bestCount, leftOfBin: leftOfBin,
            threshold: threshold, leftCategories: nil, missingGoesLeft: missingLeft, missingCount: missingCount)
    }

    /// The best partition of a categorical feature's levels (missing taking part as a level),
    /// regularized by `parameters.categoricalSplits` (see `CategoricalSplitOptions`): levels with
    /// enough rows are ordered by their smoothed rate and the first or last few are tried on the
    /// left (one at a time for a column with few levels); rarer levels always go right.
    func _categoricalSplit(feature f: Int, histogram h: UnsafePointer<Double>, node: _GrowingNode) -> _Split? {
        let stride = k + 1
        let bins = binning.binCounts[f]
        let options = parameters.categoricalSplits
        let missingCount = Int(h[bins * stride + k])
        let ranked = node.sums.indices.max { node.sums[$0] < node.sums[$1] } ?? 0
        let orderedClass = k == 2 ? 1 : ranked
        let prior = node.weight > 0 ? node.sums[orderedClass] / node.weight : 0
        var rows = [Double](repeating: 0, count: bins + 1), weights = rows, positives = rows
        for b in 0...bins {
            rows[b] = h[b * stride + k]
            for c in 0..<k { weights[b] += h[b * stride + c] }
            positives[b] = h[b * stride + orderedClass]
        }
        // Candidate left sets: each level with rows alone (one-vs-rest, for few levels), or
        // prefixes of the order, then of the reversed order when the cap or the rare levels make
        // those different partitions.
        let oneVsRest = bins <= options.maxCategoryToOneHot
        var ordering = options
        if oneVsRest { ordering.minDataPerCategory = 1 }
        let (ordered, hasRare) = ordering._ordered(rows: rows, weights: weights, positives: positives, prior: prior)
        guard ordered.count >= (hasRare ? 1 : 2) else { return nil }
        let longest = min(options.maxCategoryThreshold, hasRare ? ordered.count : ordered.count - 1)
        var orders = [ordered]
        if !oneVsRest, hasRare || longest < ordered.count - 1 { orders.append(ordered.reversed()) }
        var bestProxy = -Double.infinity
        var bestLeft = [Double](repeating: 0, count: k)
        var bestCount = 0
        var bestBins: [Int] = []
        var left = [Double](repeating: 0, count: k), right = [Double](repeating: 0, count: k)
        left.withUnsafeMutableBufferPointer { leftBuffer in
            right.withUnsafeMutableBufferPointer { rightBuffer in
                guard let l = leftBuffer.baseAddress, let r = rightBuffer.baseAddress else { return }
                for order in orders {
                    var leftCount = 0
                    for c in 0..<k { l[c] = 0 }
                    for p in 0..<(oneVsRest ? order.count : longest) {
                        let b = order[p]
                        if oneVsRest {
                            leftCount = 0
                            for c in 0..<k { l[c] = 0 }
                        }
                        for c in 0..<k { l[c] += h[b * stride + c] }
                        leftCount += Int(h[b * stride + k])
                        guard let proxy = _proxy(left: l, right: r, leftCount: leftCount, node: node), proxy > bestProxy
                        else { continue }
                        bestProxy = proxy
                        for c in 0..<k { bestLeft[c] = l[c] }
                        bestCount = leftCount
                        bestBins = oneVsRest ? [b] : Array(order[0...p])
                    }
                }
            }
        }
        guard bestProxy > -.infinity else { return nil }
        var leftOfBin = [Bool](repeating: false, count: bins + 1)
        for b in bestBins { leftOfBin[b] = true }
        if missingCount == 0 { leftOfBin[bins] = bestCount > node.count - bestCount }
        let categories = (0..<bins).filter { leftOfBin[$0] }
        return _Split(
            feature: f, proxy: bestProxy, leftSums: bestLeft, leftCount: bestCount, leftOfBin: leftOfBin,
            threshold: nil, leftCategories: categories, missingGoesLeft: leftOfBin[bins], missingCount: missingCount)
    }

    /// Splits a node's rows (stable partition) and creates its two children, summing their
    /// statistics on the way (each side in row order, as `_makeNode(start:end:depth:)` does).
    mutating func _apply(split index: Int) -> (left: Int, right: Int) {
        let node = nodes[index]
        guard let split = node.split else { return (index, index) }
        var middle = node.start
        var spilled = 0
        // Statistics of the left side at [0], of the right side at [1] (class totals at c * 2 + side).
        var sums = [Double](repeating: 0, count: 2 * k)
        var counts = [Int](repeating: 0, count: 2 * k)
        var weight = (0.0, 0.0)
        let f = split.feature, d = d
        codes.withUnsafeMutableBufferPointer { codes in
            labels.withUnsafeMutableBufferPointer { labels in
                weights.withUnsafeMutableBufferPointer { weights in
                    scratchCodes.withUnsafeMutableBufferPointer { scratchCodes in
                        scratchLabels.withUnsafeMutableBufferPointer { scratchLabels in
                            scratchWeights.withUnsafeMutableBufferPointer { scratchWeights in
                                guard let all = codes.baseAddress, let spill = scratchCodes.baseAddress else { return }
                                for j in node.start..<node.end {
                                    let row = all + j &* d
                                    let w = weights[j], label = labels[j]
                                    let at = Int(label) &* 2
                                    if split.leftOfBin[Int(row[f])] {
                                        // middle <= j: the slot's own row was already read.
                                        if middle != j {
                                            (all + middle &* d).update(from: row, count: d)
                                            labels[middle] = label
                                            weights[middle] = w
                                        }
                                        middle &+= 1
                                        sums[at] += w
                                        counts[at] &+= 1
                                        weight.0 += w
                                    } else {
                                        (spill + spilled &* d).update(from: row, count: d)
                                        scratchLabels[spilled] = label
                                        scratchWeights[spilled] = w
                                        spilled &+= 1
                                        sums[at &+ 1] += w
                                        counts[at &+ 1] &+= 1
                                        weight.1 += w
                                    }
                                }
                                (all + middle &* d).update(from: spill, count: spilled &* d)
                                for s in 0..<spilled {
                                    labels[middle &+ s] = scratchLabels[s]
                                    weights[middle &+ s] = scratchWeights[s]
                                }
                            }
                        }
                    }
                }
            }
        }
        let left = nodes.count
        let classes = 0..<k
        nodes.append(_makeNode(
            start: node.start, end: middle, depth: node.depth + 1, sums: classes.map { sums[$0 * 2] },
            counts: classes.map { counts[$0 * 2] }, weight: weight.0))
        nodes.append(_makeNode(
            start: middle, end: node.end, depth: node.depth + 1, sums: classes.map { sums[$0 * 2 + 1] },
            counts: classes.map { counts[$0 * 2 + 1] }, weight: weight.1))
        nodes[index].left = left
        nodes[index].right = left + 1
        return (left, left + 1)
    }

    /// The grown nodes renumbered in preorder, as public `TreeNode`s.
    func _preorderNodes() -> [TreeNode] {
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
        return order.map { g in
            let node = nodes[g]
            var split: TreeSplit?
            if let s = node.split, node.left >= 0 {
                split = TreeSplit(
                    feature: s.feature, threshold: s.threshold, leftCategories: s.leftCategories,
                    missingGoesLeft: s.missingGoesLeft, missingCount: s.missingCount, left: position[node.left],
                    right: position[node.right], impurityDecrease: s.improvement)
            }
            return TreeNode(
                depth: node.depth, sampleCount: node.count, classCounts: node.classCounts, classWeights: node.sums,
                impurity: node.impurity, split: split)
        }
    }
}
