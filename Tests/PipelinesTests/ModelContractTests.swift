import Clustering
import DecisionTrees
import Dispatch
import Ensembles
import Foundation
import LinearAlgebra
import LinearModels
import ModelProtocols
import Testing

/// The contract every model family keeps (scikit-learn's `check_estimator` idea), run on each
/// trainer through the model protocols only: a fit is deterministic and keeps no state between
/// fits, probabilities are n values in [0, 1], a file round-trip gives an equal model that scores
/// the same, scoring from many threads gives the serial result, and a matrix of the wrong width,
/// mismatched labels, a single class, no rows, negative weights and infinite values are refused with
/// a thrown error (NaN is not in the list: the tree families read it as a missing value).
/// A new model family joins by adding one line to `trainers`.
struct ModelContractTests {
    /// A trainer under the contract, with a name for the test's messages.
    struct Subject: CustomTestStringConvertible, Sendable {
        let name: String
        let check: @Sendable () throws -> Void
        var testDescription: String { name }
    }

    /// Every classifier family, at settings small enough for a test.
    static let trainers: [Subject] = [
        subject("logistic", LogisticRegression(l2: 1)),
        subject("tree", DecisionTreeClassifier(maxDepth: 4, minSamplesLeaf: 5)),
        subject("gbdt", GradientBoostingClassifier(rounds: 15, maxLeaves: 7, minSamplesLeaf: 5, seed: 3)),
        subject("forest", RandomForestClassifier(trees: 12, maxDepth: 5, minSamplesLeaf: 2, seed: 3)),
    ]

    static func subject<T: BinaryClassifierTrainer>(_ name: String, _ trainer: T) -> Subject
    where T.Model: PersistableModel {
        Subject(name: name) { try checkClassifierContract(trainer) }
    }

    @Test(arguments: trainers)
    func classifierKeepsTheContract(_ subject: Subject) throws {
        try subject.check()
    }

    /// k-means, the segmenter: deterministic for a seed, an equal model after a file round-trip,
    /// thread-safe assignment, and refusals of the wrong width and of infinite values.
    @Test func segmenterKeepsTheContract() throws {
        let (x, _) = try contractData(rows: 240, seed: 11)
        let trainer = KMeans(k: 3, seed: 5)
        let model = try trainer.fit(x)
        #expect(try trainer.fit(x) == model, "not deterministic for a seed")
        let segments = try model.assign(x)
        #expect(segments.count == x.rows && segments.allSatisfy { (0..<model.segmentCount).contains($0) })
        let decoded = try JSONDecoder().decode(KMeansModel.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)
        #expect(try decoded.assign(x) == segments)
        #expect(try concurrently { try model.assign(x) }.allSatisfy { $0 == segments })
        let wide = try widened(x), infinite = try withValue(.infinity, in: x)
        #expect(throws: (any Error).self) { try model.assign(wide) }
        #expect(throws: (any Error).self) { try trainer.fit(infinite) }
    }
}

/// The classifier contract for one trainer.
private func checkClassifierContract<T: BinaryClassifierTrainer>(_ trainer: T) throws where T.Model: PersistableModel {
    let (x, y) = try contractData(rows: 300, seed: 7)
    let (other, otherLabels) = try contractData(rows: 200, seed: 8)
    let model = try trainer.fit(x, y, features: nil, sampleWeights: nil)

    // Deterministic, and no state carried from one fit to the next (fit A, fit B, fit A again).
    _ = try trainer.fit(other, otherLabels, features: nil, sampleWeights: nil)
    let again = try trainer.fit(x, y, features: nil, sampleWeights: nil)
    #expect(again == model, "\(T.Model.kind): a second fit on the same rows differs")

    // n probabilities in [0, 1], the decision function increasing with them.
    let p = try model.predictProbabilities(x)
    #expect(p.count == x.rows && p.allSatisfy { $0 >= 0 && $0 <= 1 })
    let margin = try model.decisionFunction(x)
    #expect(margin.count == x.rows)
    let order = p.indices.sorted { p[$0] < p[$1] }
    for (a, b) in zip(order, order.dropFirst()) where p[a] < p[b] - 1e-12 {
        #expect(margin[a] < margin[b], "\(T.Model.kind): the decision function is not increasing in the probability")
    }
    // Better than chance on the rows it was fitted on (the labels follow the first two columns).
    let churnedMean = zip(p, y).filter(\.1).map(\.0).reduce(0, +) / Double(y.filter { $0 }.count)
    let stayedMean = zip(p, y).filter { !$0.1 }.map(\.0).reduce(0, +) / Double(y.filter { !$0 }.count)
    #expect(churnedMean > stayedMean)

    // File round-trip: an equal model scoring the same bytes.
    let decoded = try JSONDecoder().decode(T.Model.self, from: JSONEncoder().encode(model))
    #expect(decoded == model)
    #expect(try decoded.predictProbabilities(x) == p)

    // Many threads score what one thread scores.
    #expect(try concurrently { try model.predictProbabilities(x) }.allSatisfy { $0 == p })

    // Refusals, each a thrown error (never a trap, never a silent result).
    let wide = try widened(x), infinite = try withValue(.infinity, in: x)
    #expect(throws: (any Error).self) { try model.predictProbabilities(wide) }
    #expect(throws: (any Error).self) { try trainer.fit(x, Array(y.dropLast()), features: nil, sampleWeights: nil) }
    #expect(throws: (any Error).self) {
        try trainer.fit(x, [Bool](repeating: true, count: x.rows), features: nil, sampleWeights: nil)
    }
    let empty = try Matrix(rows: 0, columns: x.columns)
    #expect(throws: (any Error).self) { try trainer.fit(empty, [], features: nil, sampleWeights: nil) }
    #expect(throws: (any Error).self) { try trainer.fit(infinite, y, features: nil, sampleWeights: nil) }
    #expect(throws: (any Error).self) {
        try trainer.fit(x, y, features: nil, sampleWeights: [Double](repeating: -1, count: x.rows))
    }
}

/// n x 4 features with labels that follow the first two columns (a seeded logistic draw).
private func contractData(rows n: Int, seed: UInt64) throws -> (Matrix, [Bool]) {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    func uniform() -> Double {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return Double(state >> 11) / Double(1 << 53)
    }
    var values: [Double] = [], labels: [Bool] = []
    for _ in 0..<n {
        let row = (0..<4).map { _ in uniform() * 4 - 2 }
        values += row
        labels.append(uniform() < 1 / (1 + exp(-(1.5 * row[0] - row[1]))))
    }
    return (try Matrix(rows: n, columns: 4, values: values), labels)
}

/// `x` with one more column.
private func widened(_ x: Matrix) throws -> Matrix {
    var values: [Double] = []
    for i in 0..<x.rows { for j in 0..<x.columns { values.append(x[i, j]) }; values.append(0) }
    return try Matrix(rows: x.rows, columns: x.columns + 1, values: values)
}

/// `x` with `value` in its first cell.
private func withValue(_ value: Double, in x: Matrix) throws -> Matrix {
    var values: [Double] = []
    for i in 0..<x.rows { for j in 0..<x.columns { values.append(x[i, j]) } }
    values[0] = value
    return try Matrix(rows: x.rows, columns: x.columns, values: values)
}

/// `work` run on 8 threads at once; every result, in order.
private func concurrently<R: Sendable>(_ work: @Sendable () throws -> R) throws -> [R] {
    let results = ConcurrentResults<R>()
    DispatchQueue.concurrentPerform(iterations: 8) { index in
        let result = Result { try work() }
        results.lock.withLock { results.values[index] = result }
    }
    let finished = results.values.compactMap { $0 }
    #expect(finished.count == 8)
    return try finished.map { try $0.get() }
}

/// The results of `concurrently`'s threads, written under the lock.
private final class ConcurrentResults<R: Sendable>: @unchecked Sendable {
    let lock = NSLock()
    var values: [Result<R, any Error>?] = Array(repeating: nil, count: 8)
}
