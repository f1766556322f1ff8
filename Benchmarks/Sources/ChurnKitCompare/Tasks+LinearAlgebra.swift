import ChurnKit

/// Comparison tasks of the LinearAlgebra module, by name.
///
/// `gemm N [into]`: C = A B for two seeded N x N matrices (BLAS dgemm). Without `into` it times
/// `Matrix.multiply(a, b)`, which allocates C as numpy's `a @ b` does; with `into` it times
/// `Matrix.multiply(a, b, beta: 0, into: &c)` into the C of the warm-up product, as the C program
/// does. Reports GFLOP/s (2 N³ floating-point operations) and the sum of C as a check figure.
///
/// `gram N D`: XᵀX of a seeded N x D matrix through `Matrix.gram()` (BLAS dsyrk, mirrored); reports
/// GFLOP/s (N D (D + 1) operations) and the trace as a check figure.
let linearAlgebraTasks: [String: CompareTask] = [
    "gemm": { arguments in
        guard (1...2).contains(arguments.count), let n = Int(arguments[0]), n > 0,
            arguments.count == 1 || arguments[1] == "into"
        else {
            throw CompareUsageError(description: "usage: gemm N [into] (N a positive matrix order)")
        }
        var generator = SeededRandom(seed: 42)
        let a = try Matrix(rows: n, columns: n, values: (0..<(n * n)).map { _ in generator.nextUnitDouble() })
        let b = try Matrix(rows: n, columns: n, values: (0..<(n * n)).map { _ in generator.nextUnitDouble() })
        // Warm-up: OpenBLAS starts its threads and sizes its buffers.
        var c = try Matrix.multiply(a, b)
        let seconds: Double
        if arguments.count == 2 {
            (_, seconds) = try timed { try Matrix.multiply(a, b, beta: 0, into: &c) }
        } else {
            (c, seconds) = try timed { try Matrix.multiply(a, b) }
        }
        let flops = 2 * Double(n) * Double(n) * Double(n)
        return CompareResult(
            seconds: seconds,
            extra: ["gflops": (flops / seconds / 1e9 * 10).rounded() / 10, "n": n,
                    "checksum": c.storage.reduce(0, +), "blas": BLAS.configuration])
    },
    "gram": { arguments in
        guard arguments.count == 2, let n = Int(arguments[0]), let d = Int(arguments[1]), n > 0, d > 0 else {
            throw CompareUsageError(description: "usage: gram N D (positive rows and columns)")
        }
        var generator = SeededRandom(seed: 42)
        let x = try Matrix(rows: n, columns: d, values: (0..<(n * d)).map { _ in generator.nextUnitDouble() })
        _ = try x.gram()  // warm-up
        let (gram, seconds) = try timed { try x.gram() }
        let flops = Double(n) * Double(d) * Double(d + 1)
        return CompareResult(
            seconds: seconds,
            extra: ["gflops": (flops / seconds / 1e9 * 10).rounded() / 10,
                    "trace": (0..<d).reduce(0) { $0 + gram[$1, $1] }])
    },
]
