// Survival benchmarks: Cox proportional hazards (Efron ties, with its concordance and
// proportional-hazards test), Kaplan-Meier, the log-rank test and Harrell's concordance.
//
// Data: as compare/tasks_survival.py (the comparison with lifelines), seeded: n rows × 10
// standard normal covariates, exponential event times with rate 0.1 · exp(xᵀβ) and β spread over
// −0.5…0.5, independent exponential censoring at rate 0.04 (about 30% censored), durations rounded
// to 0.1 (at least 0.1) so Efron's tie correction is exercised; two groups (x₀ > 0) for the
// log-rank test. Making the data is not timed. Sizes follow CHURNKIT_BENCHMARK_PROFILE (full:
// 1,000,000 rows; ci: 20,000).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Benchmark
import BenchmarkProfile
import ChurnKit

/// Rows of the survival data.
private let rows = BenchmarkProfile.size(ci: 20_000, full: 1_000_000)
/// Covariates of the Cox fit.
private let columns = 10

/// The covariates, durations and events (see the file header).
private let data: (covariates: Matrix, durations: [Double], events: [Bool])? = {
    var random = SeededRandom(seed: 14)
    let x = (0..<rows * columns).map { _ in random.nextGaussian() }
    let beta = (0..<columns).map { -0.5 + Double($0) / Double(columns - 1) }
    var durations = [Double](repeating: 0, count: rows), events = [Bool](repeating: false, count: rows)
    for i in 0..<rows {
        let eta = (0..<columns).reduce(0.0) { $0 + x[i * columns + $1] * beta[$1] }
        let eventTime = -log(1 - random.nextUnitDouble()) / (0.1 * exp(eta))
        let censorTime = -log(1 - random.nextUnitDouble()) / 0.04
        durations[i] = max((min(eventTime, censorTime) * 10).rounded() / 10, 0.1)
        events[i] = eventTime <= censorTime
    }
    guard let covariates = try? Matrix(rows: rows, columns: columns, values: x) else { return nil }
    return (covariates, durations, events)
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = BenchmarkProfile.configuration(.init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], warmupIterations: 1, maxDuration: .seconds(30), maxIterations: 3))

    Benchmark("Cox.fit.n\(rows).d\(columns)") { _ in
        guard let data else { return }
        blackHole(try CoxProportionalHazards().fit(
            covariates: data.covariates, durations: data.durations, events: data.events, names: (0..<columns).map { "x\($0)" }))
    }
    Benchmark("KaplanMeier.fit.n\(rows)") { _ in
        guard let data else { return }
        blackHole(try KaplanMeier().fit(durations: data.durations, events: data.events))
    }
    Benchmark("LogRankTest.groups2.n\(rows)") { benchmark in
        guard let data else { return }
        let groups = (0..<rows).map { data.covariates[$0, 0] > 0 ? "high" : "low" }
        let survival = SurvivalData(durations: data.durations, events: data.events, groups: groups)
        benchmark.startMeasurement()
        blackHole(try LogRankTest(survival))
    }
    Benchmark("ConcordanceIndex.harrell.n\(rows)") { benchmark in
        guard let data else { return }
        let scores = (0..<rows).map { -data.covariates[$0, 0] }
        benchmark.startMeasurement()
        blackHole(ConcordanceIndex.harrell(durations: data.durations, scores: scores, events: data.events))
    }
}
