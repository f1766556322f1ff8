import Tabular

/// One hyperparameter and the values a search tries.
public struct HyperparameterRange: Sendable, Equatable {
    /// Its name, as `ModelSpecification.setting(_:to:)` takes it (`l2`, `max-depth`, ...).
    public let name: String
    /// The values to try, as text.
    public let values: [String]

    /// Creates a range.
    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}

/// What a search maximizes: the cross-validated AUC, or minus the cross-validated log loss.
public enum SearchScoring: String, Sendable, CaseIterable, Codable {
    /// Mean ROC AUC over the folds (higher is better).
    case auc
    /// Mean log loss over the folds (lower is better).
    case logLoss = "log-loss"

    /// The `CrossValidationMetric.name` this scoring reads.
    public var metricName: String { self == .auc ? "auc" : "logLoss" }

    /// Whether a higher value of the metric is better.
    public var higherIsBetter: Bool { self == .auc }
}

/// One candidate of a search: its settings and its cross-validated metrics.
public struct HyperparameterCandidate: Sendable {
    /// The settings that define it, in the ranges' order: (name, value).
    public let settings: [HyperparameterSetting]
    /// The learner with those settings.
    public let specification: ModelSpecification
    /// Mean and standard deviation of every metric over the folds.
    public let metrics: [CrossValidationMetric]
    /// The mean of the scoring metric.
    public let score: Double
}

/// A hyperparameter's name and the value a candidate gives it.
public struct HyperparameterSetting: Sendable, Equatable, Codable {
    /// The hyperparameter's name.
    public let name: String
    /// Its value, as text.
    public let value: String

    /// Creates a setting.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A grid or seeded random search of a learner's hyperparameters by cross-validation.
///
/// The grid is the product of the ranges; with `trials`, that many distinct grid points are drawn
/// (a seeded partial Fisher-Yates shuffle of the grid's indices, in `SeededRandom`'s documented
/// stream) instead of trying them all. Every candidate is scored on the same folds, so their
/// differences are not fold noise.
public struct HyperparameterSearch: Sendable {
    /// The largest grid a search enumerates (a larger one is refused, with its size).
    public static let maximumGridSize = 10_000

    /// The hyperparameters and their values.
    public var ranges: [HyperparameterRange]
    /// How many grid points to try at random; nil tries the whole grid.
    public var trials: Int?
    /// What the search maximizes.
    public var scoring: SearchScoring
    /// The folds every candidate is scored on.
    public var validation: CrossValidation

    /// Creates a search.
    /// - Parameters:
    ///   - ranges: at least one hyperparameter, each with at least one value.
    ///   - trials: nil for the whole grid, else at least 1.
    ///   - scoring: `.auc` (default) or `.logLoss`.
    ///   - validation: the folds (default 5, seed 42).
    public init(
        ranges: [HyperparameterRange], trials: Int? = nil, scoring: SearchScoring = .auc,
        validation: CrossValidation = CrossValidation()
    ) {
        self.ranges = ranges
        self.trials = trials
        self.scoring = scoring
        self.validation = validation
    }

    /// The grid points to try, each as one value index per range.
    /// - Throws: `PipelineError.invalidOption` for an empty range, a grid above
    ///   `maximumGridSize`, or `trials` below 1.
    /// - Complexity: O(g) for a grid of g points.
    public func gridPoints() throws -> [[Int]] {
        guard !ranges.isEmpty else { throw PipelineError.invalidOption("a search needs at least one hyperparameter range") }
        var size = 1
        for range in ranges {
            guard !range.values.isEmpty else {
                throw PipelineError.invalidOption("hyperparameter \(range.name) has no values to try")
            }
            let (product, overflow) = size.multipliedReportingOverflow(by: range.values.count)
            guard !overflow, product <= Self.maximumGridSize else {
                throw PipelineError.invalidOption(
                    "the grid has more than \(Self.maximumGridSize) points; use fewer values or --trials")
            }
            size = product
        }
        var points: [[Int]] = (0..<size).map { index in
            var rest = index
            return ranges.reversed().map { range -> Int in
                defer { rest /= range.values.count }
                return rest % range.values.count
            }.reversed()
        }
        if let trials {
            guard trials >= 1 else { throw PipelineError.invalidOption("--trials must be at least 1, not \(trials)") }
            var generator = SeededRandom(seed: validation.seed)
            let kept = min(trials, points.count)
            for i in 0..<kept {
                let j = i + generator.nextIndex(below: points.count - i)
                points.swapAt(i, j)
            }
            points.removeLast(points.count - kept)
        }
        return points
    }

    /// Scores every candidate by cross-validation.
    /// - Parameters:
    ///   - table: the training data.
    ///   - options: target, columns and encoding.
    ///   - base: the learner whose hyperparameters the ranges change.
    ///   - progress: called after each candidate with it, how many are done and how many in all.
    /// - Returns: the candidates, best first (ties keep grid order).
    /// - Throws: as `gridPoints()`, `ModelSpecification.setting(_:to:)` and
    ///   `CrossValidation.validate(_:options:model:)`.
    /// - Complexity: (candidates x folds) trainings.
    public func run(
        _ table: Table, options: TrainingOptions, base: ModelSpecification,
        progress: (HyperparameterCandidate, Int, Int) -> Void = { _, _, _ in }
    ) throws -> [HyperparameterCandidate] {
        let points = try gridPoints()
        var candidates: [HyperparameterCandidate] = []
        for (done, point) in points.enumerated() {
            var specification = base
            var settings: [HyperparameterSetting] = []
            for (range, index) in zip(ranges, point) {
                specification = try specification.setting(range.name, to: range.values[index])
                settings.append(HyperparameterSetting(name: range.name, value: range.values[index]))
            }
            let result = try validation.validate(table, options: options, model: specification)
            let score = result.metric(scoring.metricName)?.mean ?? .nan
            let candidate = HyperparameterCandidate(
                settings: settings, specification: specification, metrics: result.metrics, score: score)
            candidates.append(candidate)
            progress(candidate, done + 1, points.count)
        }
        let order = candidates.indices.sorted { a, b in
            let x = candidates[a].score, y = candidates[b].score
            if x == y || (x.isNaN && y.isNaN) { return a < b }
            if x.isNaN { return false }
            if y.isNaN { return true }
            return scoring.higherIsBetter ? x > y : x < y
        }
        return order.map { candidates[$0] }
    }
}
