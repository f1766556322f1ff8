/// One treatment group compared with its control group on a binary outcome (churn, conversion).
///
/// Sign conventions: `difference` is treatment rate − control rate; `absoluteReduction` is
/// control rate − treatment rate (points of churn avoided); `relativeReduction` is
/// 1 − treatment rate / control rate (the AXA "9%"). Every interval is the matching transform of
/// Newcombe's interval (differences) or the log interval (ratio), so they agree in direction.
/// When a group is empty the rates are NaN, intervals are `nil` and `note` says why.
public struct ProportionComparison: Sendable, Codable, Equatable {
    /// Treatment group count.
    public var treatment: BinomialCount
    /// Control group count.
    public var control: BinomialCount
    /// Treatment event rate.
    public var treatmentRate: Double
    /// Control event rate.
    public var controlRate: Double
    /// treatmentRate − controlRate.
    public var difference: Double
    /// Newcombe hybrid score interval for `difference`.
    public var differenceInterval: ConfidenceInterval?
    /// controlRate − treatmentRate.
    public var absoluteReduction: Double
    /// Interval for `absoluteReduction` (the negated Newcombe interval).
    public var absoluteReductionInterval: ConfidenceInterval?
    /// treatmentRate / controlRate (NaN when the control rate is 0).
    public var riskRatio: Double
    /// Log interval for the risk ratio.
    public var riskRatioInterval: ConfidenceInterval?
    /// How `riskRatioInterval` was computed.
    public var riskRatioIntervalMethod: RiskRatioIntervalMethod?
    /// 1 − riskRatio.
    public var relativeReduction: Double
    /// Interval for `relativeReduction`: [1 − ratio upper, 1 − ratio lower].
    public var relativeReductionInterval: ConfidenceInterval?
    /// Two-sided p-value of equal rates.
    public var pValue: Double
    /// The test that produced `pValue`.
    public var testMethod: ProportionTestMethod
    /// The z statistic when the z-test was used.
    public var z: Double?
    /// Why some figures are undefined or were computed differently; empty when all is standard.
    public var note: String

    /// Compares `treatment` with `control`.
    /// - Parameters:
    ///   - treatment: Events and customers in the treatment group.
    ///   - control: Events and customers in the control group.
    ///   - confidence: Confidence level of the intervals, default 0.95.
    /// - Complexity: O(1), or O(min(events, customers)) when Fisher's exact test is used.
    public init(treatment: BinomialCount, control: BinomialCount, confidence: Double = 0.95) {
        self.treatment = treatment
        self.control = control
        treatmentRate = treatment.rate
        controlRate = control.rate
        difference = treatmentRate - controlRate
        absoluteReduction = controlRate - treatmentRate
        differenceInterval = ProportionIntervals.newcombeDifference(treatment, control, confidence: confidence)
        absoluteReductionInterval = differenceInterval.map { ConfidenceInterval(lower: -$0.upper, upper: -$0.lower) }
        riskRatio = control.events > 0 ? treatmentRate / controlRate : .nan
        relativeReduction = 1 - riskRatio
        var notes: [String] = []
        if let ratio = ProportionIntervals.logRiskRatio(treatment, control, confidence: confidence) {
            riskRatioInterval = ratio.interval
            riskRatioIntervalMethod = ratio.method
            relativeReductionInterval = ConfidenceInterval(lower: 1 - ratio.interval.upper, upper: 1 - ratio.interval.lower)
            if ratio.method == .logAdjusted {
                notes.append("a group has zero events: ratio interval uses 0.5-adjusted counts")
            }
        } else {
            riskRatioInterval = nil
            riskRatioIntervalMethod = nil
            relativeReductionInterval = nil
        }
        if treatment.total == 0 || control.total == 0 {
            notes.append(treatment.total == 0 ? "treatment group is empty: no estimate" : "control group is empty: no estimate")
            pValue = .nan
            testMethod = .fisherExact
            z = nil
        } else {
            if control.events == 0 { notes.append("control has zero events: risk ratio undefined") }
            let test = ProportionSignificance.test(treatment, control)
            pValue = test.pValue
            testMethod = test.method
            z = test.z
            if test.method == .fisherExact { notes.append("expected count below 5: Fisher exact test") }
        }
        note = notes.joined(separator: "; ")
    }
}
