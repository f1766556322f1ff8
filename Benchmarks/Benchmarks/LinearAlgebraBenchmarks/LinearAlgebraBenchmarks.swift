// Benchmarks of the LinearAlgebra wrappers: gemm, gemv and syrk through the checked `Matrix` API.
// Besides wall-clock time and throughput (operations per second), each benchmark reports the
// achieved rate in MFLOP/s (2mnk for gemm, 2mn for gemv, n d (d + 1) for the syrk behind gram()),
// to be compared with OpenBLAS called from C (Benchmarks/compare/gemm_c.c).
// Sizes follow CHURNKIT_BENCHMARK_PROFILE (full: n 2000 / 4000 / 1,000,000; ci: 200 / 500 / 20,000).
import Benchmark
import BenchmarkProfile
import ChurnKit

/// A `rows x columns` matrix of seeded uniform values in [-1, 1).
private func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) throws -> Matrix {
    var generator = SeededRandom(seed: seed)
    let values = (0..<(rows * columns)).map { _ in 2 * generator.nextUnitDouble() - 1 }
    return try Matrix(rows: rows, columns: columns, values: values)
}

/// The achieved floating-point rate, in MFLOP/s (higher is better).
private let mflops = BenchmarkMetric.custom("MFLOP/s", polarity: .prefersLarger, useScalingFactor: false)

/// Runs `body` once per scaled iteration and records its MFLOP/s for `flops` operations.
private func measureRate(_ benchmark: Benchmark, flops: Double, _ body: () throws -> Void) rethrows {
    let clock = ContinuousClock()
    for _ in benchmark.scaledIterations {
        let elapsed = try clock.measure(body)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        benchmark.measurement(mflops, Int((flops / seconds / 1e6).rounded()))
    }
}

/// Order of the gemm matrices.
private let gemmOrder = BenchmarkProfile.size(ci: 200, full: 2000)
/// Order of the gemv matrix.
private let gemvOrder = BenchmarkProfile.size(ci: 500, full: 4000)
/// Rows of the syrk input.
private let syrkRows = BenchmarkProfile.size(ci: 20_000, full: 1_000_000)

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal, mflops]

    Benchmark(
        "Matrix.gemm.n\(gemmOrder)",
        configuration: BenchmarkProfile.configuration(
            .init(metrics: metrics, warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 10))
    ) { benchmark in
        let n = gemmOrder
        let a = try randomMatrix(n, n, seed: 1)
        let b = try randomMatrix(n, n, seed: 2)
        benchmark.startMeasurement()
        try measureRate(benchmark, flops: 2 * Double(n * n * n)) {
            blackHole(try Matrix.multiply(a, b))
        }
    }

    Benchmark(
        "Matrix.gemv.n\(gemvOrder)",
        configuration: BenchmarkProfile.configuration(
            .init(metrics: metrics, warmupIterations: 3, maxDuration: .seconds(5), maxIterations: 200))
    ) { benchmark in
        let n = gemvOrder
        let a = try randomMatrix(n, n, seed: 3)
        let x = try randomMatrix(1, n, seed: 4).storage
        var y = [Double](repeating: 0, count: n)
        benchmark.startMeasurement()
        try measureRate(benchmark, flops: 2 * Double(n * n)) {
            try a.multiply(x, beta: 0, into: &y)
            blackHole(y)
        }
    }

    Benchmark(
        "Matrix.syrk.n\(syrkRows).d32",
        configuration: BenchmarkProfile.configuration(
            .init(metrics: metrics, warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 20))
    ) { benchmark in
        let (n, d) = (syrkRows, 32)
        let x = try randomMatrix(n, d, seed: 5)
        benchmark.startMeasurement()
        try measureRate(benchmark, flops: Double(n * d * (d + 1))) {
            blackHole(try x.gram())
        }
    }
}
