import LinearAlgebra
import Tabular
import Testing
@testable import DecisionTrees

/// Closed form: feature 0 separates the classes perfectly (half each), so shuffling it leaves an
/// expected accuracy of 1/2 (drop 0.5); the tree never uses feature 1, whose drops are exactly 0.
@Test func permutationImportanceMatchesTheExpectedAccuracyDrop() throws {
    var random = SeededRandom(seed: 3)
    let n = 2_000
    var rows: [[Double]] = [], labels: [Int] = []
    for i in 0..<n {
        rows.append([Double(i), random.nextUnitDouble()])
        labels.append(i < n / 2 ? 0 : 1)
    }
    let x = try Matrix(rows)
    let model = try DecisionTreeClassifier(maxDepth: 1, splitSearch: .exact).fit(x, classes: labels)
    var generator = SeededRandom(seed: 9)
    let importance = try model.permutationImportance(x, classes: labels, repeats: 20, using: &generator)
    #expect(importance.baselineScore == 1)
    #expect(abs(importance.means[0] - 0.5) < 0.03)
    #expect(importance.standardDeviations[0] > 0)
    #expect(importance.drops[1] == Array(repeating: 0, count: 20))
    // The same seed gives the same result.
    var again = SeededRandom(seed: 9)
    #expect(try model.permutationImportance(x, classes: labels, repeats: 20, using: &again) == importance)
    #expect(throws: DecisionTreeError.self) { try model.permutationImportance(x, classes: labels, repeats: 0, using: &again) }
}
