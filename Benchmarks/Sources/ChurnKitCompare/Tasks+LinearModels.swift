import ChurnKit
import Foundation

/// Reads the raw float64 X (row-major) and uint8 y written by `tasks_logistic.py` (not timed).
private func loadLogisticData(_ arguments: [String]) throws -> (Matrix, [Bool]) {
    guard arguments.count >= 4, let n = Int(arguments[2]), let d = Int(arguments[3]) else {
        throw CompareUsageError(description: "expected X_PATH Y_PATH N D ...")
    }
    let xData = try Data(contentsOf: URL(fileURLWithPath: arguments[0]), options: .alwaysMapped)
    let yData = try Data(contentsOf: URL(fileURLWithPath: arguments[1]), options: .alwaysMapped)
    guard xData.count == n * d * 8, yData.count == n else {
        throw CompareUsageError(description: "data files do not hold \(n) x \(d) values")
    }
    let values = [Double](unsafeUninitializedCapacity: n * d) { buffer, count in
        _ = xData.copyBytes(to: buffer)
        count = n * d
    }
    return (try Matrix(rows: n, columns: d, values: values), yData.map { $0 != 0 })
}

/// Seconds to read all of `x` once on two threads (a SIMD sum of each half): the memory-bandwidth
/// floor of any scoring pass over X on this machine.
private func bandwidthFloorSeconds(_ x: Matrix) -> (seconds: Double, sum: Double) {
    let (sum, seconds) = x.withUnsafeBufferPointer { values in
        timed { () -> Double in
            let count = values.count / 16 * 16
            nonisolated(unsafe) let base = values.baseAddress
            let halves = UnsafeMutablePointer<Double>.allocate(capacity: 2)
            defer { halves.deallocate() }
            nonisolated(unsafe) let out = halves
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                var acc = SIMD8<Double>()
                guard let base else { return }
                for k in stride(from: half * count / 2, to: (half + 1) * count / 2, by: 8) {
                    acc += UnsafeRawPointer(base + k).loadUnaligned(as: SIMD8<Double>.self)
                }
                out[half] = acc.sum()
            }
            return halves[0] + halves[1]
        }
    }
    return (seconds, sum)
}

/// Comparison tasks of the LinearModels module, by name.
let linearModelsTasks: [String: CompareTask] = [
    // logistic.fit X_PATH Y_PATH N D L2 SOLVER [TOLERANCE]: fit time, final penalized objective.
    "logistic.fit": { arguments in
        let (x, y) = try loadLogisticData(arguments)
        guard arguments.count >= 6, let l2 = Double(arguments[4]),
            let solver = LogisticRegression.Solver(rawValue: arguments[5])
        else { throw CompareUsageError(description: "expected X_PATH Y_PATH N D L2 SOLVER [TOLERANCE]") }
        let tolerance = arguments.count > 6 ? Double(arguments[6]) ?? 1e-6 : 1e-6
        let trainer = LogisticRegression(l2: l2, tolerance: tolerance, solver: solver)
        let (model, seconds) = try timed { try trainer.fit(x, y) }
        return CompareResult(
            seconds: seconds,
            extra: [
                "objective": (model.objective * 1e6).rounded() / 1e6, "iterations": model.iterationCount,
                "solver": model.solver.rawValue, "converged": model.converged,
                "gradientNorm": model.gradientNorm,
            ])
    },
    // logistic.predict X_PATH Y_PATH N D: scoring time of all rows (model fitted on the first
    // min(N, 100,000) rows, as the Python side).
    "logistic.predict": { arguments in
        let (x, y) = try loadLogisticData(arguments)
        let fitted = min(x.rows, 100_000)
        let head = try Matrix(rows: fitted, columns: x.columns, values: Array(x.storage.prefix(fitted * x.columns)))
        let model = try LogisticRegression(l2: 1).fit(head, Array(y.prefix(fitted)))
        let (p, seconds) = try timed { try model.predictProbabilities(x) }
        let mean = p.reduce(0, +) / Double(p.count)
        let floor = bandwidthFloorSeconds(x)
        return CompareResult(
            seconds: seconds,
            extra: [
                "rowsPerSecond": (Double(x.rows) / seconds).rounded(), "meanProbability": (mean * 1e6).rounded() / 1e6,
                // Reading X once (two threads), timed right after scoring: the floor of any scoring pass.
                "readXSeconds": (floor.seconds * 1e5).rounded() / 1e5, "readXChecksum": floor.sum.isFinite,
            ])
    },
]
