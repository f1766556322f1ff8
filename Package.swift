// swift-tools-version: 6.1
// ChurnKit: churn prediction, customer segmentation and retention experiments on OpenBLAS + LAPACKE.
import PackageDescription

let package = Package(
    name: "ChurnKit",
    products: [
        .library(name: "ChurnKit", targets: ["ChurnKit"]),
        .executable(name: "churn", targets: ["churn"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS"]),
        .target(name: "Tabular", dependencies: ["LinearAlgebra"]),
        .target(name: "ModelMetrics"),
        .target(name: "DecisionTrees", dependencies: ["LinearAlgebra"]),
        .target(
            name: "ChurnKit",
            dependencies: ["LinearAlgebra", "Tabular", "ModelMetrics", "DecisionTrees"]
        ),
        .target(
            name: "ChurnCLI",
            dependencies: [
                "ChurnKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "churn", dependencies: ["ChurnCLI"]),

        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "TabularTests", dependencies: ["Tabular"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ModelMetricsTests", dependencies: ["ModelMetrics"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "DecisionTreesTests", dependencies: ["DecisionTrees", "Tabular", "ModelMetrics"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "ChurnCLITests", dependencies: ["ChurnCLI"]),
    ]
)
