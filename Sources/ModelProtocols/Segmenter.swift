import LinearAlgebra

/// A fitted segmentation: it assigns every row of an encoded feature matrix to one of
/// `segmentCount` segments. Immutable and `Sendable`, like `BinaryClassifier`.
public protocol Segmenter: Sendable {
    /// The number of columns (d) of the matrices the model assigns.
    var featureCount: Int { get }
    /// The number of segments (k); segments are numbered `0..<segmentCount`.
    var segmentCount: Int { get }

    /// The segment of every row of `x`.
    /// - Parameter x: n x d features, encoded as for the fit.
    /// - Returns: n segments in `0..<segmentCount`.
    /// - Throws: the model's error when `x` does not have `featureCount` columns or holds values
    ///   the model cannot assign.
    /// - Complexity: the model's; O(n k d) for k-means.
    func assign(_ x: Matrix) throws -> [Int]
}
