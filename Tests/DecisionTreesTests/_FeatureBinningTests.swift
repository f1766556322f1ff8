import LinearAlgebra
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
    #expect(codes == [0, 0, 1, 2, 3, 0, 2, 3, 1, 2])
    #expect(_midpoint(1, 2) == 1.5)
    #expect(_midpoint(1, 1.0.nextUp) == 1)
}
