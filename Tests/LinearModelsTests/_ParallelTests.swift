import Synchronization
import Testing

@testable import LinearModels

@Suite struct ParallelTests {
    @Test("rows split in one part below the threshold and two halves from it")
    func parts() {
        let seen = Mutex<[Int: Range<Int>]>([:])
        let small = _parallelRowThreshold - 1
        let one = _forEachRowPart(rows: small) { part, range in seen.withLock { $0[part] = range } }
        #expect(one == 1)
        #expect(seen.withLock { $0 } == [0: 0..<small])
        seen.withLock { $0 = [:] }
        let two = _forEachRowPart(rows: 20_001) { part, range in seen.withLock { $0[part] = range } }
        #expect(two == 2)
        #expect(seen.withLock { $0 } == [0: 0..<10_000, 1: 10_000..<20_001])
    }
}
