import Testing
@testable import Clustering

@Suite("Row blocks")
struct RowBlocksTests {
    @Test("blocks cover the rows once, in order, with a short last block")
    func partition() {
        let blocks = _RowBlocks(rows: 2_500, blockRows: 1_024)
        #expect(blocks.count == 3)
        #expect((0..<blocks.count).map { blocks.range($0) } == [0..<1_024, 1_024..<2_048, 2_048..<2_500])
        #expect(_RowBlocks(rows: 0, blockRows: 10).count == 0)
    }

    @Test("block size keeps a block's gemm within OpenBLAS's single-thread threshold (m n k <= 262144)")
    func blockSize() {
        #expect(_RowBlocks(rows: 10, k: 8, d: 16).blockRows == 1_024)  // 1024 * 128 = 131072
        #expect(_RowBlocks(rows: 10, k: 64, d: 16).blockRows == 256)  // 256 * 1024 = 262144
        #expect(_RowBlocks(rows: 10, k: 1_000, d: 1_000).blockRows == 16)  // the floor
    }
}
