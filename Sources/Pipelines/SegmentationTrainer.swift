import Clustering
import LinearAlgebra
import Tabular

/// What to segment on: features, optional churn target for the profiles, k or a range of k.
public struct SegmentationOptions: Sendable {
    /// The numeric (or boolean) columns to cluster on; nil for every numeric column except the
    /// target, the id, ignored and identifier-like columns (`ColumnRoles` with `.clustering`).
    public var features: [String]?
    /// A churn column whose rate is reported per segment, or nil.
    public var target: String?
    /// The label of `target` meaning churned; resolved as `TargetSpecification` does (Yes, True, 1,
    /// Churned, ... or the true label of a boolean) when nil.
    public var positiveLabel: String?
    /// The customer id column, or nil to detect it (`ColumnRoles`).
    public var idColumn: String?
    /// Columns neither clustered on nor profiled.
    public var ignoredColumns: [String]
    /// The number of segments, or a range of candidates from which the silhouette picks one.
    public var k: ClosedRange<Int>
    /// Whether features are standardized first (default true: otherwise the largest unit decides).
    public var standardize: Bool
    /// k-means++ restarts per k; the lowest inertia wins (default 10, scikit-learn's classic
    /// `n_init=10`: on the Telco file at k = 3 one run can stop in a local minimum 7% above the best).
    public var restarts: Int
    /// Rows on which the silhouette is computed exactly; above it, a seeded sample of this size.
    public var silhouetteSampleSize: Int
    /// Seed of the k-means++ seeding and of the silhouette sample.
    public var seed: UInt64
    /// A numeric column of what each customer is worth (e.g. lifetime value), summed per segment in
    /// the profiles; never a feature.
    public var valueColumn: String?

    /// Creates segmentation options; see each property for the defaults' meaning.
    public init(
        features: [String]? = nil, target: String? = nil, positiveLabel: String? = nil, idColumn: String? = nil,
        ignoredColumns: [String] = [], k: ClosedRange<Int>, standardize: Bool = true, restarts: Int = 10,
        silhouetteSampleSize: Int = 10_000, seed: UInt64 = 0, valueColumn: String? = nil
    ) {
        self.features = features
        self.target = target
        self.positiveLabel = positiveLabel
        self.idColumn = idColumn
        self.ignoredColumns = ignoredColumns
        self.k = k
        self.standardize = standardize
        self.restarts = restarts
        self.silhouetteSampleSize = silhouetteSampleSize
        self.seed = seed
        self.valueColumn = valueColumn
    }
}

/// The result of a segmentation: the pipeline, every customer's segment, quality and profiles.
public struct SegmentationResult: Sendable {
    /// The segmentation pipeline (schema + encoder + k-means), saved like any model file.
    public let pipeline: FittedPipeline
    /// The fitted k-means model; `labels` holds each customer's segment in input order.
    public let model: KMeansModel
    /// Inertia and silhouette per candidate k, when a range was given.
    public let selection: KSelection?
    /// k-means++ restarts per k (the lowest inertia was kept).
    public let restarts: Int
    /// The mean silhouette of the chosen segmentation (nil when undefined).
    public let silhouette: Double?
    /// Rows the silhouette was computed on.
    public let silhouetteRows: Int
    /// The columns clustered on.
    public let features: [String]
    /// The role of every column (target, id, ignored, features, and why the others are not clustered on).
    public let columnRoles: ColumnRoles
    /// The churn label counted in the profiles, when a target was given (resolved as in training).
    public let target: TargetSpecification?
    /// Size, share, churn rate and profile of every segment, in original units.
    public let profiles: SegmentProfiles
    /// Dropped columns and imputed values the user should know about.
    public let warnings: [String]
}

/// Segments customers with k-means on standardized numeric features and profiles the segments.
public struct SegmentationTrainer: Sendable {
    /// The options.
    public let options: SegmentationOptions

    /// Creates a trainer with `options`.
    public init(options: SegmentationOptions) { self.options = options }

    /// Segments `table`.
    /// - Parameters:
    ///   - table: the customers.
    ///   - progress: with a range of k, called after each k is fitted with its figures, how many
    ///     k are done and how many in all.
    /// - Throws: `PipelineError.invalidOption` for a categorical or missing feature list or fewer
    ///   than one restart, `PipelineError` for a target without a positive label,
    ///   `TabularError` for unknown columns, `ClusteringError` for k out of range or too few
    ///   distinct customers.
    /// - Complexity: O(restarts · T n k d) per candidate k, plus O(s² d) for the silhouette.
    public func segment(
        _ table: Table, progress: (KSelection.Candidate, Int, Int) -> Void = { _, _, _ in }
    ) throws -> SegmentationResult {
        guard options.k.lowerBound >= 1 else {
            throw PipelineError.invalidOption("k must be at least 1, not \(options.k.lowerBound)")
        }
        guard options.restarts >= 1 else {
            throw PipelineError.invalidOption("restarts must be at least 1, not \(options.restarts)")
        }
        var warnings: [String] = []
        var target: TargetSpecification?
        if let name = options.target, try table.column(named: name).kind != .numeric {
            target = try TargetSpecification(table: table, column: name, positiveLabel: options.positiveLabel)
        }
        let roles: ColumnRoles
        do {
            roles = try ColumnRoles(
                // The value column describes segments; it does not make them.
                table: table, target: options.target, id: options.idColumn,
                ignored: options.ignoredColumns + (options.valueColumn.map { [$0] } ?? []), features: options.features, use: .clustering)
        } catch PipelineError.noFeatures {
            throw PipelineError.invalidOption("no numeric feature to segment on; name them with --features")
        }
        warnings += roles.warnings
        let idColumn = roles.id
        let features = roles.features
        for name in features {
            let missing = try table.column(named: name).missingCount
            if missing > 0 { warnings.append("column \"\(name)\": \(missing) missing values imputed with the median") }
        }
        let encoder = try FeatureEncoder(standardize: options.standardize).fit(table, columns: features)
        warnings += encoder.issues.map(\.description)
        guard encoder.featureCount > 0 else {
            throw PipelineError.invalidOption("every feature was dropped (\(encoder.issues.map(\.description).joined(separator: "; ")))")
        }
        let x = try encoder.transform(table)

        var selection: KSelection?
        var k = options.k.lowerBound
        let trainer = { (k: Int) in KMeans(k: k, initCount: options.restarts, seed: options.seed) }
        if options.k.count > 1 {
            let chosen = try trainer(k).selectK(
                x, ks: options.k, silhouetteSampleSize: options.silhouetteSampleSize, progress: progress)
            selection = chosen
            k = chosen.silhouetteK ?? chosen.elbowK ?? k
        }
        let model = try trainer(k).fit(x)
        let (silhouette, rows) = try trainer(k).silhouette(of: model, on: x, sampleSize: options.silhouetteSampleSize)
        let profiled = table.columns.map(\.name).filter { name in
            roles.exclusion(of: name).map { $0.reason == .notNumeric || $0.reason == .notListed } ?? true
        }
        let profiles = try SegmentProfiles(
            table: table, labels: model.labels, columns: profiled, target: options.target,
            positiveLabel: target?.positiveLabel ?? options.positiveLabel, valueColumn: options.valueColumn)
        let pipeline = FittedPipeline(
            schema: CSVSchema(of: table), idColumn: idColumn, target: nil, encoder: encoder, model: .segmenter(model),
            riskDecileEdges: [])
        return SegmentationResult(
            pipeline: pipeline, model: model, selection: selection, restarts: options.restarts, silhouette: silhouette, silhouetteRows: rows,
            features: encoder.featureNames, columnRoles: roles, target: target, profiles: profiles, warnings: warnings)
    }
}
