import LinearAlgebra
import Tabular
import Testing
@testable import DecisionTrees

/// Hand-worked: 0...999 in 4 quantile bins has edges at the midpoints 249.5, 499.5, 749.5.
@Test func quantileEdgesCutIntoEqualGroups() {
    #expect(_quantileEdges(sorted: (0..<1000).map(Double.init), bins: 4) == [249.5, 499.5, 749.5])
    // A value repeated across a cut becomes the edge itself (x <= 1); the cut at index 6 also
    // falls after a 1, so it is merged: bins {1}, {2, 3}.
    #expect(_quantileEdges(sorted: [1, 1, 1, 1, 1, 1, 2, 3], bins: 4) == [1])
    // Cuts at indices 2, 4 and 6 all fall inside the run of 2s: one edge, x <= 2.
    #expect(_quantileEdges(sorted: [1, 2, 2, 2, 2, 2, 3, 4], bins: 4) == [2])
    #expect(_quantileEdges(sorted: [], bins: 4) == [])
}

@Test func fewDistinctValuesGetOneBinEachAndNaNTheMissingBin() throws {
    let x = try Matrix([[1, 0], [1, 2], [2, .nan], [3, 1], [.nan, 2]])
    let binning = try _FeatureBinning(
        x: x, features: [.numeric("a"), .categorical("b", levels: ["p", "q", "r"])], maxBins: 255)
    #expect(binning.binCounts == [3, 3])
    #expect(binning.upperEdges[0] == [1.5, 2.5])
    #expect(binning.binValues[0] == [1, 2, 3])
    let codes: [UInt8] = try binning.codes(x: x)
    #expect(codes == [0, 0, 0, 2, 1, 3, 2, 1, 3, 2])
    #expect(_midpoint(1, 2) == 1.5)
    #expect(_midpoint(1, 1.0.nextUp) == 1)
}

/// Reference: a full sort. After `_select`, every requested rank holds the sorted value, with no
/// larger value before it and no smaller one after it (seeded values with many repeats).
@Test func selectPutsRequestedRanksInSortedPosition() {
    var random = SeededRandom(seed: 5)
    var values = (0..<5_000).map { _ in Double(random.nextIndex(below: 700)) / 7 }
    let sorted = values.sorted()
    let ranks = [0, 1, 999, 1_000, 2_500, 4_998, 4_999]
    values.withUnsafeMutableBufferPointer { a in _select(a, 0, a.count, ranks: ranks[...], budget: 26) }
    for r in ranks {
        #expect(values[r] == sorted[r])
        #expect(values[..<r].allSatisfy { $0 <= values[r] } && values[(r + 1)...].allSatisfy { $0 >= values[r] })
    }
    #expect(values.sorted() == sorted)
}

/// Hand-worked: the sign-bit comparison agrees with `<` on signed zeros (made +0), infinities
/// above finite values, equal values and neighbours one ulp apart.
@Test func belowIsLessThan() throws {
    let cases: [(Double, Double)] = [(1, 2), (2, 1), (1, 1), (-0.0 + 0, 0), (0, -0.0 + 0), (.infinity, 3),
                                     (1, 1.0.nextUp), (1.0.nextUp, 1), (-5, -4), (.leastNonzeroMagnitude, 0)]
    for (t, v) in cases { #expect(_below(t, v) == (t < v ? 1 : 0)) }
    // Codes of a numeric column against the edges: first i with x <= edge_i (a linear count).
    let x = try Matrix([[-3], [-0.0], [0], [0.5], [1], [1.5], [2], [9], [.nan]])
    let binning = try _FeatureBinning(x: x, features: [.numeric("a")], maxBins: 4)
    let codes: [UInt8] = try binning.codes(x: x)
    let edges = binning.upperEdges[0]
    #expect(edges.count == 3)
    #expect(codes == (0..<8).map { i in UInt8(edges.filter { $0 < x[i, 0] }.count) } + [4])
}
