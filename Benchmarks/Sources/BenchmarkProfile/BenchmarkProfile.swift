// The size profile of the benchmark suites, chosen by the environment variable
// CHURNKIT_BENCHMARK_PROFILE: `full` (the default: the sizes the README's figures are measured at,
// for a dedicated machine) or `ci` (small inputs, a few iterations, gated on allocation and
// instruction counts by `scripts/benchmarks-ci.sh`).
import Benchmark
import Foundation

/// Which inputs and iteration counts the suites use in this process.
public enum BenchmarkProfile: String, Sendable, CaseIterable {
    /// Full-size inputs (millions of rows), for dedicated machines.
    case full
    /// Small inputs and a few iterations, seconds for every suite: what `.ci/run` checks.
    case ci

    /// The environment variable that selects the profile.
    public static let environmentVariable = "CHURNKIT_BENCHMARK_PROFILE"

    /// The profile named by `CHURNKIT_BENCHMARK_PROFILE` (`full` when unset). An unknown name stops
    /// the benchmark process with exit code 64, naming the variable and the accepted values.
    public static let current: BenchmarkProfile = {
        let name = ProcessInfo.processInfo.environment[environmentVariable] ?? BenchmarkProfile.full.rawValue
        guard let profile = BenchmarkProfile(rawValue: name) else {
            let accepted = allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("\(environmentVariable)=\(name): unknown profile (accepted: \(accepted))\n".utf8))
            exit(64)
        }
        return profile
    }()

    /// `ci` in the CI profile, `full` otherwise: the size of an input.
    public static func size(ci: Int, full: Int) -> Int {
        current == .ci ? ci : full
    }

    /// The metrics that the CI thresholds gate on: counts that do not depend on the machine's load.
    /// Instructions are counted with perf events on Linux; where those are unavailable the count is 0.
    public static var gatedMetrics: [BenchmarkMetric] { [.mallocCountTotal, .instructions] }

    /// `configuration` as this profile runs it. In the CI profile: wall clock (reported, never gated)
    /// plus the gated counts, one warm-up, at most 5 iterations or 1 second, and no tolerance of
    /// its own: the committed thresholds are ceilings that already include the headroom
    /// (`scripts/benchmarks-ci.sh update`), checked strictly. In the full profile: `configuration` unchanged.
    public static func configuration(_ configuration: Benchmark.Configuration) -> Benchmark.Configuration {
        guard current == .ci else { return configuration }
        var ci = configuration
        ci.metrics = [.wallClock] + gatedMetrics + configuration.metrics.filter { $0.isCustom }
        ci.warmupIterations = 1
        ci.maxIterations = 5
        ci.maxDuration = .seconds(1)
        ci.thresholds = nil
        return ci
    }
}

private extension BenchmarkMetric {
    /// Whether this is a suite's own metric (for example MFLOP/s), kept in the CI profile as a report.
    var isCustom: Bool {
        if case .custom = self { return true }
        return false
    }
}
