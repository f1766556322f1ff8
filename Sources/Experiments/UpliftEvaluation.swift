// Evaluation of uplift (treatment-effect) scores on randomized data.
//
// Goals: the same numbers as scikit-uplift 0.5 (`sklift.metrics`): uplift and Qini curves,
// their normalised areas, uplift@k and uplift by percentile, so results can be compared with the
// Python literature. Customers are ranked by score descending; among equal scores the later row
// comes first (scikit-uplift reverses a stable ascending sort), which matters for uplift@k and the
// percentile table. Curves are evaluated only at the last row of each run of equal scores.
//
// Definitions (n_t, n_c treated and control customers among the top rows; y_t, y_c their
// responders; true = the desired response, so for churn pass "retained"):
// - uplift curve:  (y_t/n_t − y_c/n_c) · (n_t + n_c)
// - Qini curve:    y_t − y_c · n_t/n_c
// - normalised area (AUUC and Qini coefficient): (A_model − A_random) / (A_perfect − A_random), A
//   the trapezoid area, the random curve the straight line to the last point, and the perfect curve
//   scikit-uplift's (for Qini with negative effects allowed: rank by y·t − y·(1−t); for uplift:
//   rank by 2·[y = t] + (y when control responders outnumber treated non-responders, else t)).
// References: N. J. Radcliffe, "Using control groups to target on predicted lift" (2007), Qini;
// M. Gutierrez and J.-Y. Gérardy, "Causal inference and uplift modelling: a review of the
// literature", PMLR 67 (2017); scikit-uplift documentation, metrics section.

/// A curve of cumulative gain against the number of customers targeted.
public struct UpliftCurvePoints: Sendable, Codable, Equatable {
    /// Number of customers targeted (starts at 0).
    public var targeted: [Double]
    /// Curve value at each point.
    public var value: [Double]

    /// Trapezoid area under the curve.
    /// - Complexity: O(points).
    public var area: Double {
        var total = 0.0
        for i in 1..<max(targeted.count, 1) {
            total += (targeted[i] - targeted[i - 1]) * (value[i] + value[i - 1]) / 2
        }
        return total
    }
}

/// How uplift@k and the percentile table pick the top customers.
public enum UpliftRankingStrategy: String, Sendable, Codable, CaseIterable {
    /// Top k of all customers, then split into treated and control.
    case overall
    /// Top k of the treated and, separately, top k of the controls.
    case byGroup
}

/// One row of the uplift-by-percentile table.
public struct UpliftPercentileRow: Sendable, Codable, Equatable {
    /// Upper edge of the bin in percent (10, 20, ... for deciles).
    public var percentile: Int
    /// Treated customers in the bin.
    public var treatedCount: Int
    /// Control customers in the bin.
    public var controlCount: Int
    /// Response rate of the treated (NaN when none).
    public var treatedRate: Double
    /// Response rate of the controls (NaN when none).
    public var controlRate: Double
    /// treatedRate − controlRate.
    public var uplift: Double
    /// Standard error of treatedRate, √(r(1−r)/n).
    public var treatedStandardError: Double
    /// Standard error of controlRate.
    public var controlStandardError: Double
    /// Standard error of the uplift, √(se_t² + se_c²).
    public var upliftStandardError: Double
}

/// Uplift metrics on a randomized sample (scikit-uplift conventions).
public struct UpliftEvaluation: Sendable {
    /// Desired response per customer (for churn: retained).
    public let outcome: [Bool]
    /// Whether each customer was treated.
    public let treatment: [Bool]
    /// Predicted uplift per customer.
    public let scores: [Double]
    /// Rows by score descending (later rows first among ties), computed once.
    let order: [Int]

    /// Validates the inputs.
    /// - Parameters:
    ///   - outcome: Desired response per customer.
    ///   - treatment: Treated flag per customer.
    ///   - scores: Predicted uplift, finite.
    /// - Throws: `ExperimentsError.lengthMismatch`, `.nonFiniteValue`, or `.emptyInput` when the
    ///   treated or the control group is empty.
    /// - Complexity: O(n log n) (the ranking, computed once; the model's curves are then O(n)).
    public init(outcome: [Bool], treatment: [Bool], scores: [Double]) throws(ExperimentsError) {
        guard treatment.count == outcome.count else { throw .lengthMismatch(argument: "treatment", count: treatment.count, expected: outcome.count) }
        guard scores.count == outcome.count else { throw .lengthMismatch(argument: "scores", count: scores.count, expected: outcome.count) }
        if let bad = scores.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(argument: "scores", index: bad, value: scores[bad]) }
        guard treatment.contains(true), treatment.contains(false) else {
            throw .emptyInput("uplift evaluation needs both treated and control customers")
        }
        self.outcome = outcome
        self.treatment = treatment
        self.scores = scores
        self.order = _ranking(scores)
    }


    private enum _Kind { case uplift, qini }

    private func curve(_ scores: [Double], _ kind: _Kind, order: [Int]? = nil) -> UpliftCurvePoints {
        let order = order ?? _ranking(scores)
        var targeted: [Double] = [], values: [Double] = []
        var nt = 0.0, nc = 0.0, yt = 0.0, yc = 0.0
        for (position, row) in order.enumerated() {
            if treatment[row] { nt += 1; if outcome[row] { yt += 1 } } else { nc += 1; if outcome[row] { yc += 1 } }
            let isLastOfRun = position == order.count - 1 || scores[order[position + 1]] != scores[row]
            guard isLastOfRun else { continue }
            let n = Double(position + 1)
            targeted.append(n)
            switch kind {
            case .uplift: values.append(((nt > 0 ? yt / nt : 0) - (nc > 0 ? yc / nc : 0)) * n)
            case .qini: values.append(yt - yc * (nc > 0 ? nt / nc : 0))
            }
        }
        if targeted.first != 0 || values.first != 0 {
            targeted.insert(0, at: 0)
            values.insert(0, at: 0)
        }
        return UpliftCurvePoints(targeted: targeted, value: values)
    }

    /// The uplift curve of the scores.
    /// - Complexity: O(n).
    public var upliftCurve: UpliftCurvePoints { curve(scores, .uplift, order: order) }

    /// The Qini curve of the scores.
    /// - Complexity: O(n).
    public var qiniCurve: UpliftCurvePoints { curve(scores, .qini, order: order) }

    /// The best possible uplift curve (scikit-uplift's `perfect_uplift_curve`).
    public var perfectUpliftCurve: UpliftCurvePoints {
        var controlResponders = 0, treatedNonResponders = 0
        for i in outcome.indices {
            if outcome[i] && !treatment[i] { controlResponders += 1 }
            if !outcome[i] && treatment[i] { treatedNonResponders += 1 }
        }
        let useOutcome = controlResponders > treatedNonResponders
        let perfect = outcome.indices.map { i in
            2 * (outcome[i] == treatment[i] ? 1.0 : 0) + ((useOutcome ? outcome[i] : treatment[i]) ? 1 : 0)
        }
        return curve(perfect, .uplift)
    }

    /// The best possible Qini curve when negative effects are allowed (`perfect_qini_curve`).
    public var perfectQiniCurve: UpliftCurvePoints {
        curve(outcome.indices.map { i in outcome[i] ? (treatment[i] ? 1 : -1) : 0 }, .qini)
    }

    private func normalisedArea(_ model: UpliftCurvePoints, _ perfect: UpliftCurvePoints) -> Double {
        let last = perfect.targeted.count - 1
        let random = UpliftCurvePoints(targeted: [0, perfect.targeted[last]], value: [0, perfect.value[last]]).area
        return (model.area - random) / (perfect.area - random)
    }

    /// Area under the uplift curve normalised as (model − random) / (perfect − random)
    /// (scikit-uplift's `uplift_auc_score`); NaN when the perfect curve equals the random one.
    /// - Complexity: O(n log n).
    public var upliftAUC: Double { normalisedArea(upliftCurve, perfectUpliftCurve) }

    /// The Qini coefficient normalised as (model − random) / (perfect − random)
    /// (scikit-uplift's `qini_auc_score` with negative effects allowed).
    /// - Complexity: O(n log n).
    public var qiniCoefficient: Double { normalisedArea(qiniCurve, perfectQiniCurve) }

    /// Treated minus control response rate among the top-scored customers.
    /// - Parameters:
    ///   - fraction: Fraction of customers in (0, 1); the count is ⌊fraction · n⌋ (per group for
    ///     `.byGroup`).
    ///   - strategy: `.overall` or `.byGroup`.
    /// - Returns: The uplift; NaN when the top rows hold no treated or no control customer.
    /// - Throws: `ExperimentsError.invalidArgument` when `fraction` is not in (0, 1).
    /// - Complexity: O(n log n).
    public func upliftAtK(fraction: Double, strategy: UpliftRankingStrategy) throws(ExperimentsError) -> Double {
        guard fraction > 0, fraction < 1 else {
            throw .invalidArgument(name: "fraction", value: "\(fraction)", reason: "must lie in (0, 1)")
        }
        switch strategy {
        case .overall:
            let top = order.prefix(Int(Double(order.count) * fraction))
            return _rate(top.filter { treatment[$0] }) - _rate(top.filter { !treatment[$0] })
        case .byGroup:
            let treated = order.filter { treatment[$0] }, control = order.filter { !treatment[$0] }
            return _rate(treated.prefix(Int(Double(treated.count) * fraction))) - _rate(control.prefix(Int(Double(control.count) * fraction)))
        }
    }

    /// Response rates and uplift by score percentile bins (scikit-uplift's `uplift_by_percentile`
    /// with `std=True`): rows are split into `bins` nearly equal bins, the first n mod bins one larger.
    /// - Parameters:
    ///   - bins: Number of bins (10 for deciles), in 1..<n.
    ///   - strategy: `.overall` bins all rows; `.byGroup` bins treated and controls separately.
    /// - Returns: One row per bin, highest scores first.
    /// - Throws: `ExperimentsError.invalidArgument` for a bad bin count.
    /// - Complexity: O(n log n).
    public func upliftByPercentile(bins: Int = 10, strategy: UpliftRankingStrategy = .overall) throws(ExperimentsError) -> [UpliftPercentileRow] {
        guard bins > 0, bins < outcome.count else {
            throw .invalidArgument(name: "bins", value: "\(bins)", reason: "must lie in 1..<\(outcome.count)")
        }
        let treatedBins: [[Int]], controlBins: [[Int]]
        switch strategy {
        case .overall:
            let all = _split(order, bins)
            treatedBins = all.map { $0.filter { treatment[$0] } }
            controlBins = all.map { $0.filter { !treatment[$0] } }
        case .byGroup:
            treatedBins = _split(order.filter { treatment[$0] }, bins)
            controlBins = _split(order.filter { !treatment[$0] }, bins)
        }
        return (0..<bins).map { b in
            let rt = _rate(treatedBins[b]), rc = _rate(controlBins[b])
            let vt = rt * (1 - rt) / Double(treatedBins[b].count), vc = rc * (1 - rc) / Double(controlBins[b].count)
            return UpliftPercentileRow(
                percentile: Int((Double((b + 1) * 100) / Double(bins)).rounded(.toNearestOrEven)),
                treatedCount: treatedBins[b].count, controlCount: controlBins[b].count,
                treatedRate: rt, controlRate: rc, uplift: rt - rc,
                treatedStandardError: vt.squareRoot(), controlStandardError: vc.squareRoot(), upliftStandardError: (vt + vc).squareRoot())
        }
    }

    private func _rate(_ rows: some Collection<Int>) -> Double {
        guard !rows.isEmpty else { return .nan }
        return Double(rows.reduce(0) { $0 + (outcome[$1] ? 1 : 0) }) / Double(rows.count)
    }
}

/// Row indices by score descending, later rows first among ties (scikit-uplift's reversed stable sort).
func _ranking(_ scores: [Double]) -> [Int] {
    scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 > $1) }
}

/// numpy's `array_split`: `parts` consecutive pieces, the first `count mod parts` one longer.
func _split(_ rows: [Int], _ parts: Int) -> [[Int]] {
    let base = rows.count / parts, extra = rows.count % parts
    var pieces: [[Int]] = []
    var start = 0
    for p in 0..<parts {
        let size = base + (p < extra ? 1 : 0)
        pieces.append(Array(rows[start..<start + size]))
        start += size
    }
    return pieces
}
