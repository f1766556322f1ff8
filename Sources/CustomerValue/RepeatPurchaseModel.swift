/// A fitted buy-till-you-die model of repeat purchases (BG/NBD, Pareto/NBD): the probability
/// that a customer is still active and the purchases expected from them.
public protocol RepeatPurchaseModel: Sendable {
    /// The probability that a customer with this history is still active at the calibration end.
    /// - Parameters:
    ///   - frequency: Repeat purchases x.
    ///   - recency: Time of the last purchase tₓ.
    ///   - age: Time since the first purchase T.
    /// - Returns: P(alive | x, tₓ, T).
    func probabilityAlive(frequency: Double, recency: Double, age: Double) -> Double

    /// The expected number of purchases in the next `duration` time units of a customer with this history.
    /// - Parameters:
    ///   - duration: The horizon t.
    ///   - frequency: Repeat purchases x.
    ///   - recency: Time of the last purchase tₓ.
    ///   - age: Time since the first purchase T.
    /// - Returns: E[X(T, T + t) | x, tₓ, T].
    func conditionalExpectedPurchases(duration: Double, frequency: Double, recency: Double, age: Double) -> Double
}

/// Checks the inputs of a repeat-purchase fit: equal lengths, at least one customer, integer
/// frequencies ≥ 0, 0 ≤ recency ≤ age, recency 0 when frequency is 0, all finite.
func _validateRepeatData(frequency: [Double], recency: [Double], age: [Double]) throws(CustomerValueError) {
    guard frequency.count == recency.count, recency.count == age.count else {
        throw .invalidInput("frequency, recency and age have \(frequency.count), \(recency.count) and \(age.count) values")
    }
    guard !frequency.isEmpty else { throw .invalidInput("no customers to fit") }
    for i in frequency.indices {
        let (x, tx, t) = (frequency[i], recency[i], age[i])
        guard x.isFinite, tx.isFinite, t.isFinite, x >= 0, x == x.rounded(), tx >= 0, tx <= t else {
            throw .invalidInput("customer \(i + 1): frequency \(x), recency \(tx), age \(t) (need an integer frequency ≥ 0 and 0 ≤ recency ≤ age)")
        }
        guard x > 0 || tx == 0 else {
            throw .invalidInput("customer \(i + 1): recency \(tx) without a repeat purchase")
        }
    }
}
