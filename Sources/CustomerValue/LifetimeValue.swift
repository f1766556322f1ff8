// Customer lifetime value: the discounted expected margin of a customer's future purchases.
//
// Goal: the `lifetimes` package's `customer_lifetime_value` (0.11.3) with a margin on top:
//   CLV = margin · Σ_{k=1..H} E[spend] · (E[X(T, T+k·u)] − E[X(T, T+(k−1)·u)]) / (1 + d)^k,
// for H months of u time units each (30 days or 4.345 weeks), monthly discount rate d, the
// repeat-purchase model's conditional expectations and the Gamma-Gamma expected spend. The sum
// over months depends on the history (x, tₓ, T) alone and the spend on (x, mₓ) alone, so the
// value of a customer table computes the sum once per distinct history (105,590 of 1,000,000
// simulated CDNOW customers): CLV = margin · E[spend | x, mₓ] · S(x, tₓ, T).

/// Lifetime value settings: horizon, discounting and margin.
public struct LifetimeValueOptions: Sendable, Codable, Equatable {
    /// Months of the horizon.
    public var horizonMonths: Int
    /// Discount rate per month (0.01 = 1% a month).
    public var monthlyDiscountRate: Double
    /// The share of spend that is margin (1 = revenue).
    public var margin: Double

    /// Creates options.
    /// - Parameters:
    ///   - horizonMonths: Months of the horizon (default 12, as `lifetimes`).
    ///   - monthlyDiscountRate: Discount rate per month (default 0.01, as `lifetimes`).
    ///   - margin: Margin share of spend (default 1).
    public init(horizonMonths: Int = 12, monthlyDiscountRate: Double = 0.01, margin: Double = 1) {
        self.horizonMonths = horizonMonths
        self.monthlyDiscountRate = monthlyDiscountRate
        self.margin = margin
    }

    /// Checks the options.
    /// - Throws: `CustomerValueError.invalidInput` for a horizon outside 1...1200 months, a
    ///   discount rate that is not in [0, 10] or a margin that is not finite.
    public func validate() throws(CustomerValueError) {
        guard (1...1200).contains(horizonMonths) else { throw .invalidInput("the horizon must be 1 to 1200 months, got \(horizonMonths)") }
        guard monthlyDiscountRate >= 0, monthlyDiscountRate <= 10 else {
            throw .invalidInput("the monthly discount rate must be in [0, 10], got \(monthlyDiscountRate)")
        }
        guard margin.isFinite else { throw .invalidInput("the margin must be a finite number, got \(margin)") }
    }
}

/// One customer's predictions.
public struct CustomerValuePrediction: Sendable, Codable, Equatable {
    /// The customer id.
    public var id: String
    /// P(alive) at the calibration end.
    public var probabilityAlive: Double
    /// Purchases expected over the prediction horizon.
    public var expectedPurchases: Double
    /// Expected spend per future purchase (Gamma-Gamma).
    public var expectedSpend: Double
    /// Discounted expected margin over the lifetime-value horizon.
    public var lifetimeValue: Double
}

/// Lifetime value and its ingredients per customer.
public enum LifetimeValue {
    /// The discounted expected margin of one customer (see the file header).
    /// - Parameters:
    ///   - transactions: The repeat-purchase model.
    ///   - spend: The Gamma-Gamma model.
    ///   - frequency: Repeat purchases x.
    ///   - recency: Recency tₓ.
    ///   - age: Age T.
    ///   - monetaryValue: Mean repeat spend.
    ///   - unit: The models' time unit.
    ///   - options: Horizon, discount rate, margin.
    /// - Returns: The lifetime value.
    /// - Complexity: O(H · h) for H months and h ₂F₁ terms.
    public static func value(
        transactions: some RepeatPurchaseModel, spend: GammaGammaModel, frequency: Double, recency: Double, age: Double,
        monetaryValue: Double, unit: TimeUnit, options: LifetimeValueOptions
    ) -> Double {
        options.margin * spend.conditionalExpectedSpend(frequency: frequency, monetaryValue: monetaryValue)
            * discountedPurchases(transactions: transactions, frequency: frequency, recency: recency, age: age, unit: unit, options: options)
    }

    /// The lifetime values of many customers (as `value` for each, with the monthly sum computed
    /// once per distinct history (x, tₓ, T)).
    /// - Parameters:
    ///   - transactions: The repeat-purchase model.
    ///   - spend: The Gamma-Gamma model.
    ///   - frequency: Repeat purchases x per customer.
    ///   - recency: Recency tₓ per customer.
    ///   - age: Age T per customer.
    ///   - monetaryValue: Mean repeat spend per customer.
    ///   - unit: The models' time unit.
    ///   - options: Horizon, discount rate, margin.
    /// - Returns: One lifetime value per customer, in the given order.
    /// - Throws: `CustomerValueError.invalidInput` when the four columns differ in length.
    /// - Complexity: O(n + d · H · h) for n customers, d distinct histories, H months and h ₂F₁ terms.
    public static func values(
        transactions: some RepeatPurchaseModel, spend: GammaGammaModel, frequency: [Double], recency: [Double], age: [Double],
        monetaryValue: [Double], unit: TimeUnit, options: LifetimeValueOptions
    ) throws(CustomerValueError) -> [Double] {
        guard frequency.count == recency.count, recency.count == age.count, age.count == monetaryValue.count else {
            throw .invalidInput("frequency, recency, age and monetary value have \(frequency.count), \(recency.count), \(age.count) and \(monetaryValue.count) values")
        }
        let histories = _DistinctRows(frequency, recency, age)
        let sums = histories.rows { x, tx, t in
            discountedPurchases(transactions: transactions, frequency: x, recency: tx, age: t, unit: unit, options: options)
        }
        return frequency.indices.map { i in
            options.margin * spend.conditionalExpectedSpend(frequency: frequency[i], monetaryValue: monetaryValue[i]) * sums[histories.rowOfInput[i]]
        }
    }

    /// S(x, tₓ, T) = Σ_{k=1..H} (E[X(T, T+k·u)] − E[X(T, T+(k−1)·u)]) / (1 + d)^k, the discounted
    /// purchases expected of a history over the horizon.
    private static func discountedPurchases(
        transactions: some RepeatPurchaseModel, frequency: Double, recency: Double, age: Double, unit: TimeUnit,
        options: LifetimeValueOptions
    ) -> Double {
        var total = 0.0
        var previous = 0.0
        var discount = 1.0
        for month in 1...max(1, options.horizonMonths) {
            let cumulative = transactions.conditionalExpectedPurchases(
                duration: Double(month) * unit.perMonth, frequency: frequency, recency: recency, age: age)
            discount /= 1 + options.monthlyDiscountRate
            total += (cumulative - previous) * discount
            previous = cumulative
        }
        return total
    }

    /// Predictions for every customer of a table.
    /// - Parameters:
    ///   - summary: The customer table.
    ///   - transactions: The repeat-purchase model (fitted on this table's unit).
    ///   - spend: The Gamma-Gamma model.
    ///   - horizon: The horizon of `expectedPurchases`, in the table's unit.
    ///   - options: The lifetime-value settings.
    /// - Returns: One prediction per customer, in the table's order.
    /// - Complexity: O(n + d · H · h) for n customers and d distinct histories (x, tₓ, T).
    public static func predictions(
        for summary: CustomerSummary, transactions: some RepeatPurchaseModel, spend: GammaGammaModel, horizon: Double,
        options: LifetimeValueOptions
    ) -> [CustomerValuePrediction] {
        let histories = _DistinctRows(summary.frequencies, summary.recencies, summary.ages)
        let perHistory = histories.rows { x, tx, t in
            (alive: transactions.probabilityAlive(frequency: x, recency: tx, age: t),
             expected: transactions.conditionalExpectedPurchases(duration: horizon, frequency: x, recency: tx, age: t),
             discounted: discountedPurchases(transactions: transactions, frequency: x, recency: tx, age: t, unit: summary.unit, options: options))
        }
        return summary.customers.indices.map { i in
            let c = summary.customers[i], history = perHistory[histories.rowOfInput[i]]
            let expectedSpend = spend.conditionalExpectedSpend(frequency: Double(c.frequency), monetaryValue: c.monetaryValue)
            return CustomerValuePrediction(
                id: c.id, probabilityAlive: history.alive, expectedPurchases: history.expected, expectedSpend: expectedSpend,
                lifetimeValue: options.margin * expectedSpend * history.discounted)
        }
    }
}
