/// Where the value of a retained customer comes from.
public enum CustomerValueSource: Sendable, Codable, Equatable {
    /// The same value for every customer.
    case perCustomer(Double)
    /// Each customer's own value, from `ExperimentOutcomes.customerValue`.
    case fromOutcomes
}

/// The money side of one arm: customers retained by the action, their value, the action's cost.
///
/// Estimators: customers retained = (control rate − arm rate) × treated customers, with the
/// Newcombe interval scaled the same way. Value retained = control rate × Σ treated values −
/// Σ values of treated customers who churned (the value the arm would have lost at the control
/// rate, minus what it lost); with one value v per customer this is customers retained × v.
/// Action cost = cost per customer × treated customers; net value = value retained − cost;
/// ROI = net value / cost (undefined for a free action).
public struct ArmEconomics: Sendable, Codable, Equatable {
    /// Customers who received the action.
    public var customersTreated: Int
    /// Estimated customers kept by the action.
    public var customersRetained: Double
    /// Interval for `customersRetained`.
    public var customersRetainedInterval: ConfidenceInterval?
    /// Estimated value kept.
    public var valueRetained: Double
    /// Total action cost.
    public var actionCost: Double
    /// valueRetained − actionCost.
    public var netValue: Double
    /// netValue / actionCost; `nil` when the action costs nothing.
    public var returnOnInvestment: Double?

    /// Computes the economics of an arm.
    /// - Parameters:
    ///   - comparison: The arm-versus-control comparison (events = churn).
    ///   - treatedValues: Value of each treated customer.
    ///   - treatedChurned: Whether each treated customer churned (same order).
    ///   - costPerCustomer: Action cost per treated customer.
    /// - Complexity: O(treated customers).
    public init(comparison: ProportionComparison, treatedValues: [Double], treatedChurned: [Bool], costPerCustomer: Double) {
        let treated = comparison.treatment.total
        customersTreated = treated
        customersRetained = comparison.absoluteReduction * Double(treated)
        customersRetainedInterval = comparison.absoluteReductionInterval.map {
            ConfidenceInterval(lower: $0.lower * Double(treated), upper: $0.upper * Double(treated))
        }
        var total = 0.0, lost = 0.0
        for (value, churned) in zip(treatedValues, treatedChurned) {
            total += value
            if churned { lost += value }
        }
        valueRetained = comparison.controlRate * total - lost
        actionCost = costPerCustomer * Double(treated)
        netValue = valueRetained - actionCost
        returnOnInvestment = actionCost > 0 ? netValue / actionCost : nil
    }
}
