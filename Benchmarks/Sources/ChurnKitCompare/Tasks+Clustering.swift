import ChurnKit

/// Comparison tasks of the Clustering module, by name (see compare/tasks_kmeans.py).
///
/// `kmeans.lloyd N D K MAXITER X.bin INIT.bin`: KMeans from the K x D initial centroids of
/// INIT.bin on the N x D rows of X.bin (raw little-endian float64, row-major), tolerance 0 and
/// MAXITER iterations at most; reports the seconds per iteration (whole fit / iterations), the
/// iteration count and the inertia.
let clusteringTasks: [String: CompareTask] = [
    "kmeans.lloyd": { arguments in
        guard arguments.count == 6, let n = Int(arguments[0]), let d = Int(arguments[1]), let k = Int(arguments[2]),
            let maxIterations = Int(arguments[3])
        else {
            throw CompareUsageError(description: "usage: kmeans.lloyd N D K MAXITER X.bin INIT.bin")
        }
        let x = try Matrix(rows: n, columns: d, values: try readRaw(arguments[4], as: Double.self, count: n * d))
        let initial = try Matrix(rows: k, columns: d, values: try readRaw(arguments[5], as: Double.self, count: k * d))
        let trainer = KMeans(k: k, initialization: .centroids(initial), maxIterations: maxIterations, tolerance: 0)
        let (model, seconds) = try timed { try trainer.fit(x) }
        return CompareResult(
            seconds: seconds / Double(model.iterationCount),
            extra: ["iterations": model.iterationCount, "fitSeconds": (seconds * 1e4).rounded() / 1e4,
                    "inertia": (model.inertia * 1e3).rounded() / 1e3])
    },
]
