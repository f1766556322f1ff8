/// Customers with identical histories (x, tₓ, T) collapsed into one row with a count.
///
/// The repeat-purchase likelihoods are sums over customers of a term that depends only on
/// (x, tₓ, T), so a fit on the distinct histories weighted by their counts maximises the same
/// function. Logs with day-stamped purchases repeat histories often (every customer without a
/// repeat purchase who first bought on the same day has the same one): on 1,000,000 customers
/// simulated from CDNOW's parameters, a few hundred thousand rows remain, and each likelihood pass
/// is that much shorter. Rows keep the order of first appearance, so the fit is deterministic.
struct _DistinctHistories {
    /// Repeat purchases x of each distinct history.
    private(set) var frequency: [Double] = []
    /// Recency tₓ of each distinct history.
    private(set) var recency: [Double] = []
    /// Age T of each distinct history.
    private(set) var age: [Double] = []
    /// Customers with each history.
    private(set) var count: [Double] = []

    /// A history's identity: the bit patterns of x, tₓ and T.
    private struct Key: Hashable {
        let x, tx, t: UInt64
    }

    /// Groups the customers' histories.
    /// - Complexity: O(n) expected (hashing the three values' bit patterns).
    init(frequency x: [Double], recency tx: [Double], age t: [Double]) {
        var index: [Key: Int] = [:]
        for i in x.indices {
            let key = Key(x: x[i].bitPattern, tx: tx[i].bitPattern, t: t[i].bitPattern)
            if let row = index[key] {
                count[row] += 1
            } else {
                index[key] = frequency.count
                frequency.append(x[i])
                recency.append(tx[i])
                age.append(t[i])
                count.append(1)
            }
        }
    }
}
