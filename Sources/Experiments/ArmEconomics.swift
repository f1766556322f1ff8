// The money side of a retention arm, estimated from a randomized comparison.
//
// Goal: an unbiased value estimate when value and churn are correlated. Each customer's value lost
// is L = value × [churned]. The arm's value retained is the difference in means of L between the
// control group and the arm, scaled to the treated customers:
//   value retained = n_treated × (mean L over control − mean L over arm),
// with Welch's unequal-variance t interval for the difference of means (Welch 1947, see
// `MeanComparison.swift`), scaled the same way. (An estimator of the form control rate × Σ treated
// values − Σ treated churners' values assumes that control churners are worth the average
// customer; it is biased whenever value and churn are correlated.)
// With one value v for every customer, L = v × [churned] and the difference of means is v times the
// difference of churn rates, so the value retained is customers retained × v with the Newcombe
// interval of the rates scaled by v (a better interval for proportions than Welch's).
// Action cost = cost per customer × treated customers is known, so net value = value retained −
// cost and ROI = net value / cost carry the value's interval shifted and scaled.

/// Where the value of a retained customer comes from.
public enum CustomerValueSource: Sendable, Codable, Equatable {
    /// The same value for every customer.
    case perCustomer(Double)
    /// Each customer's own value, from `ExperimentOutcomes.customerValue`.
    case fromOutcomes
}

/// The money side of one arm: customers and value retained by the action, its cost, net value and
/// return on investment, each with a confidence interval (see the file header for the estimators).
public struct ArmEconomics: Sendable, Codable, Equatable {
    /// Customers who received the action.
    public var customersTreated: Int
    /// Estimated customers kept by the action: (control rate − arm rate) × treated customers.
    public var customersRetained: Double
    /// Newcombe interval for `customersRetained`.
    public var customersRetainedInterval: ConfidenceInterval?
    /// Estimated value kept: treated customers × (mean value lost per control customer − mean
    /// value lost per treated customer).
    public var valueRetained: Double
    /// Interval for `valueRetained` (Welch for per-customer values, Newcombe × value for one value).
    public var valueRetainedInterval: ConfidenceInterval?
    /// Total action cost.
    public var actionCost: Double
    /// valueRetained − actionCost.
    public var netValue: Double
    /// `valueRetainedInterval` minus the (known) cost.
    public var netValueInterval: ConfidenceInterval?
    /// netValue / actionCost; `nil` when the action costs nothing.
    public var returnOnInvestment: Double?
    /// `netValueInterval` divided by the cost; `nil` when the action costs nothing.
    public var returnOnInvestmentInterval: ConfidenceInterval?

    /// Economics from each customer's own value (value lost = value × churned).
    /// - Parameters:
    ///   - comparison: The arm-versus-control comparison (events = churn).
    ///   - treatedValueLost: Summary of value × churned over the arm's customers.
    ///   - controlValueLost: Summary of value × churned over the control customers.
    ///   - costPerCustomer: Action cost per treated customer.
    ///   - confidence: Confidence level of the intervals, default 0.95.
    /// - Note: The value intervals are `nil` when a group has fewer than two customers or no
    ///   spread in value lost (for example no churner at all); the point estimates remain.
    /// - Complexity: O(1).
    public init(
        comparison: ProportionComparison, treatedValueLost: SampleSummary, controlValueLost: SampleSummary,
        costPerCustomer: Double, confidence: Double = 0.95
    ) {
        let treated = Double(comparison.treatment.total)
        let welch = try? WelchComparison(controlValueLost, treatedValueLost, confidence: confidence)
        self.init(
            comparison: comparison, costPerCustomer: costPerCustomer,
            valueRetained: treated * (controlValueLost.mean - treatedValueLost.mean),
            valueRetainedInterval: welch.map { ConfidenceInterval(lower: treated * $0.interval.lower, upper: treated * $0.interval.upper) })
    }

    /// Economics with one value for every customer: value retained = customers retained × value.
    /// - Parameters:
    ///   - comparison: The arm-versus-control comparison (events = churn).
    ///   - valuePerCustomer: The value of a customer.
    ///   - costPerCustomer: Action cost per treated customer.
    /// - Complexity: O(1).
    public init(comparison: ProportionComparison, valuePerCustomer: Double, costPerCustomer: Double) {
        let treated = Double(comparison.treatment.total)
        self.init(
            comparison: comparison, costPerCustomer: costPerCustomer,
            valueRetained: comparison.absoluteReduction * treated * valuePerCustomer,
            valueRetainedInterval: comparison.absoluteReductionInterval.map {
                let a = $0.lower * treated * valuePerCustomer, b = $0.upper * treated * valuePerCustomer
                return ConfidenceInterval(lower: min(a, b), upper: max(a, b))
            })
    }

    /// The first figure that is not a finite number (`"value retained"`, `"action cost"`, ...), or
    /// `nil` when every figure is finite: values or costs so large that their products with the
    /// customer counts overflow give infinite or NaN figures.
    var nonFiniteFigure: String? {
        let figures: [(name: String, value: Double?)] = [
            ("value retained", valueRetained), ("value retained's lower bound", valueRetainedInterval?.lower),
            ("value retained's upper bound", valueRetainedInterval?.upper), ("action cost", actionCost),
            ("net value", netValue), ("net value's lower bound", netValueInterval?.lower),
            ("net value's upper bound", netValueInterval?.upper), ("return on investment", returnOnInvestment),
            ("return on investment's lower bound", returnOnInvestmentInterval?.lower),
            ("return on investment's upper bound", returnOnInvestmentInterval?.upper),
        ]
        return figures.first { $0.value.map { !$0.isFinite } ?? false }?.name
    }

    /// Fills the fields from a value estimate and its interval.
    private init(comparison: ProportionComparison, costPerCustomer: Double, valueRetained: Double, valueRetainedInterval: ConfidenceInterval?) {
        let treated = comparison.treatment.total
        customersTreated = treated
        customersRetained = comparison.absoluteReduction * Double(treated)
        customersRetainedInterval = comparison.absoluteReductionInterval.map {
            ConfidenceInterval(lower: $0.lower * Double(treated), upper: $0.upper * Double(treated))
        }
        self.valueRetained = valueRetained
        self.valueRetainedInterval = valueRetainedInterval
        let cost = costPerCustomer * Double(treated)
        actionCost = cost
        netValue = valueRetained - cost
        netValueInterval = valueRetainedInterval.map { ConfidenceInterval(lower: $0.lower - cost, upper: $0.upper - cost) }
        returnOnInvestment = cost > 0 ? (valueRetained - cost) / cost : nil
        returnOnInvestmentInterval = cost > 0
            ? valueRetainedInterval.map { ConfidenceInterval(lower: ($0.lower - cost) / cost, upper: ($0.upper - cost) / cost) } : nil
    }
}
