// From a purchase log to the customer table of the buy-till-you-die models.
//
// Definitions (Fader, Hardie and Lee 2005; the `lifetimes` package's
// `summary_data_from_transaction_data` and `calibration_and_holdout_data`): purchases of one
// customer on one day are merged into one purchase occasion (their amounts summed). At a
// calibration end τ, for a customer whose first occasion is on day f and last calibration occasion
// on day l: frequency x = calibration occasions − 1 (repeat purchases), recency tₓ = l − f,
// age T = τ − f, monetary value = mean amount of the repeat occasions (0 without repeats); times in
// the chosen unit (weeks = days / 7). The hold-out period (τ, end] gives each customer's repeat
// occasions and their mean amount there.

/// The time unit of recency, age and forecast horizons.
public enum TimeUnit: String, Sendable, Codable, CaseIterable {
    /// Days.
    case days
    /// Weeks of seven days (days / 7).
    case weeks

    /// Days per unit.
    public var days: Double { self == .days ? 1 : 7 }

    /// Units per month, as `lifetimes`' `customer_lifetime_value` counts them (30 days, 4.345 weeks).
    public var perMonth: Double { self == .days ? 30 : 4.345 }
}

/// One customer's row of the customer table.
public struct CustomerRecord: Sendable, Codable, Equatable {
    /// The customer id.
    public var id: String
    /// Repeat purchase occasions in the calibration period (x).
    public var frequency: Int
    /// Time from the first to the last calibration occasion (tₓ), in the table's unit.
    public var recency: Double
    /// Time from the first occasion to the calibration end (T), in the table's unit.
    public var age: Double
    /// Mean amount of the calibration repeat occasions (0 when there are none).
    public var monetaryValue: Double
    /// Total amount spent in the calibration period, first occasion included.
    public var totalSpend: Double
    /// The first purchase day.
    public var firstPurchase: CalendarDay
    /// The last calibration purchase day.
    public var lastPurchase: CalendarDay
    /// Purchase occasions in the hold-out period.
    public var holdoutFrequency: Int
    /// Mean amount of the hold-out occasions (0 when there are none).
    public var holdoutMonetaryValue: Double

    /// The first-purchase cohort, `YYYY-MM`.
    public var cohort: String { firstPurchase.month }
}

/// The customer table built from a purchase log at a calibration end.
public struct CustomerSummary: Sendable, Codable, Equatable {
    /// The customers, in order of first appearance in the log.
    public var customers: [CustomerRecord]
    /// The last day of the calibration period.
    public var calibrationEnd: CalendarDay
    /// The last day of the hold-out period (equal to `calibrationEnd` without a hold-out).
    public var holdoutEnd: CalendarDay
    /// The time unit of recency and age.
    public var unit: TimeUnit
    /// Customers left out because every purchase was after the calibration end.
    public var excludedNewCustomers: Int

    /// The hold-out length in the table's unit.
    public var holdoutDuration: Double { Double(holdoutEnd.dayNumber - calibrationEnd.dayNumber) / unit.days }
    /// Customers with at least one calibration repeat purchase.
    public var repeatCustomerCount: Int { customers.reduce(0) { $0 + ($1.frequency > 0 ? 1 : 0) } }
    /// Calibration repeat purchase occasions, summed over customers.
    public var repeatOccasionCount: Int { customers.reduce(0) { $0 + $1.frequency } }
    /// Hold-out purchase occasions, summed over customers.
    public var holdoutOccasionCount: Int { customers.reduce(0) { $0 + $1.holdoutFrequency } }

    /// The calibration frequencies as Doubles (model input).
    public var frequencies: [Double] { customers.map { Double($0.frequency) } }
    /// The calibration recencies (model input).
    public var recencies: [Double] { customers.map(\.recency) }
    /// The ages T (model input).
    public var ages: [Double] { customers.map(\.age) }
    /// The calibration monetary values (model input).
    public var monetaryValues: [Double] { customers.map(\.monetaryValue) }

    /// Builds the customer table.
    /// - Parameters:
    ///   - log: The purchase log.
    ///   - calibrationEnd: The last day of the calibration period.
    ///   - holdoutEnd: The last day of the hold-out period; nil for the last day of the log (or
    ///     the calibration end when the log ends before it).
    ///   - unit: The time unit.
    ///   - excludeNewCustomers: Whether customers whose first purchase is after the calibration
    ///     end are dropped (counted in `excludedNewCustomers`) instead of being an error.
    /// - Throws: `CustomerValueError.customerAfterCutoff` naming the line of such a customer's
    ///   first purchase, `.noCustomersBeforeCutoff`, `.invalidPeriod` when the hold-out end is
    ///   before the calibration end.
    /// - Complexity: O(n log n) for n transactions.
    public init(
        log: TransactionLog, calibrationEnd: CalendarDay, holdoutEnd: CalendarDay? = nil, unit: TimeUnit = .weeks,
        excludeNewCustomers: Bool = false
    ) throws(CustomerValueError) {
        let lastDay = log.transactions.map(\.day).max() ?? calibrationEnd
        let end = holdoutEnd ?? max(lastDay, calibrationEnd)
        guard end >= calibrationEnd else {
            throw .invalidPeriod("the hold-out end \(end) is before the calibration end \(calibrationEnd)")
        }
        var order: [String] = []
        var byCustomer: [String: [Transaction]] = [:]
        for transaction in log.transactions {
            if byCustomer[transaction.customer] == nil { order.append(transaction.customer) }
            byCustomer[transaction.customer, default: []].append(transaction)
        }
        var records: [CustomerRecord] = []
        records.reserveCapacity(order.count)
        var excluded = 0
        for id in order {
            let purchases = byCustomer[id] ?? []
            // Merge same-day purchases into occasions.
            var occasions: [(day: CalendarDay, amount: Double)] = []
            for t in purchases.sorted(by: { $0.day < $1.day }) {
                if let last = occasions.last, last.day == t.day {
                    occasions[occasions.count - 1].amount += t.amount
                } else {
                    occasions.append((t.day, t.amount))
                }
            }
            let calibration = occasions.filter { $0.day <= calibrationEnd }
            guard let first = calibration.first, let last = calibration.last else {
                if excludeNewCustomers { excluded += 1; continue }
                let firstLine = purchases.min(by: { ($0.day, $0.line) < ($1.day, $1.line) })
                throw .customerAfterCutoff(
                    file: log.file, line: firstLine?.line ?? 0, column: log.columnNames.date, customer: id,
                    firstPurchase: firstLine?.day.description ?? "", cutoff: calibrationEnd.description)
            }
            let repeats = calibration.dropFirst()
            let holdout = occasions.filter { $0.day > calibrationEnd && $0.day <= end }
            let unitDays = unit.days
            records.append(CustomerRecord(
                id: id, frequency: repeats.count,
                recency: Double(last.day.dayNumber - first.day.dayNumber) / unitDays,
                age: Double(calibrationEnd.dayNumber - first.day.dayNumber) / unitDays,
                monetaryValue: repeats.isEmpty ? 0 : repeats.reduce(0) { $0 + $1.amount } / Double(repeats.count),
                totalSpend: calibration.reduce(0) { $0 + $1.amount },
                firstPurchase: first.day, lastPurchase: last.day,
                holdoutFrequency: holdout.count,
                holdoutMonetaryValue: holdout.isEmpty ? 0 : holdout.reduce(0) { $0 + $1.amount } / Double(holdout.count)))
        }
        guard !records.isEmpty else { throw .noCustomersBeforeCutoff(cutoff: calibrationEnd.description) }
        self.customers = records
        self.calibrationEnd = calibrationEnd
        self.holdoutEnd = end
        self.unit = unit
        self.excludedNewCustomers = excluded
    }
}
