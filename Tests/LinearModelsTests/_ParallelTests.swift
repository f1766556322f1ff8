import Synchronization
import Testing

@testable import LinearModels

@Suite struct ParallelTests {
    @Test("rows split in one part below the threshold and two halves from it")
    func parts() {
        #expect(_forEachRowPart(rows: _parallelRowThreshold - 1) { part, range in
            #expect(part == 0 && range == 0..<(_parallelRowThreshold - 1))
        } == 1)
        let seen = Mutex<[Int: Range<Int>]>([:])
        #expect(_forEachRowPart(rows: 20_001) { part, range in seen.withLock { $0[part] = range } } == 2)
        #expect(seen.withLock { $0 } == [0: 0..<10_000, 1: 10_000..<20_001])
    }
}
