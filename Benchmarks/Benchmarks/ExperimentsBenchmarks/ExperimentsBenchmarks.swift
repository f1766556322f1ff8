// Experiments benchmarks: the full AXA rehearsal at 2,000,000 policyholders and its stages.
//
// Rehearsal = generate the portfolio (attributes, true probabilities, scores), randomize the
// high/low design with two arms, write the assignment CSV bytes and hash them (SHA-256), simulate
// the outcomes and analyse every tier × arm with economics. Target: under a minute and 2 GB on 2 cores.
import Benchmark
import ChurnKit

private let scenario = InsuranceScenario.axa

private func design() throws -> ExperimentDesign {
    try ExperimentDesign.highLow(arms: ["call", "discount"])
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(10), maxIterations: 3)

    Benchmark("Experiments.rehearsal.axa.n2000000") { _ in
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

    Benchmark("Experiments.portfolio.axa.n2000000") { _ in
        blackHole(try InsurancePortfolio(scenario: scenario, seed: 1))
    }

    let portfolio = try? InsurancePortfolio(scenario: scenario, seed: 1)
    Benchmark("Experiments.assign.n2000000") { _ in
        guard let portfolio else { return }
        blackHole(try Assignment.randomize(design: try design(), ids: portfolio.ids, scores: portfolio.riskScore, seed: 2))
    }
    Benchmark("Experiments.analyze.n2000000") { benchmark in
        guard let portfolio else { return }
        let assignment = try Assignment.randomize(design: try design(), ids: portfolio.ids, scores: portfolio.riskScore, seed: 2)
        let outcomes = try portfolio.outcomes(for: assignment, seed: 3)
        benchmark.startMeasurement()
        blackHole(try ExperimentAnalysis.analyze(assignment: assignment, outcomes: outcomes, customerValue: .fromOutcomes))
    }
    Benchmark("Experiments.upliftEvaluation.n1000000") { benchmark in
        var random = SeededRandom(seed: 5)
        let n = 1_000_000
        let treatment = (0..<n).map { _ in random.nextUnitDouble() < 0.5 }
        let scores = (0..<n).map { _ in random.nextGaussian() }
        let outcome = (0..<n).map { i in random.nextUnitDouble() < 0.1 + (treatment[i] ? 0.02 * scores[i] : 0) }
        let evaluation = try UpliftEvaluation(outcome: outcome, treatment: treatment, scores: scores)
        benchmark.startMeasurement()
        blackHole((evaluation.qiniCoefficient, evaluation.upliftAUC, try evaluation.upliftAtK(fraction: 0.3, strategy: .overall)))
    }
}
