// CustomerValue benchmarks: the customer table of a simulated purchase log, the BG/NBD,
// Pareto/NBD and Gamma-Gamma fits, and every customer's 12-month lifetime value.
//
// Data: `SyntheticPurchaseLog` (CDNOW's published BG/NBD and Gamma-Gamma parameters on CDNOW's
// calendar, seed 2026), summarised at CDNOW's calibration end 1997-09-30 in weeks, as the
// comparison with `lifetimes` (compare/tasks_lifetime.py) does. Generating the log is not timed.
// Sizes follow CHURNKIT_BENCHMARK_PROFILE (full: 1,000,000 customers; ci: 20,000). The Pareto/NBD
// fit runs on the first 2,000 customers in the CI profile: on this log (simulated from BG/NBD) its
// dropout parameters climb the ridge s, β → ∞, a few dozen Newton iterations (with ₂F₁ series and
// numeric derivatives that fit took over five minutes; the likelihood is now a quadrature with
// analytic derivatives).
import Benchmark
import BenchmarkProfile
import ChurnKit

/// Customers of the simulated log.
private let customers = BenchmarkProfile.size(ci: 20_000, full: 1_000_000)

/// The simulated log and its customer table, made once per process (nil if the simulation fails,
/// and the benchmarks that need it then do nothing).
private let data: (log: TransactionLog, summary: CustomerSummary)? = {
    guard let simulation = try? SyntheticPurchaseLog(customerCount: customers, seed: 2026),
          let end = CalendarDay(year: 1997, month: 9, day: 30) else { return nil }
    let log = simulation.makeLog()
    guard let summary = try? CustomerSummary(log: log, calibrationEnd: end, unit: .weeks) else { return nil }
    return (log, summary)
}()

/// Customers of the Pareto/NBD fit (the first of the simulated log's table).
private let paretoCustomers = BenchmarkProfile.size(ci: 2_000, full: 1_000_000)

/// The first `paretoCustomers` histories (x, tₓ, T), taken once per process.
private let paretoHistories: (frequency: [Double], recency: [Double], age: [Double])? = data.map { data in
    let summary = data.summary
    let n = min(paretoCustomers, summary.customers.count)
    return (Array(summary.frequencies.prefix(n)), Array(summary.recencies.prefix(n)), Array(summary.ages.prefix(n)))
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = BenchmarkProfile.configuration(.init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], warmupIterations: 1, maxDuration: .seconds(60), maxIterations: 3))

    Benchmark("CustomerSummary.weeks.n\(customers)") { _ in
        guard let data, let end = CalendarDay(year: 1997, month: 9, day: 30) else { return }
        blackHole(try CustomerSummary(log: data.log, calibrationEnd: end, unit: .weeks))
    }
    Benchmark("BetaGeometricNBD.fit.n\(customers)") { _ in
        guard let summary = data?.summary else { return }
        blackHole(try BetaGeometricNBD().fit(frequency: summary.frequencies, recency: summary.recencies, age: summary.ages))
    }
    Benchmark("ParetoNBD.fit.n\(paretoCustomers)") { _ in
        guard let histories = paretoHistories else { return }
        blackHole(try ParetoNBD().fit(frequency: histories.frequency, recency: histories.recency, age: histories.age))
    }
    Benchmark("GammaGamma.fit.n\(customers)") { _ in
        guard let summary = data?.summary else { return }
        blackHole(try GammaGamma().fit(frequency: summary.frequencies, monetaryValue: summary.customers.map(\.monetaryValue)))
    }
    // The fits and values as compare/tasks_lifetime.py times them against lifetimes.
    Benchmark("LifetimeValue.fitsAndValues.n\(customers)") { _ in
        guard let summary = data?.summary else { return }
        let (frequency, recency, age) = (summary.frequencies, summary.recencies, summary.ages)
        let monetary = summary.customers.map(\.monetaryValue)
        let purchases = try BetaGeometricNBD().fit(frequency: frequency, recency: recency, age: age)
        let spend = try GammaGamma().fit(frequency: frequency, monetaryValue: monetary)
        blackHole(try LifetimeValue.values(
            transactions: purchases, spend: spend, frequency: frequency, recency: recency, age: age, monetaryValue: monetary,
            unit: .weeks, options: LifetimeValueOptions()))
    }
}
