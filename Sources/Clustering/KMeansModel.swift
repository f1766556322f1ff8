import LinearAlgebra
import Tabular

/// A fitted k-means clustering: centroids, the training labels, inertia and iteration count.
///
/// Immutable and `Sendable`; `Codable` as `{centroids, clusterSizes, inertia, iterationCount}`
/// (checked when decoded), so it can be stored in a pipeline file and shared by concurrent scorers.
/// The file keeps the k cluster sizes, not the per-row training labels: a model read from a file
/// has empty `labels`. Files written before this change, with `labels`, still decode.
public struct KMeansModel: Sendable, Equatable, Codable {
    /// The `k x d` centroids, in the units of the data it was fitted on (scaled units when the
    /// features were standardized; see `centroidsInOriginalUnits(features:)`).
    public let centroids: Matrix
    /// The cluster (0..<k) of every training row, in row order; empty for a model read from a file.
    public let labels: [Int]
    /// Number of training rows in each cluster (k values).
    public let clusterSizes: [Int]
    /// Σ of the squared Euclidean distances of the training rows to their centroids.
    public let inertia: Double
    /// Lloyd iterations (or mini-batch steps) run by the kept run.
    public let iterationCount: Int

    /// Number of clusters.
    public var k: Int { centroids.rows }
    /// Number of features (d).
    public var featureCount: Int { centroids.columns }

    /// Internal initializer for the trainers: row-major centroids (`k * featureCount` values).
    /// - Throws: `ClusteringError.linearAlgebra` when the values do not fill the shape.
    init(
        centroids: [Double], k: Int, featureCount: Int, labels: [Int], inertia: Double, iterationCount: Int
    ) throws(ClusteringError) {
        do {
            self.centroids = try Matrix(rows: k, columns: featureCount, values: centroids)
        } catch {
            throw .linearAlgebra(error)
        }
        self.labels = labels
        self.clusterSizes = Self.sizes(of: labels, k: k)
        self.inertia = inertia
        self.iterationCount = iterationCount
    }

    /// Two models are equal when their fitted parameters are (centroids, cluster sizes, inertia,
    /// iteration count): the training labels, which a file does not keep, are not compared.
    public static func == (lhs: KMeansModel, rhs: KMeansModel) -> Bool {
        lhs.centroids == rhs.centroids && lhs.clusterSizes == rhs.clusterSizes && lhs.inertia == rhs.inertia
            && lhs.iterationCount == rhs.iterationCount
    }

    /// The number of labels equal to each of 0..<k (labels are known to be in range).
    private static func sizes(of labels: [Int], k: Int) -> [Int] {
        var sizes = [Int](repeating: 0, count: k)
        for label in labels { sizes[label] += 1 }
        return sizes
    }

    /// The nearest centroid of every row of `x` (squared Euclidean distance, ties to the lower index).
    /// - Parameter x: n x d features, scaled as the training data.
    /// - Returns: n cluster indices in 0..<k.
    /// - Throws: `ClusteringError.featureCountMismatch` for another width, `.emptyData` for no rows,
    ///   `.nonFiniteValue` for NaN or infinity.
    /// - Complexity: O(n k d), one parallel pass over `x` (read in place) after one to validate it.
    public func predict(_ x: Matrix) throws(ClusteringError) -> [Int] {
        let (data, translated) = try _prepare(x)
        var labels = _filledArray(count: x.rows, repeating: -1)
        _ = try data.assign(to: translated, k: k, labels: &labels, accumulate: false)
        return labels
    }

    /// The Euclidean distance of every row of `x` to every centroid (scikit-learn's `transform`).
    /// - Parameter x: n x d features, scaled as the training data.
    /// - Returns: an n x k matrix of distances.
    /// - Throws: as `predict(_:)`.
    /// - Complexity: O(n k d).
    public func transform(_ x: Matrix) throws(ClusteringError) -> Matrix {
        let (data, translated) = try _prepare(x)
        let squared = try data.squaredDistances(to: translated, count: k)
        do {
            return try Matrix(rows: x.rows, columns: k, values: squared.map { $0.squareRoot() })
        } catch {
            throw .linearAlgebra(error)
        }
    }

    /// The centroids in the original units of the features: `value × scale + center` for each
    /// feature (a standardized numeric feature gets back its mean and unit; one-hot and boolean
    /// features, unscaled, read as the share of the cluster holding that level).
    /// - Parameter features: the encoder's features (`FittedFeatureEncoder.features`), one per column.
    /// - Returns: a `k x d` matrix.
    /// - Throws: `ClusteringError.featureCountMismatch` when the count differs from `featureCount`.
    /// - Complexity: O(k d).
    public func centroidsInOriginalUnits(features: [FeatureInfo]) throws(ClusteringError) -> Matrix {
        guard features.count == featureCount else {
            throw .featureCountMismatch(actual: features.count, expected: featureCount, context: "the k-means model")
        }
        var result = centroids
        for j in 0..<k {
            for (f, feature) in features.enumerated() {
                result[j, f] = centroids[j, f] * feature.scale + feature.center
            }
        }
        return result
    }

    /// The centroids in original units, using an encoder's features (see `centroidsInOriginalUnits(features:)`).
    /// - Parameter encoder: the fitted encoder that produced the training matrix.
    /// - Returns: a `k x d` matrix.
    /// - Throws: `ClusteringError.featureCountMismatch` when the encoder makes another number of features.
    /// - Complexity: O(k d).
    public func centroidsInOriginalUnits(encoder: FittedFeatureEncoder) throws(ClusteringError) -> Matrix {
        try centroidsInOriginalUnits(features: encoder.features)
    }

    /// Checks `x` and translates it and the centroids by the size-weighted mean of the centroids
    /// (the training mean), which keeps the gemm expansion of distances accurate.
    private func _prepare(_ x: Matrix) throws(ClusteringError) -> (_PreparedData, [Double]) {
        guard x.columns == featureCount else {
            throw .featureCountMismatch(actual: x.columns, expected: featureCount, context: "the k-means model")
        }
        let d = featureCount
        let sizes = clusterSizes
        let total = sizes.reduce(0, +)
        var shift = [Double](repeating: 0, count: d)
        for j in 0..<k {
            let weight = total > 0 ? Double(sizes[j]) / Double(total) : 1 / Double(k)
            for f in 0..<d { shift[f] += weight * centroids[j, f] }
        }
        let data = try _PreparedData(x, shift: shift)
        var translated = centroids.storage
        for e in translated.indices { translated[e] -= shift[e % d] }
        return (data, translated)
    }

    private enum CodingKeys: String, CodingKey { case centroids, clusterSizes, labels, inertia, iterationCount }

    /// Decodes a model and checks it: at least one centroid, finite centroids and inertia, k
    /// non-negative cluster sizes (or, in older files, labels in 0..<k), a non-negative iteration
    /// count.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let centroids = try c.decode(Matrix.self, forKey: .centroids)
        let inertia = try c.decode(Double.self, forKey: .inertia)
        let iterationCount = try c.decode(Int.self, forKey: .iterationCount)
        guard centroids.rows >= 1, centroids.columns >= 1, centroids.storage.allSatisfy(\.isFinite) else {
            throw DecodingError.dataCorruptedError(
                forKey: .centroids, in: c, debugDescription: "centroids must be a finite matrix with at least one row and column")
        }
        let sizes: [Int]
        if let stored = try c.decodeIfPresent([Int].self, forKey: .clusterSizes) {
            guard stored.count == centroids.rows, stored.allSatisfy({ $0 >= 0 }) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .clusterSizes, in: c,
                    debugDescription: "clusterSizes must hold \(centroids.rows) non-negative counts, one per centroid")
            }
            sizes = stored
        } else {
            let labels = try c.decode([Int].self, forKey: .labels)
            if let bad = labels.first(where: { $0 < 0 || $0 >= centroids.rows }) {
                throw DecodingError.dataCorruptedError(
                    forKey: .labels, in: c, debugDescription: "label \(bad) is outside 0..<\(centroids.rows)")
            }
            sizes = Self.sizes(of: labels, k: centroids.rows)
        }
        guard inertia.isFinite, inertia >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .inertia, in: c, debugDescription: "inertia \(inertia) is not a finite non-negative number")
        }
        guard iterationCount >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .iterationCount, in: c, debugDescription: "iterationCount \(iterationCount) is negative")
        }
        self.centroids = centroids
        self.labels = []
        self.clusterSizes = sizes
        self.inertia = inertia
        self.iterationCount = iterationCount
    }

    /// Encodes `{centroids, clusterSizes, inertia, iterationCount}` (not the training labels).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(centroids, forKey: .centroids)
        try c.encode(clusterSizes, forKey: .clusterSizes)
        try c.encode(inertia, forKey: .inertia)
        try c.encode(iterationCount, forKey: .iterationCount)
    }
}
