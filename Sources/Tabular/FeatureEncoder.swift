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
// are reported in `issues` rather than producing NaN; no NaN or infinity ever reaches the matrix,
// unless `imputeMissing` is false.
//
// For tree models (which split on categories natively and route missing values themselves) two
// options change this: `categoricalEncoding: .ordinal` encodes each categorical or boolean column
// as one feature holding the index of its label among the sorted categories (0..<k as Double,
// boolean [false label, true label]; scikit-learn's OrdinalEncoder), the labels kept in
// `FeatureInfo.levels`; and `imputeMissing: false` leaves missing values as NaN (an ordinal code
// of an unseen label is NaN too, and is counted as unknown).

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
    /// One-hot (default) or ordinal codes for categorical and boolean columns.
    public var categoricalEncoding: CategoricalEncoding
    /// Fills missing values (default true); when false they stay NaN (for tree models).
    public var imputeMissing: Bool

    /// Creates encoder settings.
    /// - Parameters:
    ///   - numericImputation: median (default) or mean.
    ///   - addMissingIndicators: add missing-value indicator features (default false).
    ///   - standardize: standardize numeric features (default true).
    ///   - drop: `.first` (default) or `.none`.
    ///   - unknownCategories: `.ignore` (default) or `.error`.
    ///   - dropConstantColumns: leave constant columns out (default true).
    ///   - categoricalEncoding: `.oneHot` (default) or `.ordinal`.
    ///   - imputeMissing: fill missing values (default true) or leave them NaN.
    public init(
        numericImputation: NumericImputation = .median, addMissingIndicators: Bool = false,
        standardize: Bool = true, drop: OneHotDrop = .first,
        unknownCategories: UnknownCategoryPolicy = .ignore, dropConstantColumns: Bool = true,
        categoricalEncoding: CategoricalEncoding = .oneHot, imputeMissing: Bool = true
    ) {
        self.numericImputation = numericImputation
        self.addMissingIndicators = addMissingIndicators
        self.standardize = standardize
        self.drop = drop
        self.unknownCategories = unknownCategories
        self.dropConstantColumns = dropConstantColumns
        self.categoricalEncoding = categoricalEncoding
        self.imputeMissing = imputeMissing
    }

    private enum CodingKeys: String, CodingKey {
        case numericImputation, addMissingIndicators, standardize, drop, unknownCategories, dropConstantColumns
        case categoricalEncoding, imputeMissing
    }

    /// Decodes settings; `categoricalEncoding` and `imputeMissing` may be absent (files written
    /// before they existed) and then take their defaults.
    /// - Throws: `DecodingError` when a present value has the wrong type.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            numericImputation: try c.decode(NumericImputation.self, forKey: .numericImputation),
            addMissingIndicators: try c.decode(Bool.self, forKey: .addMissingIndicators),
            standardize: try c.decode(Bool.self, forKey: .standardize),
            drop: try c.decode(OneHotDrop.self, forKey: .drop),
            unknownCategories: try c.decode(UnknownCategoryPolicy.self, forKey: .unknownCategories),
            dropConstantColumns: try c.decode(Bool.self, forKey: .dropConstantColumns),
            categoricalEncoding: try c.decodeIfPresent(CategoricalEncoding.self, forKey: .categoricalEncoding) ?? .oneHot,
            imputeMissing: try c.decodeIfPresent(Bool.self, forKey: .imputeMissing) ?? true)
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

    /// The longest category label (in UTF-8 bytes) a fitted encoder keeps; a categorical column
    /// with a longer label is dropped with a `FeatureIssue` of reason `labelTooLong`.
    public static let maximumLabelBytes = 1_024

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
        let ordinal = categoricalEncoding == .ordinal && column.kind != .numeric
        let group = OneHotGroup(fitting: column, drop: ordinal ? .none : drop)
        switch column.values {
        case .numeric(let values):
            // Without imputation, the statistics are those of the observed values.
            let filler = if imputeMissing, case .number(let x) = fill { x } else { Double.nan }
            guard let stats = _Standardization(values.lazy.map { $0.isNaN ? filler : $0 }) else {
                throw .invalidColumn(name: name, reason: "its values are too large to standardize (the variance overflows)")
            }
            if standardize { (center, scale) = (stats.mean, stats.scale) }
            if stats.isConstant { constantDetail = "every value is \(imputation.fillText)" }
        case .categorical:
            if let long = group?.categories.first(where: { $0.utf8.count > Self.maximumLabelBytes }) {
                let detail = "a category label is \(long.utf8.count) bytes long (it starts \"\(long.prefix(20))...\"); "
                    + "labels are limited to \(Self.maximumLabelBytes) bytes"
                return (nil, FeatureIssue(column: name, reason: .labelTooLong, detail: detail, dropped: true))
            }
            if let only = group?.categories.first, group?.categories.count == 1 {
                constantDetail = "only the level \"\(only)\" occurs"
            }
        case .boolean(let flags, _, _):
            if !flags.contains(false) || !flags.contains(true) {
                constantDetail = "every value is \"\(imputation.fillText)\""
            }
        }
        let valueWidth = ordinal ? 1 : (group?.encodedCategories.count ?? 1)
        let keepsValue = valueWidth > 0 && !(constantDetail != nil && dropConstantColumns)
        let issue = constantDetail.map {
            FeatureIssue(column: name, reason: .constant, detail: $0, dropped: !keepsValue)
        }
        guard keepsValue || imputation.hasIndicator else { return (nil, issue) }
        let plan = EncodedColumn(
            imputation: imputation, center: center, scale: scale, oneHot: group, keepsValue: keepsValue,
            ordinal: ordinal)
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
    /// True when a categorical or boolean column is one feature of ordinal codes (indices into
    /// `oneHot.categories`) rather than one-hot columns.
    public let ordinal: Bool

    /// Creates a column plan.
    init(
        imputation: ImputedColumn, center: Double, scale: Double, oneHot: OneHotGroup?, keepsValue: Bool,
        ordinal: Bool = false
    ) {
        self.imputation = imputation
        self.center = center
        self.scale = scale
        self.oneHot = oneHot
        self.keepsValue = keepsValue
        self.ordinal = ordinal
    }

    private enum CodingKeys: String, CodingKey { case imputation, center, scale, oneHot, keepsValue, ordinal }

    /// Decodes a plan; `ordinal` may be absent (older files) and is then false.
    /// - Throws: `DecodingError` when a value is missing or has the wrong type.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            imputation: try c.decode(ImputedColumn.self, forKey: .imputation),
            center: try c.decode(Double.self, forKey: .center), scale: try c.decode(Double.self, forKey: .scale),
            oneHot: try c.decodeIfPresent(OneHotGroup.self, forKey: .oneHot),
            keepsValue: try c.decode(Bool.self, forKey: .keepsValue),
            ordinal: try c.decodeIfPresent(Bool.self, forKey: .ordinal) ?? false)
    }

    /// The source column's name.
    public var name: String { imputation.column }

    /// Number of value features (before the indicator).
    public var valueWidth: Int { keepsValue ? (ordinal ? 1 : (oneHot?.encodedCategories.count ?? 1)) : 0 }

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
        /// A category label is longer than `FeatureEncoder.maximumLabelBytes`: the column looks like
        /// free text or a damaged file, and its labels would fill reports and the model file.
        case labelTooLong
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
        /// The index of a categorical or boolean column's label in `levels` (NaN when missing or unseen).
        case ordinal
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
    /// The labels of an ordinal feature's codes (code i means `levels[i]`); `nil` otherwise.
    public let levels: [String]?

    /// Creates a feature description.
    init(
        name: String, sourceColumn: String, kind: Kind, level: String?, center: Double, scale: Double,
        levels: [String]? = nil
    ) {
        self.name = name
        self.sourceColumn = sourceColumn
        self.kind = kind
        self.level = level
        self.center = center
        self.scale = scale
        self.levels = levels
    }
}

/// How a feature encoder turns categorical and boolean columns into features.
public enum CategoricalEncoding: String, Sendable, Codable, CaseIterable, Equatable {
    /// One 0/1 feature per encoded level (for linear models).
    case oneHot
    /// One feature holding the label's index among the sorted levels (for tree models).
    case ordinal
}
