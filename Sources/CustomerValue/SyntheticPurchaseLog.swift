import Foundation
import Tabular

/// A purchase log simulated from known BG/NBD and Gamma-Gamma parameters, so that fits can be
/// checked against the truth (parameter recovery) and examples have a log with the shape of the
/// CDNOW sample without bundling it.
///
/// Each customer, independently (Fader, Hardie and Lee 2005; Fader, Hardie and Lee 2005b):
/// - makes a first purchase at a uniform time in the first `acquisitionDays` days;
/// - has a purchase rate λ ~ Gamma(r, rate α) per `unitDays` days and, while alive, purchases as a
///   Poisson process of rate λ (exponential gaps);
/// - after each repeat purchase drops out for good with probability p ~ Beta(a, b);
/// - has a mean-spend parameter ν ~ Gamma(q, rate γ) and spends z ~ Gamma(p_spend, rate ν) on
///   each purchase (rounded to cents, at least 0.01).
/// Purchases after `observationDays` are not in the log. Times are continuous and recorded as the
/// calendar day they fall on, so two purchases on one day (merged into one occasion by
/// `CustomerSummary`) are rare at CDNOW's rates. Every customer draws from their own stream
/// (`SeededRandom.split()` of the seed), so a customer's history does not depend on how many
/// others are simulated.
public struct SyntheticPurchaseLog: Sendable {
    /// CDNOW's published BG/NBD fit (per week): r 0.243, α 4.414, a 0.793, b 2.426.
    public static let cdnowPurchases = BetaGeometricNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
    /// The first day of the CDNOW sample, 1997-01-01.
    public static let cdnowStart = CalendarDay(dayNumber: 9_862)
    /// CDNOW's published Gamma-Gamma fit (Fader, Hardie and Lee 2005b): p 6.25, q 3.74, γ 15.44.
    public static let cdnowSpend = GammaGammaModel(p: 6.25, q: 3.74, gamma: 15.44)

    /// Customers simulated.
    public let customerCount: Int
    /// The true repeat-purchase parameters (rates per `unitDays`).
    public let purchases: BetaGeometricNBDModel
    /// The true spend parameters.
    public let spend: GammaGammaModel
    /// The first day of the log.
    public let start: CalendarDay
    /// First purchases fall uniformly in the first this many days.
    public let acquisitionDays: Int
    /// The log covers this many days from `start`.
    public let observationDays: Int
    /// Days per time unit of the rates (7: weekly rates, as CDNOW's fit).
    public let unitDays: Int
    /// The seed of the simulation.
    public let seed: UInt64

    /// The largest expected number of purchases per customer over the observation period
    /// (r / α × periods) accepted, which bounds the log's size.
    public static let maxExpectedPurchasesPerCustomer = 1_000.0

    /// Creates a simulation. Defaults: CDNOW's parameters and calendar (12 weeks of acquisition
    /// from 1997-01-01, 78 weeks observed, weekly rates).
    /// - Throws: `CustomerValueError.invalidInput` for a customer count below 1, a parameter that
    ///   is not positive and finite, periods that are not 1 ≤ acquisition ≤ observation ≤ 36,500
    ///   days, or an expected purchase count per customer above `maxExpectedPurchasesPerCustomer`.
    public init(
        customerCount: Int, purchases: BetaGeometricNBDModel = cdnowPurchases, spend: GammaGammaModel = cdnowSpend,
        start: CalendarDay = cdnowStart, acquisitionDays: Int = 84, observationDays: Int = 546,
        unitDays: Int = 7, seed: UInt64 = 2026
    ) throws(CustomerValueError) {
        guard customerCount >= 1 else { throw .invalidInput("the simulation needs at least 1 customer, not \(customerCount)") }
        let parameters = [("r", purchases.r), ("alpha", purchases.alpha), ("a", purchases.a), ("b", purchases.b),
                          ("p", spend.p), ("q", spend.q), ("gamma", spend.gamma)]
        for (name, value) in parameters where !(value > 0 && value.isFinite) {
            throw .invalidInput("the simulation parameter \(name) must be positive and finite, not \(value)")
        }
        guard 1 <= acquisitionDays, acquisitionDays <= observationDays, observationDays <= 36_500, 1 <= unitDays, unitDays <= 366 else {
            throw .invalidInput(
                "the simulation periods must satisfy 1 <= acquisition (\(acquisitionDays)) <= observation (\(observationDays)) <= 36500 days "
                    + "and 1 <= unit (\(unitDays)) <= 366 days")
        }
        let expected = purchases.r / purchases.alpha * Double(observationDays) / Double(unitDays)
        guard expected <= Self.maxExpectedPurchasesPerCustomer else {
            throw .invalidInput(
                "r / alpha = \(purchases.r / purchases.alpha) purchases per unit over \(observationDays) days is \(expected) "
                    + "expected purchases per customer, above the limit \(Int(Self.maxExpectedPurchasesPerCustomer))")
        }
        self.customerCount = customerCount
        self.purchases = purchases
        self.spend = spend
        self.start = start
        self.acquisitionDays = acquisitionDays
        self.observationDays = observationDays
        self.unitDays = unitDays
        self.seed = seed
    }

    /// The id of the customer at `index`: `P` and the 1-based number, zero-padded to the width of
    /// the customer count.
    public func customerID(_ index: Int) -> String {
        let number = String(index + 1), width = String(customerCount).count
        return "P" + String(repeating: "0", count: max(0, width - number.count)) + number
    }

    /// The simulated purchases, customer by customer and in time order within a customer; lines
    /// are numbered as in `csv()` (the header is line 1).
    /// - Complexity: O(customers + purchases).
    public func transactions() -> [Transaction] {
        var root = SeededRandom(seed: seed)
        var result: [Transaction] = []
        let unit = Double(unitDays), horizon = Double(observationDays)
        for index in 0..<customerCount {
            var random = root.split()
            let id = customerID(index)
            let rate = random.nextGamma(shape: purchases.r) / purchases.alpha / unit
            let dropout = random.nextBeta(purchases.a, purchases.b)
            let spendRate = random.nextGamma(shape: spend.q) / spend.gamma
            var time = random.nextUnitDouble() * Double(acquisitionDays)
            var count = 0
            while time < horizon {
                let amount = max(0.01, (random.nextGamma(shape: spend.p) / spendRate * 100).rounded() / 100)
                result.append(Transaction(
                    customer: id, day: CalendarDay(dayNumber: start.dayNumber + Int(time.rounded(.down))), amount: amount,
                    line: result.count + 2))
                count += 1
                // The first purchase cannot end a customer's life; every repeat purchase may.
                if count > 1, random.nextUnitDouble() < dropout { break }
                var u = random.nextUnitDouble()
                while u == 0 { u = random.nextUnitDouble() }
                time += -log(u) / rate
            }
        }
        return result
    }

    /// The simulated log as a `TransactionLog` named `file`, with columns customer, date, amount.
    public func makeLog(file: String = "simulated purchases") -> TransactionLog {
        TransactionLog(file: file, transactions: transactions(), columnNames: (customer: "customer", date: "date", amount: "amount"))
    }

    /// `transactions` (by default this simulation's) as CSV text: a `customer,date,amount`
    /// header, ISO dates, amounts with two decimals.
    public func csv(_ transactions: [Transaction]? = nil) -> String {
        var text = "customer,date,amount\n"
        for t in transactions ?? self.transactions() {
            text += "\(t.customer),\(t.day),\(String(format: "%.2f", t.amount))\n"
        }
        return text
    }
}
