// Seeded, stratified randomization of customers to control and treatment arms.
//
// Algorithm (documented so that a seed reproduces an assignment on any machine):
// 1. Tiers from the design's rule (`ExperimentDesign.tierIndices`).
// 2. A xoshiro256** generator seeded with `seed`; tier t (in design order) gets the t-th
//    `split()` of it, so adding customers to one tier never changes another tier's draw.
// 3. In each tier, its customers in input order are shuffled by Fisher-Yates (`SeededRandom.shuffle(_:)`).
// 4. Group sizes are the shares × tier size rounded by largest remainder (ties to the earlier
//    group), so they sum to the tier size and differ from the design by less than one customer;
//    the first shuffled customers go to control, the next to arm 1, and so on.
// This is complete randomization within strata (tiers): exact, known group sizes, which also makes
// the sample-ratio check meaningful.

import Tabular

/// Which tier and group every customer is in.
public struct Assignment: Sendable, Equatable {
    /// The design the assignment follows.
    public let design: ExperimentDesign
    /// Customer ids, unique, in input order.
    public let ids: [String]
    /// Churn scores in input order (NaN when unknown, for example a read-in real experiment).
    public let scores: [Double]
    /// Tier index per customer (into `design.tiers`).
    public let tiers: [Int]
    /// Group index per customer within its tier: 0 is control, k is `design.tiers[tier].arms[k - 1]`.
    public let groups: [Int]

    /// Creates an assignment from indices, validating them.
    /// - Parameters:
    ///   - design: The design.
    ///   - ids: Unique customer ids.
    ///   - scores: Scores (same count).
    ///   - tiers: Tier indices (same count).
    ///   - groups: Group indices within tiers (same count).
    /// - Throws: `ExperimentsError.lengthMismatch`, `.duplicateID`, or `.invalidArgument` for an
    ///   out-of-range index.
    /// - Complexity: O(n) expected.
    public init(design: ExperimentDesign, ids: [String], scores: [Double], tiers: [Int], groups: [Int]) throws(ExperimentsError) {
        for (name, count) in [("scores", scores.count), ("tiers", tiers.count), ("groups", groups.count)] where count != ids.count {
            throw .lengthMismatch(argument: name, count: count, expected: ids.count)
        }
        try _checkUniqueIDs(ids)
        for row in ids.indices {
            guard tiers[row] >= 0, tiers[row] < design.tiers.count else {
                throw .invalidArgument(name: "tiers[\(row)]", value: "\(tiers[row])", reason: "no such tier in the design")
            }
            guard groups[row] >= 0, groups[row] <= design.tiers[tiers[row]].arms.count else {
                throw .invalidArgument(name: "groups[\(row)]", value: "\(groups[row])", reason: "no such group in tier \"\(design.tiers[tiers[row]].name)\"")
            }
        }
        self.design = design
        self.ids = ids
        self.scores = scores
        self.tiers = tiers
        self.groups = groups
    }

    /// Creates an assignment from tier and group labels (as read from a file or a real experiment).
    /// - Parameters:
    ///   - design: The design naming the tiers and groups.
    ///   - ids: Unique customer ids.
    ///   - scores: Scores, or `nil` for none (stored as NaN).
    ///   - tierNames: Tier label per customer.
    ///   - groupNames: Group label per customer (a tier's `controlName` or one of its arm names).
    /// - Throws: `ExperimentsError.unknownTier` / `.unknownArm` naming the row (1-based data row)
    ///   and label, `.duplicateID`, `.lengthMismatch`.
    /// - Complexity: O(n) expected.
    public init(design: ExperimentDesign, ids: [String], scores: [Double]? = nil, tierNames: [String], groupNames: [String]) throws(ExperimentsError) {
        guard tierNames.count == ids.count else { throw .lengthMismatch(argument: "tierNames", count: tierNames.count, expected: ids.count) }
        guard groupNames.count == ids.count else { throw .lengthMismatch(argument: "groupNames", count: groupNames.count, expected: ids.count) }
        var tierIndex: [String: Int] = [:]
        for (i, tier) in design.tiers.enumerated() { tierIndex[tier.name] = i }
        let groupIndex = design.tiers.map { tier in
            Dictionary(uniqueKeysWithValues: tier.groupNames.enumerated().map { ($1, $0) })
        }
        var tiers = [Int](repeating: 0, count: ids.count)
        var groups = [Int](repeating: 0, count: ids.count)
        for row in ids.indices {
            guard let t = tierIndex[tierNames[row]] else { throw .unknownTier(name: tierNames[row], row: row + 1) }
            guard let g = groupIndex[t][groupNames[row]] else { throw .unknownArm(name: groupNames[row], row: row + 1) }
            tiers[row] = t
            groups[row] = g
        }
        try self.init(design: design, ids: ids, scores: scores ?? [Double](repeating: .nan, count: ids.count), tiers: tiers, groups: groups)
    }

    /// Randomizes customers to groups, stratified by tier (see the file header for the algorithm).
    /// - Parameters:
    ///   - design: The design.
    ///   - ids: Unique customer ids.
    ///   - scores: Finite churn scores (same count).
    ///   - seed: The seed; the same input and seed give the same assignment on every machine.
    /// - Returns: The assignment.
    /// - Throws: `ExperimentsError` for empty input, mismatched lengths, duplicate ids, non-finite
    ///   scores.
    /// - Complexity: O(n log n) (tiering sort), O(n) memory.
    public static func randomize(design: ExperimentDesign, ids: [String], scores: [Double], seed: UInt64) throws(ExperimentsError) -> Assignment {
        guard !ids.isEmpty else { throw .emptyInput("no customers to assign") }
        guard scores.count == ids.count else { throw .lengthMismatch(argument: "scores", count: scores.count, expected: ids.count) }
        try _checkUniqueIDs(ids)
        let tiers = try design.tierIndices(scores: scores)
        var members = [[Int]](repeating: [], count: design.tiers.count)
        for (row, tier) in tiers.enumerated() { members[tier].append(row) }
        var groups = [Int](repeating: 0, count: ids.count)
        var master = SeededRandom(seed: seed)
        for (t, tier) in design.tiers.enumerated() {
            var generator = master.split()
            var rows = members[t]
            generator.shuffle(&rows)
            let sizes = _largestRemainder(shares: tier.groupShares, total: rows.count)
            var start = 0
            for (group, size) in sizes.enumerated() {
                for row in rows[start..<start + size] { groups[row] = group }
                start += size
            }
        }
        return try Assignment(design: design, ids: ids, scores: scores, tiers: tiers, groups: groups)
    }

    /// Number of customers.
    public var count: Int { ids.count }

    /// Customers per tier and group: `counts[tier][group]`, group 0 being control.
    /// - Complexity: O(n).
    public var counts: [[Int]] {
        var result = design.tiers.map { [Int](repeating: 0, count: $0.arms.count + 1) }
        for row in ids.indices { result[tiers[row]][groups[row]] += 1 }
        return result
    }

    /// The group label (control name or arm name) of customer `row`.
    /// - Parameter row: A row index.
    /// - Returns: The label.
    public func groupName(row: Int) -> String { design.tiers[tiers[row]].groupNames[groups[row]] }
}

/// Throws on the first repeated id, naming both (1-based) rows.
func _checkUniqueIDs(_ ids: [String]) throws(ExperimentsError) {
    var seen: [String: Int] = [:]
    seen.reserveCapacity(ids.count)
    for (row, id) in ids.enumerated() {
        if let first = seen.updateValue(row, forKey: id) {
            throw .duplicateID(id: id, firstRow: first + 1, row: row + 1)
        }
    }
}

/// Integer sizes proportional to `shares` summing to `total` (largest remainder, ties to the
/// earlier group).
func _largestRemainder(shares: [Double], total: Int) -> [Int] {
    let exact = shares.map { $0 * Double(total) }
    var sizes = exact.map { Int($0.rounded(.down)) }
    var left = total - sizes.reduce(0, +)
    let order = exact.indices.sorted { (exact[$0] - exact[$0].rounded(.down)) > (exact[$1] - exact[$1].rounded(.down)) || ((exact[$0] - exact[$0].rounded(.down)) == (exact[$1] - exact[$1].rounded(.down)) && $0 < $1) }
    var i = 0
    while left > 0, !order.isEmpty {
        sizes[order[i % order.count]] += 1
        left -= 1
        i += 1
    }
    return sizes
}
