/// Reported by models that measure how much each feature contributed to the fit (trees and tree
/// ensembles: the impurity decrease of the splits on it); a pipeline lists them by feature name.
public protocol FeatureImportanceReporting {
    /// One importance per feature (d values, non-negative, summing to 1 unless all are 0).
    var featureImportances: [Double] { get }
}
