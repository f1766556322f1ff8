// From a table of typed columns to a numeric design matrix.
//
// Goals: one fitted object that turns training and scoring tables into the same n x d matrix,
// with the semantics of a scikit-learn pipeline so it can be checked against one:
//   numeric      SimpleImputer(median | mean) -> StandardScaler (statistics of the imputed column)
//   categorical  SimpleImputer(most_frequent) -> OneHotEncoder(drop="first", handle_unknown="ignore")
//   boolean      SimpleImputer(most_frequent) -> one 0/1 column, true = 1
// plus optional MissingIndicator(features="missing-only") columns, which are not standardized.
// Output columns follow the source columns in order; each source column's value columns come
// first, then its indicator. Problems found at fit time (an all-missing column, a constant one)
// are reported in `issues` rather than producing NaN; no NaN or infinity ever reaches the matrix.

import LinearAlgebra

/// Settings of the table-to-matrix encoder (a trainer; `fit` returns a `FittedFeatureEncoder`).
public struct FeatureEncoder: Sendable, Codable, Equatable {
    /// Statistic that fills missing numbers (default median).
    public var numericImputation: NumericImputation
    /// Adds a 0/1 "<column> (missing)" feature for each column with missing values at fit time
    /// (default false).
    public var addMissingIndicators: Bool
    /// Standardizes numeric columns to mean 0 and population standard deviation 1 (default true).
    public var standardize: Bool
    /// Reference level handling of categorical columns (default `.first`, for models with an intercept).
    public var drop: OneHotDrop
    /// Handling of labels unseen at fit time (default `.ignore`: an all-zero group, counted).
    public var unknownCategories: UnknownCategoryPolicy
    /// Leaves constant columns out of the output (default true); they are listed in `issues` either way.
    public var dropConstantColumns: Bool

    /// Creates encoder settings.
    /// - Parameters:
    ///   - numericImputation: median (default) or mean.
    ///   - addMissingIndicators: add missing-value indicator features (default false).
    ///   - standardize: standardize numeric features (default true).
    ///   - drop: `.first` (default) or `.none`.
    ///   - unknownCategories: `.ignore` (default) or `.error`.
    ///   - dropConstantColumns: leave constant columns out (default true).
    public init(
        numericImputation: NumericImputation = .median, addMissingIndicators: Bool = false,
        standardize: Bool = true, drop: OneHotDrop = .first,
        unknownCategories: UnknownCategoryPolicy = .ignore, dropConstantColumns: Bool = true
    ) {
        self.numericImputation = numericImputation
        self.addMissingIndicators = addMissingIndicators
        self.standardize = standardize
        self.drop = drop
        self.unknownCategories = unknownCategories
        self.dropConstantColumns = dropConstantColumns
    }

    /// Learns fill values, scales and categories from training data.
    /// - Parameters:
    ///   - table: the training data.
    ///   - columns: the feature columns, in output order (default: all columns of `table`).
    ///   - excluding: columns to leave out (the target, an identifier, ...).
    /// - Returns: the fitted encoder. All-missing columns are dropped and constant ones handled as
    ///   `dropConstantColumns` says; both are listed in `issues`.
    /// - Throws: `TabularError.missingColumn` for an unknown name, `.invalidArgument` for an empty
    ///   table or a name listed twice, `.nonFiniteValue` for an infinite number, `.invalidColumn`
    ///   when two output features would share a name.
    /// - Complexity: O(n log n) per numeric column (median), O(n + levels log levels) per other column.
    public func fit(_ table: Table, columns: [String]? = nil, excluding: Set<String> = []) throws(TabularError)
        -> FittedFeatureEncoder
    {
        guard table.rowCount > 0 else {
            throw .invalidArgument("cannot fit a feature encoder on a table with no rows")
        }
        let names = (columns ?? table.columnNames).filter { !excluding.contains($0) }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw .invalidArgument("column \"\(name)\" is listed twice among the features")
        }
        var plans: [EncodedColumn] = []
        var issues: [FeatureIssue] = []
        for name in names {
            let (plan, issue) = try _plan(for: table.column(named: name))
            if let plan { plans.append(plan) }
            if let issue { issues.append(issue) }
        }
        let fitted = FittedFeatureEncoder(configuration: self, columns: plans, issues: issues)
        var featureNames = Set<String>()
        for feature in fitted.features where !featureNames.insert(feature.name).inserted {
            throw .invalidColumn(
                name: feature.sourceColumn,
                reason: "its feature \"\(feature.name)\" has the same name as another feature; rename a column")
        }
        return fitted
    }

    /// The encoding of one column (nil when it is dropped) and what was wrong with it.
    private func _plan(for column: Column) throws(TabularError) -> (EncodedColumn?, FeatureIssue?) {
        let name = column.name
        guard let fill = try _fillValue(of: column, numericStrategy: numericImputation) else {
            return (nil, FeatureIssue(column: name, reason: .allMissing, detail: "every value is missing", dropped: true))
        }
        let missing = column.missingCount
        let imputation = ImputedColumn(
            column: name, fittedKind: column.kind, fill: fill, fillText: _text(of: fill, in: column),
            missingCountAtFit: missing, hasIndicator: addMissingIndicators && missing > 0)
        var center = 0.0, scale = 1.0
        var constantDetail: String?
        let group = OneHotGroup(fitting: column, drop: drop)
        switch column.values {
        case .numeric(let values):
            let filler = if case .number(let x) = fill { x } else { Double.nan }
            guard let stats = _Standardization(values.lazy.map { $0.isNaN ? filler : $0 }) else {
                throw .invalidColumn(name: name, reason: "its values are too large to standardize (the variance overflows)")
            }
            if standardize { (center, scale) = (stats.mean, stats.scale) }
            if stats.isConstant { constantDetail = "every value is \(imputation.fillText)" }
        case .categorical:
            if let only = group?.categories.first, group?.categories.count == 1 {
                constantDetail = "only the level \"\(only)\" occurs"
            }
        case .boolean(let flags, _, _):
            if !flags.contains(false) || !flags.contains(true) {
                constantDetail = "every value is \"\(imputation.fillText)\""
            }
        }
        let valueWidth = group?.encodedCategories.count ?? 1
        let keepsValue = valueWidth > 0 && !(constantDetail != nil && dropConstantColumns)
        let issue = constantDetail.map {
            FeatureIssue(column: name, reason: .constant, detail: $0, dropped: !keepsValue)
        }
        guard keepsValue || imputation.hasIndicator else { return (nil, issue) }
        let plan = EncodedColumn(
            imputation: imputation, center: center, scale: scale, oneHot: group, keepsValue: keepsValue)
        return (plan, issue)
    }
}

/// How one source column becomes output features.
public struct EncodedColumn: Sendable, Codable, Equatable {
    /// The column's name, kind at fit time, fill value and indicator flag.
    public let imputation: ImputedColumn
    /// Value subtracted from a numeric column (its mean when standardized, else 0).
    public let center: Double
    /// Divisor of a numeric column (its standard deviation when standardized, else 1).
    public let scale: Double
    /// The one-hot encoding of a categorical or boolean column; `nil` for a numeric one.
    public let oneHot: OneHotGroup?
    /// False when the column's value features were dropped (constant) and only its indicator remains.
    public let keepsValue: Bool

    /// The source column's name.
    public var name: String { imputation.column }

    /// Number of value features (before the indicator).
    public var valueWidth: Int { keepsValue ? (oneHot?.encodedCategories.count ?? 1) : 0 }

    /// Number of output features, indicator included.
    public var width: Int { valueWidth + (imputation.hasIndicator ? 1 : 0) }
}

/// A problem with a column found at fit time.
public struct FeatureIssue: Sendable, Codable, Equatable, CustomStringConvertible {
    /// What is wrong with the column.
    public enum Reason: String, Sendable, Codable, Equatable {
        /// No value is present, so nothing can be learned.
        case allMissing
        /// Every row has the same value (after imputation): it carries no information and is
        /// collinear with an intercept.
        case constant
    }

    /// The column's name.
    public let column: String
    /// What is wrong.
    public let reason: Reason
    /// Details, e.g. `every value is 0` or `only the level "DSL" occurs`.
    public let detail: String
    /// True when the column's value features are not in the output.
    public let dropped: Bool

    /// A one-line warning, e.g. `column "x" dropped: every value is missing`.
    public var description: String { "column \"\(column)\" \(dropped ? "dropped" : "kept"): \(detail)" }
}

/// One output feature: its name, where it comes from and how it was computed.
public struct FeatureInfo: Sendable, Codable, Equatable {
    /// How a feature is derived from its source column.
    public enum Kind: String, Sendable, Codable, Equatable {
        /// A (possibly imputed and standardized) numeric column.
        case numeric
        /// 1 when a categorical column holds `level`.
        case oneHot
        /// 1 when a boolean column is true (`level` is its true label).
        case boolean
        /// 1 when the source value was missing.
        case missingIndicator
    }

    /// The feature's name: `tenure`, `Contract=Two year`, `TotalCharges (missing)`.
    public let name: String
    /// The source column's name.
    public let sourceColumn: String
    /// How the feature is derived.
    public let kind: Kind
    /// The level of a one-hot or boolean feature; `nil` otherwise.
    public let level: String?
    /// Value subtracted before scaling (0 unless a standardized numeric feature).
    public let center: Double
    /// Divisor (1 unless a standardized numeric feature); a coefficient b on this feature is
    /// b / scale per original unit.
    public let scale: Double
}
