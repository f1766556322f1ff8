// A documented generator of telecom-like customer tables with a churn label drawn from a known
// logistic model, so that examples and tests have realistic data whose truth is known.
//
// Every coefficient of the true model is listed in `SyntheticTelecomCustomers.trueLogOdds` and in
// datasets/README.md; the same seed gives the same table on every machine (xoshiro256**).

import LinearAlgebra

/// Generator of a synthetic telecom customer base with a known churn model.
///
/// Columns: `customer_id` (unique text), `age`, `tenure_months`, `contract`, `internet_service`,
/// `payment_method`, `paperless_billing` (Yes/No), `senior` (1/0), `partner` (Yes/No),
/// `monthly_charges`, `total_charges` (blank when tenure is 0), `support_calls`,
/// `data_usage_gb` (about 3% missing, written as NA), `region` (about 1% missing), and `churned`
/// (Yes/No).
public struct SyntheticTelecomCustomers: Sendable {
    /// Number of customers to generate.
    public var rowCount: Int
    /// Seed of the generator.
    public var seed: UInt64

    /// Creates a generator of `rowCount` customers from `seed`.
    public init(rowCount: Int, seed: UInt64) {
        self.rowCount = rowCount
        self.seed = seed
    }

    /// The true churn model, on the log-odds scale: intercept plus the named effects. A customer's
    /// churn probability is the logistic function of the sum of the terms that apply.
    public static let trueLogOdds: [(term: String, coefficient: Double)] = [
        ("intercept", -1.6),
        ("contract = Month-to-month", 1.2),
        ("contract = Two year", -1.1),
        ("internet_service = Fiber optic", 0.7),
        ("internet_service = No", -0.6),
        ("payment_method = Electronic check", 0.45),
        ("paperless_billing = Yes", 0.25),
        ("senior = 1", 0.3),
        ("partner = Yes", -0.25),
        ("per month of tenure_months", -0.035),
        ("per support call", 0.28),
        ("per 10 currency units of monthly_charges above 65", 0.08),
    ]

    /// Memory one generated customer takes (15 columns, texts included, and its CSV line), for the
    /// size check of `makeTable()`.
    public static let bytesPerRow = 400

    /// Generates the table.
    /// - Throws: `TabularError.invalidArgument` when `rowCount` is negative or the table would not fit
    ///   in memory.
    /// - Complexity: O(rowCount).
    public func makeTable() throws(TabularError) -> Table {
        guard rowCount >= 0 else { throw .invalidArgument("rowCount must be at least 0, not \(rowCount)") }
        do {
            try InputLimits.elements([rowCount], bytesEach: Self.bytesPerRow, name: "rowCount", what: "\(rowCount) customers")
        } catch { throw .invalidArgument(error.description) }
        var rng = SeededRandom(seed: seed)
        let contracts = ["Month-to-month", "One year", "Two year"]
        let internet = ["DSL", "Fiber optic", "No"]
        let payments = ["Electronic check", "Mailed check", "Bank transfer", "Credit card"]
        let regions = ["North", "South", "East", "West"]

        var ids: [String?] = [], contract: [String?] = [], service: [String?] = []
        var payment: [String?] = [], region: [String?] = []
        var age: [Double] = [], tenure: [Double] = [], monthly: [Double] = [], total: [Double] = []
        var calls: [Double] = [], usage: [Double] = []
        var paperless: [Bool?] = [], senior: [Bool?] = [], partner: [Bool?] = [], churned: [Bool?] = []

        for i in 0..<rowCount {
            ids.append("C\(String(100_000 + i))")
            let u = rng.nextUnitDouble()
            let a = (18 + 62 * u * u).rounded()
            let isSenior = a >= 65
            let c = rng.nextIndex(weights: [0.55, 0.21, 0.24])
            let maxTenure: Double = c == 0 ? 40 : 72
            let t = (maxTenure * rng.nextUnitDouble()).rounded(.down)
            let s = rng.nextIndex(weights: [0.34, 0.44, 0.22])
            let p = rng.nextIndex(weights: [0.34, 0.23, 0.22, 0.21])
            let base: Double = [50, 80, 22][s]
            let m = ((base + 10 * rng.nextGaussian()) * 100).rounded() / 100
            let mc = max(18.25, m)
            let supportCalls = Double(rng.nextPoisson(mean: s == 1 ? 2.0 : 1.2))
            let isPaperless = rng.nextUnitDouble() < (s == 1 ? 0.7 : 0.5)
            let hasPartner = rng.nextUnitDouble() < 0.48
            var logit = -1.6
            if c == 0 { logit += 1.2 }
            if c == 2 { logit -= 1.1 }
            if s == 1 { logit += 0.7 }
            if s == 2 { logit -= 0.6 }
            if p == 0 { logit += 0.45 }
            if isPaperless { logit += 0.25 }
            if isSenior { logit += 0.3 }
            if hasPartner { logit -= 0.25 }
            logit += -0.035 * t + 0.28 * supportCalls + 0.08 * (mc - 65) / 10
            let churn = rng.nextUnitDouble() < 1 / (1 + _exp(-logit))

            age.append(a)
            contract.append(contracts[c])
            tenure.append(t)
            service.append(internet[s])
            payment.append(payments[p])
            monthly.append(mc)
            total.append(t == 0 ? .nan : ((mc * t * (0.95 + 0.1 * rng.nextUnitDouble())) * 100).rounded() / 100)
            calls.append(supportCalls)
            let gb = s == 2 ? 0 : max(0, (s == 1 ? 180 : 90) + 40 * rng.nextGaussian()).rounded()
            usage.append(rng.nextUnitDouble() < 0.03 ? .nan : gb)
            region.append(rng.nextUnitDouble() < 0.01 ? nil : regions[rng.nextIndex(below: 4)])
            paperless.append(isPaperless)
            senior.append(isSenior)
            partner.append(hasPartner)
            churned.append(churn)
        }
        return try Table(columns: [
            Column(name: "customer_id", labels: ids),
            Column(name: "age", numeric: age),
            Column(name: "tenure_months", numeric: tenure),
            Column(name: "contract", labels: contract),
            Column(name: "internet_service", labels: service),
            Column(name: "payment_method", labels: payment),
            Column(name: "paperless_billing", values: .boolean(paperless, trueLabel: "Yes", falseLabel: "No")),
            Column(name: "senior", values: .boolean(senior, trueLabel: "1", falseLabel: "0")),
            Column(name: "partner", values: .boolean(partner, trueLabel: "Yes", falseLabel: "No")),
            Column(name: "monthly_charges", numeric: monthly),
            Column(name: "total_charges", numeric: total),
            Column(name: "support_calls", numeric: calls),
            Column(name: "data_usage_gb", numeric: usage),
            Column(name: "region", labels: region),
            Column(name: "churned", values: .boolean(churned, trueLabel: "Yes", falseLabel: "No")),
        ])
    }
}
