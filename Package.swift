// swift-tools-version: 6.1
// ChurnKit: churn prediction, customer segmentation and retention experiments on OpenBLAS + LAPACKE.
import PackageDescription

let package = Package(
    name: "ChurnKit",
    products: [
        // The umbrella (every public module) and, as swift-numerics ships RealModule beside Numerics,
        // one product per public module for a service that needs only part of the library.
        .library(name: "ChurnKit", targets: ["ChurnKit"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Tabular", targets: ["Tabular"]),
        .library(name: "ModelMetrics", targets: ["ModelMetrics"]),
        .library(name: "ModelProtocols", targets: ["ModelProtocols"]),
        .library(name: "LinearModels", targets: ["LinearModels"]),
        .library(name: "DecisionTrees", targets: ["DecisionTrees"]),
        .library(name: "Ensembles", targets: ["Ensembles"]),
        .library(name: "Clustering", targets: ["Clustering"]),
        .library(name: "Pipelines", targets: ["Pipelines"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Experiments", targets: ["Experiments"]),
        .library(name: "CustomerValue", targets: ["CustomerValue"]),
        .library(name: "Survival", targets: ["Survival"]),
        .executable(name: "churn", targets: ["churn"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation` (DocC catalogs in Sources/*/*.docc); a plugin only.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "_ChurnKitCore"),
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS"]),
        .target(name: "Tabular", dependencies: ["_ChurnKitCore", "LinearAlgebra"]),
        .target(name: "ModelMetrics", dependencies: ["_ChurnKitCore"]),
        .target(name: "ModelProtocols", dependencies: ["LinearAlgebra"]),
        .target(name: "LinearModels", dependencies: ["_ChurnKitCore", "LinearAlgebra", "ModelProtocols"]),
        .target(name: "DecisionTrees", dependencies: ["_ChurnKitCore", "LinearAlgebra", "ModelProtocols"]),
        .target(name: "CHistogramKernel"),
        .target(
            name: "Ensembles",
            dependencies: [
                "_ChurnKitCore", "LinearAlgebra", "ModelProtocols", "DecisionTrees", "LinearModels", "ModelMetrics", "Tabular",
                "CHistogramKernel",
            ]),
        .target(name: "CKMeansKernel"),
        .target(
            name: "Clustering", dependencies: ["_ChurnKitCore", "LinearAlgebra", "ModelProtocols", "Tabular", "ModelMetrics", "CKMeansKernel"]),
        .target(
            name: "Pipelines",
            dependencies: ["ModelProtocols", "Tabular", "ModelMetrics", "LinearModels", "DecisionTrees", "Ensembles", "Clustering"]
        ),
        .target(name: "Reports", dependencies: ["ModelMetrics"]),
        .target(
            name: "Experiments", dependencies: ["_ChurnKitCore", "LinearAlgebra", "Tabular", "ModelMetrics", "Pipelines", "Survival"]),
        .target(name: "CustomerValue", dependencies: ["_ChurnKitCore", "LinearAlgebra", "Tabular"]),
        .target(name: "Survival", dependencies: ["_ChurnKitCore", "LinearAlgebra", "Tabular"]),
        .target(
            name: "ChurnKit",
            dependencies: [
                "LinearAlgebra", "ModelProtocols", "Tabular", "ModelMetrics", "LinearModels", "DecisionTrees", "Ensembles", "Clustering",
                "Pipelines", "Reports", "Experiments", "CustomerValue", "Survival",
            ]
        ),
        .target(
            name: "ChurnCLI",
            dependencies: [
                "ChurnKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "churn", dependencies: ["ChurnCLI"]),
        // The readers under fuzzing (issue 13), shared by Tests/FuzzTests and Fuzz/churn-fuzz.
        .target(name: "_ChurnKitFuzz", dependencies: ["Tabular", "Pipelines", "Experiments"]),

        .target(name: "_TestSupport", path: "Tests/_TestSupport"),
        .target(name: "_TreeSHAPTestSupport", dependencies: ["DecisionTrees"], path: "Tests/_TreeSHAPTestSupport"),
        .testTarget(name: "_TestSupportTests", dependencies: ["_TestSupport"]),
        .testTarget(name: "_ChurnKitCoreTests", dependencies: ["_ChurnKitCore", "_TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "_TestSupport"]),
        .testTarget(name: "ModelProtocolsTests", dependencies: ["ModelProtocols"]),
        .testTarget(name: "TabularTests", dependencies: ["Tabular", "_ChurnKitCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ModelMetricsTests", dependencies: ["ModelMetrics", "_TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LinearModelsTests", dependencies: ["LinearModels", "_ChurnKitCore"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "DecisionTreesTests", dependencies: ["DecisionTrees", "Tabular", "ModelMetrics", "_TreeSHAPTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "EnsemblesTests",
            dependencies: [
                "Ensembles", "DecisionTrees", "LinearModels", "ModelProtocols", "ModelMetrics", "Tabular", "CHistogramKernel",
                "_TestSupport", "_TreeSHAPTestSupport",
            ],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ClusteringTests", dependencies: ["Clustering", "CKMeansKernel", "ModelMetrics", "Tabular", "_TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PipelinesTests", dependencies: ["Pipelines", "Ensembles", "_TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "_TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CustomerValueTests", dependencies: ["CustomerValue", "_TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SurvivalTests", dependencies: ["Survival", "Tabular", "LinearAlgebra", "_TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ChurnCLITests", dependencies: ["ChurnCLI"], exclude: ["Fixtures"]),
        .testTarget(name: "FuzzTests", dependencies: ["_ChurnKitFuzz", "Tabular"], resources: [.copy("Corpus")]),
    ]
)

// The libFuzzer executable, only when asked: scripts/fuzz.sh sets CHURNKIT_FUZZ=1 and builds it
// with -sanitize=fuzzer, which links libFuzzer (a plain build would have no LLVMFuzzerRunDriver).
if Context.environment["CHURNKIT_FUZZ"] == "1" {
    package.products.append(.executable(name: "churn-fuzz", targets: ["churn-fuzz"]))
    package.targets += [
        .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .executableTarget(name: "churn-fuzz", dependencies: ["_ChurnKitFuzz", "CLibFuzzer"], path: "Fuzz/churn-fuzz"),
    ]
}
