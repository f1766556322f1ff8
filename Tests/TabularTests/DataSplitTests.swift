import Foundation
import Testing
@testable import Tabular

/// References: hand-worked per-class counts and the partition properties of each split.
private let labels: [String] = Array(repeating: "stay", count: 30) + Array(repeating: "churn", count: 10)
    + Array(repeating: "rare", count: 3)

private func isPartition(_ split: DataSplit, of count: Int) -> Bool {
    split.train.sorted() == split.train && split.test.sorted() == split.test
        && Set(split.train).isDisjoint(with: split.test) && (split.train + split.test).sorted() == Array(0..<count)
}

private func classCount(_ rows: [Int], _ label: String) -> Int { rows.filter { labels[$0] == label }.count }

@Test func stratifiedSplitRoundsPerClass() throws {
    let split = try DataSplit.stratified(labels: labels.shuffledDeterministically(), testFraction: 0.25, seed: 1)
    #expect(isPartition(split, of: labels.count))
    // Shuffled labels for the counts check use the same permutation.
    let shuffled = labels.shuffledDeterministically()
    // 0.25 * 30 = 7.5 -> 8; 0.25 * 10 = 2.5 -> 3; 0.25 * 3 = 0.75 -> 1.
    #expect(split.test.filter { shuffled[$0] == "stay" }.count == 8)
    #expect(split.test.filter { shuffled[$0] == "churn" }.count == 3)
    #expect(split.test.filter { shuffled[$0] == "rare" }.count == 1)

    // Both sides hold every class even for tiny classes and extreme fractions.
    let tiny = try DataSplit.stratified(labels: [1, 1, 2, 2, 2], testFraction: 0.01, seed: 9)
    #expect(tiny.test.count == 2 && tiny.train.count == 3)
    let large = try DataSplit.stratified(labels: [true, true, false, false, false], testFraction: 0.99, seed: 9)
    #expect(large.test.count == 3 && large.train.count == 2)
}

@Test func splitsAreReproducibleAndSeedDependent() throws {
    let a = try DataSplit.stratified(labels: labels, testFraction: 0.3, seed: 42)
    let b = try DataSplit.stratified(labels: labels, testFraction: 0.3, seed: 42)
    let c = try DataSplit.stratified(labels: labels, testFraction: 0.3, seed: 43)
    #expect(a == b)
    #expect(a != c)
    #expect(try DataSplit.kFold(count: 50, folds: 5, seed: 7) == DataSplit.kFold(count: 50, folds: 5, seed: 7))
    #expect(try DataSplit.kFold(count: 50, folds: 5, seed: 7) != DataSplit.kFold(count: 50, folds: 5, seed: 8))
    #expect(try DataSplit.stratifiedKFold(labels: labels, folds: 3, seed: 7)
        != DataSplit.stratifiedKFold(labels: labels, folds: 3, seed: 8))
    var generator = SeededRandom(seed: 5)
    #expect(try DataSplit.shuffled(count: 10, testFraction: 0.2, using: &generator)
        == DataSplit.shuffled(count: 10, testFraction: 0.2, seed: 5))
}

@Test func shuffledSplitHasTheRoundedTestSize() throws {
    let split = try DataSplit.shuffled(count: 10, testFraction: 0.25, seed: 3)  // 2.5 -> 3
    #expect(split.test.count == 3 && isPartition(split, of: 10))
}

@Test(arguments: [2, 3])
func stratifiedFoldsKeepClassSharesWithinOneRow(folds: Int) throws {
    let splits = try DataSplit.stratifiedKFold(labels: labels, folds: folds, seed: 11)
    #expect(splits.count == folds)
    #expect(splits.flatMap(\.test).sorted() == Array(0..<labels.count))
    for split in splits {
        #expect(isPartition(split, of: labels.count))
        for label in ["stay", "churn", "rare"] {
            let exact = Double(classCount(Array(0..<labels.count), label)) / Double(folds)
            #expect(abs(Double(classCount(split.test, label)) - exact) < 1)
        }
    }
    let sizes = splits.map(\.test.count)
    #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
}

@Test func plainFoldsHaveScikitLearnSizes() throws {
    let splits = try DataSplit.kFold(count: 17, folds: 5, seed: 2)
    #expect(splits.map(\.test.count) == [4, 4, 3, 3, 3])
    #expect(splits.flatMap(\.test).sorted() == Array(0..<17))
    #expect(splits.allSatisfy { isPartition($0, of: 17) })
}

@Test func impossibleSplitsThrow() {
    #expect(throws: TabularError.self) { try DataSplit.stratified(labels: ["a", "a", "b"], testFraction: 0.5, seed: 1) }
    #expect(throws: TabularError.self) { try DataSplit.stratified(labels: ["a", "a"], testFraction: 0, seed: 1) }
    #expect(throws: TabularError.self) { try DataSplit.stratified(labels: ["a", "a"], testFraction: 1, seed: 1) }
    #expect(throws: TabularError.self) { try DataSplit.shuffled(count: 1, testFraction: 0.5, seed: 1) }
    #expect(throws: TabularError.self) { try DataSplit.kFold(count: 10, folds: 1, seed: 1) }
    #expect(throws: TabularError.self) { try DataSplit.kFold(count: 3, folds: 4, seed: 1) }
    // "rare" has 3 rows: 4 folds are impossible.
    #expect(throws: TabularError.self) { try DataSplit.stratifiedKFold(labels: labels, folds: 4, seed: 1) }
}

@Test func splitRoundTripsThroughJSON() throws {
    let split = try DataSplit.stratified(labels: labels, testFraction: 0.2, seed: 4)
    #expect(try JSONDecoder().decode(DataSplit.self, from: JSONEncoder().encode(split)) == split)
}

extension Array {
    /// A fixed interleaving (every 7th element first) so classes are not contiguous.
    fileprivate func shuffledDeterministically() -> [Element] {
        indices.sorted { ($0 % 7, $0) < ($1 % 7, $1) }.map { self[$0] }
    }
}
