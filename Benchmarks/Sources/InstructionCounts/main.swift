// `InstructionCounts KERNEL [--prepare-only]`: runs one key kernel once on seeded inputs, for
// scripts/instruction-counts.sh, which counts the instructions of the run under valgrind's
// callgrind (a count that does not depend on the machine's load, unlike a timing). With
// `--prepare-only` it builds the kernel's inputs and stops: the script subtracts that run's count,
// so that what is gated is the kernel alone.
import BenchmarkData
import ChurnKit
import Foundation

/// A kernel: `prepare` builds the inputs (not gated); the closure it returns is the measured work.
struct Kernel {
    let name: String
    let summary: String
    let prepare: () throws -> () throws -> Void
}

let kernels: [Kernel] = [
    Kernel(name: "csv-read", summary: "Table(csvAt:) of 5,000 x 33 numbers") {
        let path = try BenchmarkData.numericCSV(rows: 5_000)
        return { _ = try Table(csvAt: path) }
    },
    Kernel(name: "tree-fit", summary: "histogram CART, depth 10, on 10,000 x 16") {
        let sample = try BenchmarkData.churnLike(rows: 10_000, columns: 16, seed: 11)
        return { _ = try DecisionTreeClassifier(maxDepth: 10, minSamplesLeaf: 50).fit(sample.x, sample.y) }
    },
    Kernel(name: "gbdt-fit", summary: "gradient boosting, 20 rounds of 31 leaves, on 5,000 x 32") {
        let sample = try BenchmarkData.churnLike(rows: 5_000, columns: 32, seed: 12, secondInteraction: true)
        let booster = GradientBoostingClassifier(rounds: 20, learningRate: 0.1, maxLeaves: 31, minSamplesLeaf: 20)
        return { _ = try booster.fit(sample.x, sample.y) }
    },
    Kernel(name: "logistic-fit", summary: "logistic regression (Newton, l2 1) on 20,000 x 32") {
        let sample = try BenchmarkData.churnLike(rows: 20_000, columns: 32, seed: 12, secondInteraction: true)
        return { _ = try LogisticRegression(l2: 1).fit(sample.x, sample.y) }
    },
    Kernel(name: "kmeans-fit", summary: "k-means, k 8, 10 Lloyd iterations from seeded centroids, on 20,000 x 16") {
        let sample = try BenchmarkData.churnLike(rows: 20_000, columns: 16, seed: 11)
        let initial = try Matrix(rows: 8, columns: 16, values: Array(sample.x.storage.prefix(8 * 16)))
        let trainer = KMeans(k: 8, initialization: .centroids(initial), maxIterations: 10, tolerance: 0)
        return { _ = try trainer.fit(sample.x) }
    },
]

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments == ["--list"] {
    for kernel in kernels { print("\(kernel.name)\t\(kernel.summary)") }
    exit(0)
}
guard let name = arguments.first, let kernel = kernels.first(where: { $0.name == name }),
      arguments.count == 1 || (arguments.count == 2 && arguments[1] == "--prepare-only") else {
    FileHandle.standardError.write(Data(("usage: InstructionCounts --list | KERNEL [--prepare-only]; kernels: "
        + kernels.map(\.name).joined(separator: ", ") + "\n").utf8))
    exit(64)
}
do {
    let run = try kernel.prepare()
    if arguments.count == 1 { try run() }
} catch {
    FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
    exit(1)
}
