// A verbal grade for a churn model's ranking, so a summary's wording follows its numbers.
//
// Scale for the area under the ROC curve: D. W. Hosmer, S. Lemeshow and R. X. Sturdivant,
// "Applied Logistic Regression", 3rd ed. (Wiley 2013), section 5.2.4: 0.5 no discrimination,
// 0.5-0.7 poor, 0.7-0.8 acceptable, 0.8-0.9 excellent, 0.9 and above outstanding.

/// How well a model separates churners from the others, graded by its AUC.
public enum RankingQuality: String, Sendable, Codable, CaseIterable, Comparable {
    /// AUC below 0.55: no better than chance for practical purposes.
    case none
    /// AUC in [0.55, 0.7).
    case poor
    /// AUC in [0.7, 0.8).
    case acceptable
    /// AUC in [0.8, 0.9).
    case excellent
    /// AUC 0.9 and above.
    case outstanding

    /// The grade of an AUC (NaN grades as `none`).
    /// - Parameter auc: Area under the ROC curve, in [0, 1].
    /// - Complexity: O(1).
    public init(auc: Double) {
        switch auc {
        case 0.9...: self = .outstanding
        case 0.8..<0.9: self = .excellent
        case 0.7..<0.8: self = .acceptable
        case 0.55..<0.7: self = .poor
        default: self = .none
        }
    }

    /// Grades in increasing order of quality.
    public static func < (lhs: RankingQuality, rhs: RankingQuality) -> Bool {
        lhs.rank < rhs.rank
    }

    /// Position in increasing order of quality.
    private var rank: Int {
        switch self {
        case .none: 0
        case .poor: 1
        case .acceptable: 2
        case .excellent: 3
        case .outstanding: 4
        }
    }
}
