import Testing
import _ChurnKitCore

@testable import LinearModels

@Suite struct ParallelTests {
    @Test("rows split in one part below the threshold and two halves from it")
    func parts() {
        let small = _parallelRowThreshold - 1
        #expect(_rowPartCount(rows: small) == 1)
        #expect(concurrentChunk(0, of: 1, count: small) == 0..<small)
        let two = _rowPartCount(rows: 20_001)
        #expect(two == 2)
        #expect((0..<two).map { concurrentChunk($0, of: two, count: 20_001) } == [0..<10_000, 10_000..<20_001])
    }
}
