import LinearAlgebra
import ModelProtocols

extension ModelKind {
    /// A k-means segmentation (`KMeansModel`), `"kmeans"` in model files.
    public static let kMeans: ModelKind = "kmeans"
}

extension KMeansModel: Segmenter, PersistableModel {
    /// `"kmeans"`.
    public static var kind: ModelKind { .kMeans }

    /// k, the number of segments.
    public var segmentCount: Int { k }

    /// The nearest centroid of every row (`predict(_:)`).
    /// - Parameter x: n x d features, scaled as the training data.
    /// - Returns: n segments in 0..<k.
    /// - Throws: as `predict(_:)`.
    /// - Complexity: O(n k d).
    public func assign(_ x: Matrix) throws(ClusteringError) -> [Int] {
        try predict(x)
    }
}
