import LinearAlgebra
import Tabular
import Testing
@testable import Clustering

@Suite("k-means++ seeding")
struct KMeansPlusPlusTests {
    @Test("k-means++ seeding picks distinct data rows, repeatably for a seed")
    func seedingPicksDistinctRows() throws {
        let x = try gaussianBlobs(centers: [[0, 0, 0], [3, 3, 3]], perCluster: 40, spread: 1, seed: 5)
        let data = try _PreparedData(centering: x)
        var first = SeededRandom(seed: 9), second = SeededRandom(seed: 9)
        let a = try data.kMeansPlusPlus(k: 6, localTrials: 3, generator: &first)
        let b = try data.kMeansPlusPlus(k: 6, localTrials: 3, generator: &second)
        #expect(a == b)
        let rows = (0..<80).map { data.row($0) }
        let chosen = (0..<6).map { Array(a[($0 * 3)..<(($0 + 1) * 3)]) }
        #expect(chosen.allSatisfy { rows.contains($0) })
        #expect(Set(chosen).count == 6)
    }

    @Test("the default number of candidates is 2 + floor(ln k)")
    func defaultTrials() {
        #expect(_defaultLocalTrials(k: 1) == 2)
        #expect(_defaultLocalTrials(k: 8) == 4)  // ln 8 = 2.08
        #expect(_defaultLocalTrials(k: 20) == 4)  // ln 20 = 2.996
        #expect(_defaultLocalTrials(k: 21) == 5)  // ln 21 = 3.04
    }
}
