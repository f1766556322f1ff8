// Node impurity measures of CART classification trees.
//
// Goals: the exact formulas of scikit-learn's `_criterion.pyx`, so that impurities, impurity
// decreases and importances agree with it to rounding: Gini = 1 - sum_c s_c^2 / W^2 and entropy
// = -sum_c p_c log2 p_c with p_c = s_c / W and log2 x computed as ln x / ln 2, where s_c is the
// weighted count of class c and W their sum. The weighted impurity decrease of a split is
// (W_t / W) (i_t - W_R / W_t i_R - W_L / W_t i_L) (Breiman et al., "Classification and
// Regression Trees", 1984, ch. 4; scikit-learn's `impurity_improvement`).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The impurity measure a tree minimizes when it chooses a split.
public enum SplitCriterion: String, Sendable, Codable, CaseIterable, Equatable {
    /// Gini impurity, 1 - sum of squared class fractions.
    case gini
    /// Shannon entropy in bits.
    case entropy

    /// The impurity of a node with weighted class counts `sums` (k values, total `total`).
    /// - Parameters:
    ///   - sums: pointer to k weighted class counts.
    ///   - classCount: k.
    ///   - total: the sum of the counts (> 0).
    /// - Returns: the impurity, 0 for a pure node.
    /// - Complexity: O(k).
    @inline(__always)
    func _impurity(_ sums: UnsafePointer<Double>, classCount: Int, total: Double) -> Double {
        switch self {
        case .gini:
            var squares = 0.0
            for c in 0..<classCount { squares += sums[c] * sums[c] }
            return 1.0 - squares / (total * total)
        case .entropy:
            var entropy = 0.0
            for c in 0..<classCount where sums[c] > 0 {
                let p = sums[c] / total
                entropy -= p * (log(p) / log(2.0))
            }
            return entropy
        }
    }

    /// The impurity of weighted class counts held in an array.
    /// - Parameter sums: the weighted class counts (their sum must be > 0).
    /// - Returns: the impurity.
    /// - Complexity: O(k).
    func _impurity(_ sums: [Double]) -> Double {
        let total = sums.reduce(0, +)
        return sums.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, total > 0 else { return 0 }
            return _impurity(base, classCount: sums.count, total: total)
        }
    }
}
