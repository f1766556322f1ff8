// Experiments benchmarks: the full AXA rehearsal at 2,000,000 policyholders and its stages.
//
// Rehearsal = generate the portfolio (attributes, true probabilities, scores), randomize the
// high/low design with two arms, write the assignment CSV bytes and hash them (SHA-256), simulate
// the outcomes and analyse every tier × arm with economics. Target: under a minute and 2 GB on 2 cores.
// Sizes follow CHURNKIT_BENCHMARK_PROFILE (full: 2,000,000 policyholders, 1,000,000 uplift rows;
// ci: 20,000 and 10,000).
import Benchmark
import BenchmarkProfile
import ChurnKit

/// Policyholders of the portfolio: the AXA preset's 2,000,000, or fewer in the CI profile.
private let policyholders = BenchmarkProfile.size(ci: 20_000, full: InsuranceScenario.axa.customerCount)
/// Rows of the uplift evaluation.
private let upliftRows = BenchmarkProfile.size(ci: 10_000, full: 1_000_000)

/// The AXA preset at `policyholders` policyholders.
private let scenario: InsuranceScenario = {
    var axa = InsuranceScenario.axa
    axa.customerCount = policyholders
    return axa
}()

private func design() throws -> ExperimentDesign {
    try ExperimentDesign.highLow(arms: ["call", "discount"])
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = BenchmarkProfile.configuration(.init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 3))

    Benchmark("Experiments.rehearsal.axa.n\(policyholders)") { _ in
        let portfolio = try InsurancePortfolio(scenario: scenario, seed: 1)
        let assignment = try Assignment.randomize(design: try design(), ids: portfolio.ids, scores: portfolio.riskScore, seed: 2)
        // SHA256 is package-internal to Tabular now: the manifest gets a placeholder digest (the CLI hashes).
        blackHole(AssignmentFile.csvBytes(assignment))
        let manifest = AssignmentManifest(assignment: assignment, seed: 2, input: .init(name: "axa", sha256: String(repeating: "0", count: 64)))
        let outcomes = try portfolio.outcomes(for: assignment, seed: 3)
        let report = try ExperimentAnalysis.analyze(
            assignment: assignment, outcomes: outcomes, customerValue: .fromOutcomes, costPerCustomer: ["call": 15, "discount": 40])
        blackHole((manifest, report))
    }

    Benchmark("Experiments.portfolio.axa.n\(policyholders)") { _ in
        blackHole(try InsurancePortfolio(scenario: scenario, seed: 1))
    }

    let portfolio = try? InsurancePortfolio(scenario: scenario, seed: 1)
    Benchmark("Experiments.assign.n\(policyholders)") { _ in
        guard let portfolio else { return }
        blackHole(try Assignment.randomize(design: try design(), ids: portfolio.ids, scores: portfolio.riskScore, seed: 2))
    }
    Benchmark("Experiments.analyze.n\(policyholders)") { benchmark in
        guard let portfolio else { return }
        let assignment = try Assignment.randomize(design: try design(), ids: portfolio.ids, scores: portfolio.riskScore, seed: 2)
        let outcomes = try portfolio.outcomes(for: assignment, seed: 3)
        benchmark.startMeasurement()
        blackHole(try ExperimentAnalysis.analyze(assignment: assignment, outcomes: outcomes, customerValue: .fromOutcomes))
    }
    Benchmark("Experiments.upliftEvaluation.n\(upliftRows)") { benchmark in
        var random = SeededRandom(seed: 5)
        let n = upliftRows
        let treatment = (0..<n).map { _ in random.nextUnitDouble() < 0.5 }
        let scores = (0..<n).map { _ in random.nextGaussian() }
        let outcome = (0..<n).map { i in random.nextUnitDouble() < 0.1 + (treatment[i] ? 0.02 * scores[i] : 0) }
        let evaluation = try UpliftEvaluation(outcome: outcome, treatment: treatment, scores: scores)
        benchmark.startMeasurement()
        blackHole((evaluation.qiniCoefficient, evaluation.upliftAUC, try evaluation.upliftAtK(fraction: 0.3, strategy: .overall)))
    }
}
