// Readable rules from a fitted tree: one rule per leaf.
//
// Goals: rules a marketer can read, e.g.
//   Contract = Month-to-month and tenure <= 6.5 and InternetService in {Fiber optic}: 62.3% churn, 410 customers
// The tests along the path to a leaf are merged per feature (bounds tightened, level sets
// intersected) and listed in the order the features first appear on the path. The rate is the
// observed fraction of the class among the leaf's training rows (unweighted), not the
// class-weighted probability the model predicts (both are in the structured rule). A missing
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
    /// Observed fraction of the rule's class among those rows (unweighted).
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
    /// - Complexity: O(leaves depth).
    public func rules(positiveClass: Int = 1, outcome: String = "churn", unit: String = "customers") -> [TreeRule] {
        var rules: [TreeRule] = []
        var stack: [(node: Int, path: [(feature: Int, left: Bool, parent: Int)])] = [(0, [])]
        while let (index, path) = stack.popLast() {
            let node = nodes[index]
            if let split = node.split {
                stack.append((split.right, path + [(split.feature, false, index)]))
                stack.append((split.left, path + [(split.feature, true, index)]))
                continue
            }
            let conditions = _conditions(path)
            let count = node.sampleCount
            let positives = positiveClass >= 0 && positiveClass < node.classCounts.count ? node.classCounts[positiveClass] : 0
            let rate = count > 0 ? Double(positives) / Double(count) : 0
            let head = conditions.isEmpty ? "all \(unit)" : conditions.map(\.text).joined(separator: " and ")
            let text = "\(head): \(String(format: "%.1f", rate * 100))% \(outcome), \(count) \(unit)"
            rules.append(TreeRule(
                leaf: index, conditions: conditions, sampleCount: count, rate: rate, probabilities: node.probabilities,
                text: text))
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

    /// Merges the tests of a path per feature, in order of first appearance.
    func _conditions(_ path: [(feature: Int, left: Bool, parent: Int)]) -> [TreeCondition] {
        var order: [Int] = []
        var low: [Int: Double] = [:], high: [Int: Double] = [:]
        var allowed: [Int: Set<Int>] = [:]
        var missingFollows: [Int: Bool] = [:], missingSeen: [Int: Bool] = [:], missingOnly: [Int: Bool] = [:]
        for step in path {
            guard let split = nodes[step.parent].split else { continue }
            let f = step.feature
            if missingFollows[f] == nil { order.append(f) }
            missingFollows[f] = (missingFollows[f] ?? true) && split.missingGoesLeft == step.left
            missingSeen[f] = (missingSeen[f] ?? false) || split.missingCount > 0
            if let categories = split.leftCategories {
                let levelCount = features[f].levels?.count ?? 0
                let side = step.left ? Set(categories) : Set(0..<levelCount).subtracting(categories)
                allowed[f] = allowed[f].map { $0.intersection(side) } ?? side
            } else if let threshold = split.threshold {
                if threshold == .greatestFiniteMagnitude {
                    if !step.left { missingOnly[f] = true }
                } else if step.left {
                    high[f] = min(high[f] ?? .infinity, threshold)
                } else {
                    low[f] = max(low[f] ?? -.infinity, threshold)
                }
            }
        }
        return order.map { f in
            let follows = missingFollows[f] ?? false
            let missing: TreeCondition.Missing =
                missingOnly[f] == true ? .only : (follows && missingSeen[f] == true ? .included : .excluded)
            let levels = features[f].levels.flatMap { names in
                allowed[f].map { set in set.sorted().compactMap { $0 < names.count ? names[$0] : nil } }
            }
            return TreeCondition(
                feature: f, name: features[f].name, lowerBound: low[f], upperBound: high[f], levels: levels,
                missing: missing)
        }
    }
}

/// A threshold as short text: integers without a decimal point, others with 6 significant digits.
func _number(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return String(format: "%.6g", x)
}
