/// How a table's columns are encoded into the matrix a trainer fits on and its model scores.
public enum InputEncoding: Sendable, Hashable, Codable {
    /// Missing values imputed (with missing-value indicators as configured), categories one-hot
    /// encoded, numbers standardized: what linear and distance-based models need. High-cardinality
    /// text columns are not used as features by default.
    case standardized
    /// Numbers as they are (NaN for a missing value) and categories as level codes with their
    /// levels in `FeatureDescription`: what trees split on natively, so that thresholds and rules
    /// read in the data's own units and labels.
    case native
}
