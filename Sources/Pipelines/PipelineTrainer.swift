import DecisionTrees
import Ensembles
import Foundation
import LinearAlgebra
import LinearModels
import ModelMetrics
import ModelProtocols
import Tabular

/// What to train on: target, id, ignored and feature columns, encoding, hold-out split and seed.
public struct TrainingOptions: Sendable {
    /// The churn label column.
    public var target: String
    /// The label meaning "churned"; inferred for Yes/No-like targets.
    public var positiveLabel: String?
    /// The customer id column; when nil, detected as `ColumnRoles` says (the first identifier-like
    /// column that is not a row number).
    public var idColumn: String?
    /// Columns never used as features.
    public var ignoredColumns: [String]
    /// The feature columns, exactly (identifier-like and high-cardinality columns included when
    /// named); nil lets `ColumnRoles` decide.
    public var features: [String]?
    /// How features are encoded (imputation, one-hot, standardization).
    public var encoder: FeatureEncoder
    /// Fraction of rows held out (stratified) to evaluate the model, in [0, 1); 0 trains on all rows.
    public var testFraction: Double
    /// Seed of the hold-out split.
    public var seed: UInt64
    /// After the hold-out evaluation, refit the encoder and the model on every labelled row and
    /// return that pipeline (default true); false returns the fit on the training part.
    public var refit: Bool
    /// The training file's fingerprint, stored in the pipeline's `training` record (never its rows).
    public var sourceFile: DataFingerprint?
    /// Shuffles per column of the permutation importance on the hold-out rows (model fitted on
    /// the training part, seeded by `seed`); 0 (default) for none. Needs a hold-out.
    public var permutationRepeats: Int
    /// The most rows whose TreeSHAP values give the saved tree model's mean |SHAP| per column:
    /// the hold-out rows (all labelled rows without a hold-out), a seeded sample when there are
    /// more; 0 (default) for none.
    public var shapRows: Int

    /// Creates training options; see each property for the defaults' meaning.
    public init(
        target: String, positiveLabel: String? = nil, idColumn: String? = nil, ignoredColumns: [String] = [],
        features: [String]? = nil, encoder: FeatureEncoder = FeatureEncoder(),
        testFraction: Double = 0.2, seed: UInt64 = 42, refit: Bool = true, sourceFile: DataFingerprint? = nil,
        permutationRepeats: Int = 0, shapRows: Int = 0
    ) {
        self.permutationRepeats = permutationRepeats
        self.shapRows = shapRows
        self.refit = refit
        self.sourceFile = sourceFile
        self.target = target
        self.positiveLabel = positiveLabel
        self.idColumn = idColumn
        self.ignoredColumns = ignoredColumns
        self.features = features
        self.encoder = encoder
        self.testFraction = testFraction
        self.seed = seed
    }
}

/// One row of a logistic model's inference table, named by its encoded feature.
public struct CoefficientSummary: Sendable, Codable, Equatable {
    /// The encoded feature (`tenure`, `Contract=Two year`, `TotalCharges (missing)`) or `(intercept)`.
    public let feature: String
    /// The coefficient, per standard deviation for standardized numeric features (log-odds).
    public let estimate: Double
    /// Its standard error.
    public let standardError: Double
    /// estimate / standardError.
    public let z: Double
    /// Two-sided p-value of the Wald test.
    public let pValue: Double
    /// Lower end of the 95% interval of the estimate.
    public let lower: Double
    /// Upper end of the 95% interval of the estimate.
    public let upper: Double
    /// exp(estimate): the multiplicative change in the odds of churn.
    public let oddsRatio: Double
    /// exp(lower).
    public let oddsRatioLower: Double
    /// exp(upper).
    public let oddsRatioUpper: Double
}

/// The result of training: the pipeline, hold-out metrics, inference and warnings.
public struct TrainingResult: Sendable {
    /// The fitted pipeline: refitted on every labelled row unless `TrainingOptions.refit` is false
    /// (its `training` record says which rows).
    public let pipeline: FittedPipeline
    /// The churn label the model predicts.
    public let target: TargetSpecification
    /// The role of every column (target, id, ignored, features, and why the others are not features),
    /// decided on the labelled rows.
    public let columnRoles: ColumnRoles
    /// Rows of the training part of the hold-out split (the fit the hold-out metrics evaluate).
    public let trainRows: Int
    /// Rows held out.
    public let testRows: Int
    /// Which rows the returned pipeline was fitted on.
    public var fittedOn: TrainingProvenance { pipeline.training ?? TrainingProvenance(fittedOn: .allLabelledRows, fittedRows: trainRows, labelledRows: trainRows + testRows, file: nil) }
    /// Metrics on the hold-out rows; nil when nothing was held out.
    public let holdout: BinaryClassificationReport?
    /// The hold-out rows' labels (true = churned), in row order; empty when nothing was held out.
    public let holdoutLabels: [Bool]
    /// The hold-out rows' churn probabilities, aligned with `holdoutLabels`.
    public let holdoutScores: [Double]
    /// Coefficients with standard errors of the returned model, sorted by decreasing |z| (logistic
    /// models), or nil.
    public let coefficients: [CoefficientSummary]?
    /// Decision rules, one per leaf sorted by decreasing churn rate (tree models), or nil.
    public let rules: [TreeRule]?
    /// Impurity-based importance of each encoded feature (tree models), or nil.
    public let featureImportances: [(feature: String, importance: Double)]?
    /// Boosted models: the hold-out log loss after each round of the model fitted on the
    /// training part (the learning curve); nil for other models or without a hold-out.
    public var learningCurve: [Double]? = nil
    /// Boosted models grown with early stopping: the validation curve and the chosen rounds;
    /// nil for other models or without early stopping.
    public var earlyStopping: EarlyStoppingSummary? = nil
    /// The permutation importance of every original column on the hold-out rows (model fitted on
    /// the training part), when `TrainingOptions.permutationRepeats` > 0.
    public var permutationImportances: PermutationImportanceReport? = nil
    /// The saved tree model's mean |SHAP| per column (`TrainingOptions.shapRows`); nil for a
    /// logistic model or when not asked for.
    public var treeSHAP: TreeSHAPSummary? = nil
    /// A caveat on the inference (penalized fit), or why it is missing.
    public let inferenceNote: String?
    /// Everything the user should know: dropped columns, rows without a label, solver warnings.
    public let warnings: [String]
    /// Encoded features left out of an unpenalized logistic fit as exact linear combinations of
    /// earlier ones (coefficient 0 in the saved model, no row in `coefficients`).
    public let aliasedTerms: [AliasedFeature]
}

/// An encoded feature dropped from an unpenalized logistic fit because it is aliased.
public struct AliasedFeature: Sendable, Codable, Equatable {
    /// The dropped encoded feature (`OnlineBackup=No internet service`).
    public let feature: String
    /// The earlier terms it is an exact linear combination of (`InternetService=No`, `(intercept)`).
    public let aliasedWith: [String]
}

/// Trains a pipeline: resolves the target, picks the features, splits, encodes, fits and evaluates.
public struct PipelineTrainer: Sendable {
    /// The training options.
    public let options: TrainingOptions

    /// Creates a trainer with `options`.
    public init(options: TrainingOptions) { self.options = options }

    /// Trains `specification` on `table`: fits on the training part of a stratified hold-out split,
    /// evaluates on the hold-out part, then (by default) refits on every labelled row.
    /// - Throws: `PipelineError` (target problems, no features), `TabularError` (missing columns,
    ///   impossible split), or the model's error (single class, penalty required...).
    /// - Complexity: the encoder's O(n d) plus the model's fit, twice when refitting.
    public func train(_ table: Table, model specification: ModelSpecification) throws -> TrainingResult {
        guard options.testFraction >= 0, options.testFraction < 1 else {
            throw PipelineError.invalidOption("test fraction must be in [0, 1), not \(options.testFraction)")
        }
        guard options.permutationRepeats >= 0, options.shapRows >= 0 else {
            throw PipelineError.invalidOption(
                "permutation repeats and SHAP rows must be at least 0, not \(options.permutationRepeats) and \(options.shapRows)")
        }
        guard options.permutationRepeats == 0 || options.testFraction > 0 else {
            throw PipelineError.invalidOption("permutation importance is measured on the hold-out rows: the test fraction must be above 0")
        }
        var warnings: [String] = []
        let target = try TargetSpecification(table: table, column: options.target, positiveLabel: options.positiveLabel)
        let (data, labels, unlabeled) = try target.labeledRows(of: table)
        if unlabeled > 0 {
            warnings.append("\(unlabeled) rows have no \"\(target.column)\" label and are left out")
        }
        let roles = try ColumnRoles(
            table: data, target: target.column, id: options.idColumn, ignored: options.ignoredColumns,
            features: options.features, use: specification.columnUse)
        warnings += roles.warnings
        warnings += TargetLeakSuspect.find(in: data, features: roles.features, labels: labels).map { $0.warning(target: target.column) }
        // An infinite value stops the encoder: name its row of the file, not of the shuffled split.
        for name in roles.features {
            if case .numeric(let values) = try table.column(named: name).values, let row = values.firstIndex(where: \.isInfinite) {
                throw TabularError.nonFiniteValue(column: name, row: row, value: values[row])
            }
        }

        let split: DataSplit
        if options.testFraction > 0 {
            split = try DataSplit.stratified(labels: labels, testFraction: options.testFraction, seed: options.seed)
        } else {
            split = DataSplit(train: Array(0..<data.rowCount), test: [])
        }
        let train = data.selecting(rows: split.train)
        var fit = try _fit(specification, on: train, labels: split.train.map { labels[$0] }, columns: roles.features)
        var fitWarnings = fit.warnings

        var holdout: BinaryClassificationReport?
        var holdoutScores: [Double] = []
        var learningCurve: [Double]?
        var permutationImportances: PermutationImportanceReport?
        let holdoutLabels = split.test.map { labels[$0] }
        if !split.test.isEmpty {
            let test = data.selecting(rows: split.test)
            let (testX, report) = try fit.encoder.transformWithReport(test)
            if report.unknownCount > 0 {
                warnings.append("hold-out rows hold \(report.unknownCount) categories unseen in training (encoded as the reference level)")
            }
            holdoutScores = try fit.model.probabilities(testX)
            holdout = try BinaryClassificationReport(labels: holdoutLabels, scores: holdoutScores)
            learningCurve = try (fit.model.classifier as? GradientBoostingModel)?.stagedLogLoss(testX, holdoutLabels)
            if options.permutationRepeats > 0 {
                let (encoder, model) = (fit.encoder, fit.model)
                permutationImportances = try PermutationImportanceReport(
                    table: test, labels: holdoutLabels, columns: encoder.requiredColumns, repeats: options.permutationRepeats,
                    seed: options.seed
                ) { try model.probabilities(try encoder.transform($0)) }
            }
        }
        let trainingPartBooster = fit.model.classifier as? GradientBoostingModel
        let refitted = options.refit && !split.test.isEmpty
        if refitted {
            fit = try _fit(specification, on: data, labels: labels, columns: roles.features)
            // The saved model's own warnings; the first fit's only when they differ.
            fitWarnings = fit.warnings + fitWarnings.filter { !fit.warnings.contains($0) }.map { "before refitting: \($0)" }
        }
        warnings += fitWarnings
        let explanation = _explain(fit.model, encoder: fit.encoder)
        warnings += explanation.warnings
        let provenance = TrainingProvenance(
            fittedOn: refitted || split.test.isEmpty ? .allLabelledRows : .trainingSplit,
            fittedRows: refitted ? data.rowCount : split.train.count, labelledRows: data.rowCount, file: options.sourceFile)
        let pipeline = FittedPipeline(
            schema: CSVSchema(of: table), idColumn: roles.id, target: target, encoder: fit.encoder, model: fit.model,
            riskDecileEdges: riskDecileEdges(fit.scores), training: provenance, featureMeans: fit.means)
        var result = TrainingResult(
            pipeline: pipeline, target: target, columnRoles: roles, trainRows: split.train.count, testRows: split.test.count,
            holdout: holdout, holdoutLabels: holdoutLabels, holdoutScores: holdoutScores,
            coefficients: explanation.coefficients, rules: explanation.rules, featureImportances: explanation.importances,
            inferenceNote: explanation.note, warnings: warnings, aliasedTerms: explanation.aliased)
        result.learningCurve = learningCurve
        result.permutationImportances = permutationImportances
        if options.shapRows > 0 {
            var rows = split.test.isEmpty ? Array(0..<data.rowCount) : split.test
            if rows.count > options.shapRows {
                var random = SeededRandom(seed: options.seed)
                random.shuffle(&rows)
                rows = rows.prefix(options.shapRows).sorted()
            }
            result.treeSHAP = try TreeSHAPSummary(pipeline, rows: data.selecting(rows: rows))
        }
        if let trainingPartBooster, let saved = fit.model.classifier as? GradientBoostingModel {
            result.earlyStopping = EarlyStoppingSummary(model: trainingPartBooster, saved: saved)
        }
        return result
    }

    /// Fits the encoder and the model on `rows`: the pieces of a pipeline, the rows' scores (for
    /// the risk deciles) and the encoder's and solver's warnings.
    private func _fit(_ specification: ModelSpecification, on rows: Table, labels: [Bool], columns: [String]) throws
        -> (encoder: FittedFeatureEncoder, model: PipelineModel, scores: [Double], warnings: [String], means: [Double]?)
    {
        let encoder = try specification.encoder(from: options.encoder).fit(rows, columns: columns)
        guard encoder.featureCount > 0 else {
            throw PipelineError.noFeatures("every candidate column was dropped (\(encoder.issues.map(\.description).joined(separator: "; ")))")
        }
        let x = try encoder.transform(rows)
        let model = PipelineModel.classifier(try specification.fit(x, labels, features: encoder.features))
        var warnings = encoder.issues.map(\.description)
        var means: [Double]?
        if let fitted = model.classifier as? LogisticRegressionModel {
            warnings += fitted.warnings.map { "logistic regression: \($0.description(featureNames: encoder.featureNames))" }
            means = _columnMeans(x)
        }
        if let tree = model.classifier as? DecisionTreeModel, tree.leafCount == 1 {
            warnings.append("the tree has no split (one leaf): every customer gets the churn rate of the \(rows.rowCount) training rows; "
                + "the minimum rows per leaf or per split, the depth or the pruning allow none")
        }
        return (encoder, model, try model.probabilities(x), warnings, means)
    }

    /// The inference table and aliased terms (logistic), rules (tree) and importances (any
    /// `FeatureImportanceReporting` model) of a model.
    private func _explain(_ model: PipelineModel, encoder: FittedFeatureEncoder) -> (
        coefficients: [CoefficientSummary]?, rules: [TreeRule]?, importances: [(feature: String, importance: Double)]?,
        note: String?, warnings: [String], aliased: [AliasedFeature]
    ) {
        let names = encoder.featureNames
        if let fitted = model.classifier as? LogisticRegressionModel {
            let aliased = fitted.aliasedTerms.map { term in
                AliasedFeature(
                    feature: LogisticTerm.feature(term.column).name(featureNames: names),
                    aliasedWith: term.aliasedWith.map { $0.name(featureNames: names) })
            }
            switch Result(catching: { () throws(LinearModelsError) in try fitted.inferenceTable() }) {
            case .success(let table):
                return (summarize(table, names: names), nil, nil, table.note, [], aliased)
            case .failure(let error):
                return (nil, nil, nil, "no inference table: \(error.description(featureNames: names))", [], aliased)
            }
        }
        let rules = (model.classifier as? DecisionTreeModel)?.rules(positiveClass: 1, outcome: "churn", unit: "customers")
        let importances = (model.classifier as? any FeatureImportanceReporting).map { fitted in
            zip(names, fitted.featureImportances).map { (feature: $0, importance: $1) }.sorted { $0.importance > $1.importance }
        }
        return (nil, rules, importances, nil, [], [])
    }

    /// The inference rows with feature names, sorted by decreasing |z|, the intercept last.
    private func summarize(_ table: LogisticInferenceTable, names: [String]) -> [CoefficientSummary] {
        let rows = table.rows.map { row -> CoefficientSummary in
            let name: String
            switch row.term {
            case .intercept: name = "(intercept)"
            case .feature(let index): name = index < names.count ? names[index] : "feature \(index)"
            }
            return CoefficientSummary(
                feature: name, estimate: row.estimate, standardError: row.standardError, z: row.zScore,
                pValue: row.pValue, lower: row.lowerBound, upper: row.upperBound, oddsRatio: row.oddsRatio,
                oddsRatioLower: row.oddsRatioLowerBound, oddsRatioUpper: row.oddsRatioUpperBound)
        }
        let features = rows.filter { $0.feature != "(intercept)" }.sorted { abs($0.z) > abs($1.z) }
        return features + rows.filter { $0.feature == "(intercept)" }
    }
}

