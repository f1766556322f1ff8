// Readable rules from a fitted tree: one rule per leaf.
//
// Goals: rules a marketer can read, e.g.
//   Contract = Month-to-month and tenure <= 6.5 and InternetService in {Fiber optic}: 62.3% churn, 410 customers
// The tests along the path to a leaf are merged per feature (bounds tightened, level sets
// intersected) and listed in the order the features first appear on the path. The rate is the
// m-estimate of the class's fraction among the leaf's training rows (unweighted, the parent's
// fraction as prior, m = the model's `leafSmoothing`; the observed fraction when m is 0), which
// is the probability the model predicts when the rows were unweighted; the class-weighted
// probabilities the model predicts and the observed count are in the structured rule. A missing
// value is mentioned only where the training rows had missing values.

import Foundation

/// One merged test on one feature along a path.
public struct TreeCondition: Sendable, Codable, Equatable {
    /// Which values of the feature satisfy the condition besides the listed ones.
    public enum Missing: String, Sendable, Codable, Equatable {
        /// A missing value does not satisfy it (or never occurred in training).
        case excluded
        /// A missing value satisfies it as well.
        case included
        /// Only a missing value satisfies it.
        case only
    }

    /// The feature's index.
    public let feature: Int
    /// The feature's name.
    public let name: String
    /// Values must be greater than this (numeric features), if set.
    public let lowerBound: Double?
    /// Values must be at most this (numeric features), if set.
    public let upperBound: Double?
    /// The allowed levels (categorical features), in level order.
    public let levels: [String]?
    /// How missing values are treated.
    public let missing: Missing

    /// The condition as text, e.g. `6.5 < tenure <= 20.5`, `Contract in {One year, Two year}`.
    public var text: String {
        if missing == .only { return "\(name) is missing" }
        var core: String
        if let levels {
            core = levels.count == 1 ? "\(name) = \(levels[0])" : "\(name) in {\(levels.joined(separator: ", "))}"
        } else {
            switch (lowerBound, upperBound) {
            case (let low?, let high?): core = "\(_number(low)) < \(name) <= \(_number(high))"
            case (let low?, nil): core = "\(name) > \(_number(low))"
            case (nil, let high?): core = "\(name) <= \(_number(high))"
            case (nil, nil): core = "\(name) is not missing"
            }
        }
        if missing == .included { core = "(\(core) or missing)" }
        return core
    }
}

/// The rule of one leaf: its conditions and the outcome among its training rows.
public struct TreeRule: Sendable, Codable, Equatable {
    /// The leaf's index in `DecisionTreeModel.nodes`.
    public let leaf: Int
    /// The merged conditions on the path from the root.
    public let conditions: [TreeCondition]
    /// Training rows in the leaf.
    public let sampleCount: Int
    /// Training rows of the rule's class in the leaf.
    public let positiveCount: Int
    /// The smoothed fraction of the rule's class among those rows (unweighted; see the file
    /// header): (positiveCount + m r) / (sampleCount + m), r the parent's observed fraction and
    /// m the model's `leafSmoothing`.
    public let rate: Double
    /// The class probabilities the model predicts in the leaf.
    public let probabilities: [Double]
    /// The rule as one line, e.g. `Contract = Month-to-month and tenure <= 6.5: 62.3% churn, 410 customers`.
    public let text: String
}

extension DecisionTreeModel {
    /// One rule per leaf, sorted by decreasing rate of `positiveClass` (then by decreasing size).
    /// - Parameters:
    ///   - positiveClass: the class whose rate is reported (default 1, e.g. churned).
    ///   - outcome: the word after the rate (default `churn`).
    ///   - unit: the word after the row count (default `customers`).
    /// - Returns: the rules.
    /// - Complexity: O(nodes + leaves × features on a path): one walk that merges each test into
    ///   the conditions when it enters a child and undoes it on the way back, so a deep tree (a
    ///   path of 100,000 splits) is not quadratic.
    public func rules(positiveClass: Int = 1, outcome: String = "churn", unit: String = "customers") -> [TreeRule] {
        var rules: [TreeRule] = []
        var merged = _MergedConditions()
        var stack: [_RuleWalkStep] = [.visit(node: 0, via: nil)]
        while let step = stack.popLast() {
            guard case .visit(let index, let via) = step else {
                if case .undo(let saved) = step { merged.restore(saved) }
                continue
            }
            if let via, let split = nodes[via.parent].split {
                stack.append(.undo(merged.apply(split, left: via.left, levelCount: features[split.feature].levels?.count ?? 0)))
            }
            let node = nodes[index]
            if let split = node.split {
                stack.append(.visit(node: split.right, via: (false, index)))
                stack.append(.visit(node: split.left, via: (true, index)))
                continue
            }
            let conditions = merged.conditions(features)
            let count = node.sampleCount
            let positives = node.classCounts.indices.contains(positiveClass) ? node.classCounts[positiveClass] : 0
            let rate = _printedRate(index, positiveClass: positiveClass)
            let head = conditions.isEmpty ? "all \(unit)" : conditions.map(\.text).joined(separator: " and ")
            let text = "\(head): \(String(format: "%.1f", rate * 100))% \(outcome), \(count) \(unit)"
            rules.append(TreeRule(
                leaf: index, conditions: conditions, sampleCount: count, positiveCount: positives, rate: rate,
                probabilities: _probabilities[index], text: text))
        }
        return rules.sorted { $0.rate > $1.rate || ($0.rate == $1.rate && $0.sampleCount > $1.sampleCount) }
    }

    /// The rules as text, one per line (see `rules(positiveClass:outcome:unit:)`).
    /// - Parameters:
    ///   - positiveClass: the class whose rate is reported (default 1).
    ///   - outcome: the word after the rate (default `churn`).
    ///   - unit: the word after the row count (default `customers`).
    /// - Returns: the lines joined by newlines.
    /// - Complexity: O(leaves depth).
    public func textRules(positiveClass: Int = 1, outcome: String = "churn", unit: String = "customers") -> String {
        rules(positiveClass: positiveClass, outcome: outcome, unit: unit).map(\.text).joined(separator: "\n")
    }
}

/// A step of the rule walk: enter a node (through the left or right branch of `parent`), or undo
/// the test merged on entering.
private enum _RuleWalkStep {
    case visit(node: Int, via: (left: Bool, parent: Int)?)
    case undo(_MergedConditions.Saved)
}

/// The tests of the path to the current node merged per feature (bounds tightened, level sets
/// intersected, missing-value routing), in order of first appearance, with undo.
private struct _MergedConditions {
    /// One feature's merged state.
    struct State {
        var low: Double?, high: Double?
        var allowed: Set<Int>?
        var missingFollows = true, missingSeen = false, missingOnly = false
    }

    /// What `apply` changed: the feature and its state before (nil when it was not on the path).
    struct Saved {
        let feature: Int
        let state: State?
    }

    private var order: [Int] = []
    private var states: [Int: State] = [:]

    /// Merges the test of `split` on the branch taken, returning what restores the state before.
    mutating func apply(_ split: TreeSplit, left: Bool, levelCount: Int) -> Saved {
        let f = split.feature
        let before = states[f]
        if before == nil { order.append(f) }
        var state = before ?? State()
        state.missingFollows = state.missingFollows && split.missingGoesLeft == left
        state.missingSeen = state.missingSeen || split.missingCount > 0
        if let categories = split.leftCategories {
            let side = left ? Set(categories) : Set(0..<levelCount).subtracting(categories)
            state.allowed = state.allowed.map { $0.intersection(side) } ?? side
        } else if let threshold = split.threshold {
            if threshold == .greatestFiniteMagnitude {
                if !left { state.missingOnly = true }
            } else if left {
                state.high = min(state.high ?? .infinity, threshold)
            } else {
                state.low = max(state.low ?? -.infinity, threshold)
            }
        }
        states[f] = state
        return Saved(feature: f, state: before)
    }

    /// Undoes one `apply` (the most recent one not yet undone).
    mutating func restore(_ saved: Saved) {
        states[saved.feature] = saved.state
        if saved.state == nil { order.removeLast() }
    }

    /// The merged conditions, one per feature on the path.
    func conditions(_ features: [TreeFeature]) -> [TreeCondition] {
        order.compactMap { f in
            guard let state = states[f] else { return nil }
            let missing: TreeCondition.Missing =
                state.missingOnly ? .only : (state.missingFollows && state.missingSeen ? .included : .excluded)
            let levels = features[f].levels.flatMap { names in
                state.allowed.map { set in set.sorted().compactMap { $0 < names.count ? names[$0] : nil } }
            }
            return TreeCondition(
                feature: f, name: features[f].name, lowerBound: state.low, upperBound: state.high, levels: levels,
                missing: missing)
        }
    }
}

/// A threshold as short text: integers without a decimal point, others with 6 significant digits.
func _number(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return String(format: "%.6g", x)
}
