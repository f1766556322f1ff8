import Foundation
import Synchronization
import Testing

@testable import _ChurnKitCore

@Suite("Concurrent loop")
struct ConcurrentForEachTests {
    /// Runs the loop over `count` iterations and returns how often each index was visited and the
    /// largest worker number seen.
    private func visits(_ count: Int, concurrently: Bool = true) -> (visits: [Int], maxWorker: Int) {
        var visits = [Int](repeating: 0, count: count)
        let maxWorker = Mutex(0)
        visits.withUnsafeMutableBufferPointer { visits in
            let shared = SharedBuffer(visits)
            concurrentForEach(count, concurrently: concurrently) { worker, index in
                shared[index] += 1
                maxWorker.withLock { $0 = max($0, worker) }
            }
        }
        return (visits, maxWorker.withLock { $0 })
    }

    @Test("every index is visited exactly once, by a worker below the worker count", arguments: [2, 3, 7, 64, 1_000, 100_003])
    func everyIndexOnce(count: Int) {
        let (visits, maxWorker) = visits(count)
        #expect(visits == [Int](repeating: 1, count: count))
        #expect(maxWorker < concurrentWorkerCount(count))
    }

    @Test("zero and one iterations; a negative count runs nothing")
    func emptyAndSingle() {
        #expect(visits(0).visits.isEmpty)
        #expect(visits(1).visits == [1])
        var calls = 0
        concurrentForEach(-3) { (_: Int) in calls += 1 }
        concurrentForEach(0) { (_: Int) in calls += 1 }
        #expect(calls == 0)
        concurrentForEach(1) { (index: Int) in calls += 1 + index }
        #expect(calls == 1)
        #expect(concurrentWorkerCount(0) == 1 && concurrentWorkerCount(1) == 1 && concurrentWorkerCount(-5) == 1)
    }

    @Test("not concurrently: in index order on the calling thread, worker 0")
    func sequential() {
        var order: [Int] = []
        var workers: Set<Int> = []
        concurrentForEach(50, concurrently: false) { worker, index in
            order.append(index)
            workers.insert(worker)
        }
        #expect(order == Array(0..<50) && workers == [0])
        #expect(visits(1_000, concurrently: false).visits == [Int](repeating: 1, count: 1_000))
    }

    @Test("the worker count is at most the active processors and the iterations")
    func workerCount() {
        let processors = ProcessInfo.processInfo.activeProcessorCount
        #expect(concurrentWorkerCount(1_000_000) == max(1, processors))
        #expect(concurrentWorkerCount(2) == min(2, max(1, processors)))
    }

    @Test("chunks: contiguous, in order, covering 0..<count once, sizes within one, from count and parts only")
    func chunks() {
        for count in [0, 1, 2, 5, 16_383, 20_001] {
            for parts in [1, 2, 3, 8] {
                let ranges = (0..<parts).map { concurrentChunk($0, of: parts, count: count) }
                #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == count)
                for p in 1..<parts { #expect(ranges[p - 1].upperBound == ranges[p].lowerBound) }
                let sizes = ranges.map(\.count)
                #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
                // The same cut every time (no dependence on the machine or on earlier calls).
                #expect(ranges == (0..<parts).map { concurrentChunk($0, of: parts, count: count) })
            }
        }
        #expect([0, 1].map { concurrentChunk($0, of: 2, count: 20_001) } == [0..<10_000, 10_000..<20_001])
        #expect(concurrentChunk(3, of: 2, count: 10).isEmpty && concurrentChunk(0, of: 0, count: 4) == 0..<4)
    }

    @Test("a sum reduced chunk by chunk in order is bitwise the same concurrently and sequentially")
    func deterministicReduction() {
        let values = (0..<100_000).map { 1.0 / Double($0 + 1) }
        func reduce(concurrently: Bool) -> Double {
            let parts = 8
            var partial = [Double](repeating: 0, count: parts)
            partial.withUnsafeMutableBufferPointer { partial in
                concurrentForEach(parts, concurrently: concurrently) { part in
                    var sum = 0.0
                    for i in concurrentChunk(part, of: parts, count: values.count) { sum += values[i] }
                    partial[part] = sum
                }
            }
            return partial.reduce(0, +)
        }
        let expected = reduce(concurrently: false)
        for _ in 0..<20 { #expect(reduce(concurrently: true).bitPattern == expected.bitPattern) }
    }

    @Test("the shared buffer reads and writes in place, read-only sharing and pointers")
    func sharedBuffer() {
        var storage = [1.0, 2.0, 3.0]
        storage.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer)
            shared[1] = 20
            #expect(shared.count == 3 && shared[1] == 20 && shared.pointer(at: 2)?.pointee == 3)
        }
        #expect(storage == [1, 20, 3])
        storage.withUnsafeBufferPointer { buffer in
            let shared = SharedBuffer(readOnly: buffer)
            #expect(shared[2] == 3 && shared.count == 3)
        }
        let empty = SharedBuffer<Int>(UnsafeMutableBufferPointer(start: nil, count: 0))
        #expect(empty.count == 0 && empty.pointer(at: 0) == nil)
    }
}

