import Testing
@testable import Clustering

@Suite("Block scan")
struct BlockScanTests {
    /// The first index of the smallest value, by a plain loop (the reference).
    static func firstMinimum(_ g: [Double]) -> Int {
        var best = 0
        for j in g.indices where g[j] < g[best] { best = j }
        return best
    }

    @Test("argmin returns the lowest index among equal minima, for k within, at and across groups of 8",
          arguments: [1, 3, 8, 11, 16, 19])
    func argminTies(k: Int) {
        var generator = SeededRandomForTests(seed: UInt64(k))
        for _ in 0..<200 {
            // Few distinct values, so that ties are frequent.
            let g = (0..<k).map { _ in Double(Int(generator.gaussian() * 1.5)) }
            let (best, value) = g.withUnsafeBufferPointer { _argmin($0.baseAddress!, count: k) }
            #expect(best == Self.firstMinimum(g))
            #expect(value == g.min())
        }
    }

    @Test("a hand-worked row: minimum 1 at indices 5 and 9 gives 5")
    func handWorked() {
        let g: [Double] = [4, 3, 2, 7, 9, 1, 8, 6, 5, 1, 2]
        let (best, value) = g.withUnsafeBufferPointer { _argmin($0.baseAddress!, count: 11) }
        #expect(best == 5)
        #expect(value == 1)
    }

    @Test("adding a row of d features equals element-wise sums", arguments: [1, 7, 8, 16, 21])
    func add(d: Int) {
        let row = (0..<d).map { Double($0) * 0.5 + 1 }
        var target = (0..<d).map { Double($0) * -2 }
        target.withUnsafeMutableBufferPointer { out in
            row.withUnsafeBufferPointer { _add($0.baseAddress!, to: out.baseAddress!, count: d) }
        }
        let expected: [Double] = (0..<d).map { (f: Int) -> Double in
            let index = Double(f)
            return (index * 0.5 + 1) + index * -2
        }
        #expect(target == expected)
    }
}
