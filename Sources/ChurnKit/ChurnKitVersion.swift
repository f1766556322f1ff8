/// The version of this ChurnKit release, as `churn --version` prints it and exported notebooks and
/// reports record it.
///
/// Semantic versioning: the major number changes when a public API or a model file stops being
/// readable by the previous release (model files also carry their own format version).
public enum ChurnKitVersion {
    /// "MAJOR.MINOR.PATCH".
    public static let current = "0.5.0"
}
