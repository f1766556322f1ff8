// swift-tools-version: 6.1
// ChurnKit benchmarks: a package of its own so that the main build stays fast.
// Run with `swift package --package-path Benchmarks benchmark` (ordo-one package-benchmark),
// and the side-by-side comparison with scikit-learn with `Benchmarks/compare/compare.sh`.
import PackageDescription

/// One package-benchmark executable per area, in `Benchmarks/<Name>/<Name>.swift`.
let benchmarkTargets = [
    "LinearAlgebraBenchmarks",
    "ModelMetricsBenchmarks",
    "LinearModelsBenchmarks",
    "TabularBenchmarks",
    "ClusteringBenchmarks",
    "DecisionTreesBenchmarks",
    "EnsemblesBenchmarks",
    "ExperimentsBenchmarks",
    "PipelinesBenchmarks",
    "CustomerValueBenchmarks",
    "SurvivalBenchmarks",
]

let package = Package(
    name: "ChurnKitBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "ChurnKit", path: "../"),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The size profile (CHURNKIT_BENCHMARK_PROFILE=full|ci) every suite reads its inputs from.
        .target(
            name: "BenchmarkProfile",
            dependencies: [.product(name: "Benchmark", package: "package-benchmark")],
            path: "Sources/BenchmarkProfile"
        ),
        // Seeded synthetic inputs shared by the suites and the instruction counts.
        .target(
            name: "BenchmarkData",
            dependencies: [.product(name: "ChurnKit", package: "ChurnKit")],
            path: "Sources/BenchmarkData"
        ),
        // One key kernel per run, counted under callgrind by scripts/instruction-counts.sh.
        .executableTarget(
            name: "InstructionCounts",
            dependencies: [.product(name: "ChurnKit", package: "ChurnKit"), "BenchmarkData"],
            path: "Sources/InstructionCounts"
        ),
        // Timed tasks for the comparison script: `ChurnKitCompare TASK ARGS...` prints one JSON line.
        .executableTarget(
            name: "ChurnKitCompare",
            dependencies: [.product(name: "ChurnKit", package: "ChurnKit")],
            path: "Sources/ChurnKitCompare"
        ),
    ] + benchmarkTargets.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                .product(name: "ChurnKit", package: "ChurnKit"),
                .product(name: "Benchmark", package: "package-benchmark"),
                "BenchmarkProfile",
                "BenchmarkData",
            ],
            path: "Benchmarks/\(name)",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        )
    }
)
