import Foundation

extension DecisionTreeModel {
    /// The tree in Graphviz DOT: one box per node with its test, rows and rate; edges labelled
    /// `yes` (left, the test holds) and `no`. The rate is the smoothed one the rules print (see
    /// `TreeRule.rate`). Render with `dot -Tsvg tree.dot > tree.svg`.
    /// - Parameters:
    ///   - positiveClass: the class whose rate is shown (default 1).
    ///   - outcome: the word for that rate (default `churn`).
    /// - Returns: the DOT source.
    /// - Complexity: O(nodes).
    public func graphviz(positiveClass: Int = 1, outcome: String = "churn") -> String {
        var lines = [
            "digraph DecisionTree {",
            "  node [shape=box, style=\"rounded\", fontname=\"Helvetica\"];",
            "  edge [fontname=\"Helvetica\"];",
        ]
        for (index, node) in nodes.enumerated() {
            let rate = _printedRate(index, positiveClass: positiveClass)
            var label: [String] = []
            if let split = node.split { label.append(_test(split)) }
            label.append("rows = \(node.sampleCount)")
            label.append("\(outcome) = \(String(format: "%.1f", rate * 100))%")
            let text = label.map(_dotEscaped).joined(separator: "\\n")
            lines.append("  \(index) [label=\"\(text)\"];")
            if let split = node.split {
                lines.append("  \(index) -> \(split.left) [label=\"yes\"];")
                lines.append("  \(index) -> \(split.right) [label=\"no\"];")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The test of a split as text (true = left), with the missing-value direction when it matters.
    func _test(_ split: TreeSplit) -> String {
        let feature = features[split.feature]
        var test: String
        if let categories = split.leftCategories {
            let names = categories.map { code in feature.levels.map { $0.indices.contains(code) ? $0[code] : "\(code)" } ?? "\(code)" }
            test = names.count == 1 ? "\(feature.name) = \(names[0])" : "\(feature.name) in {\(names.joined(separator: ", "))}"
        } else if let threshold = split.threshold, threshold != .greatestFiniteMagnitude {
            test = "\(feature.name) <= \(_number(threshold))"
        } else {
            return "\(feature.name) is not missing"
        }
        if split.missingCount > 0 { test += split.missingGoesLeft ? " or missing" : " (missing: no)" }
        return test
    }
}

/// `text` with backslashes and double quotes escaped for a DOT string.
func _dotEscaped(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
}
