import CHistogramKernel
import Testing
import Tabular

/// Random bin codes: n rows x d features, feature f with `bins[f]` value bins plus its missing bin.
private func randomCodes(rows n: Int, bins: [Int], seed: UInt64) -> [UInt8] {
    var random = SeededRandom(seed: seed)
    let d = bins.count
    var codes = [UInt8](repeating: 0, count: n * d)
    for i in 0..<(n * d) { codes[i] = UInt8(random.nextIndex(below: bins[i % d] + 1)) }
    return codes
}

/// The kernel's histogram equals per-cell sums over the given rows and features (a list, or every
/// feature), computed directly in the same row order (so exactly).
@Test func histogramKernelSumsGradientsHessiansAndCountsPerCell() {
    let bins = [3, 7, 1, 12], d = bins.count, n = 500
    let codes = randomCodes(rows: n, bins: bins, seed: 3)
    var random = SeededRandom(seed: 4)
    let g = (0..<n).map { _ in random.nextGaussian() }, h = (0..<n).map { _ in random.nextUnitDouble() }
    let rows = (0..<n).filter { $0 % 3 != 1 }.map { Int32($0) }
    let features = [0, 2, 3]
    var offsets: [Int] = [], cells = 0
    for f in 0..<d {
        offsets.append(cells)
        cells += bins[f] + 1
    }
    for listed in [true, false] {
        let used = listed ? features : Array(0..<d)
        var sums = [Double](repeating: 0, count: cells * 2), counts = [UInt32](repeating: 0, count: cells)
        for r in rows.map(Int.init) {
            for f in used {
                let cell = offsets[f] + Int(codes[r * d + f])
                sums[cell * 2] += g[r]
                sums[cell * 2 + 1] += h[r]
                counts[cell] += 1
            }
        }
        var gotSums = [Double](repeating: 0, count: cells * 2), gotCounts = [UInt32](repeating: 0, count: cells)
        if listed {
            ck_histogram_add(codes, d, rows, rows.count, g, h, offsets, features, features.count, &gotSums, &gotCounts)
            // Feature 1 was not asked for: its cells stay empty.
            #expect(gotCounts[offsets[1]..<offsets[2]].allSatisfy { $0 == 0 })
        } else {
            ck_histogram_add(codes, d, rows, rows.count, g, h, offsets, nil, d, &gotSums, &gotCounts)
        }
        #expect(gotSums == sums)
        #expect(gotCounts == counts)
        #expect(counts.reduce(0, +) == UInt32(rows.count * used.count))
    }
}

/// The kernel's partition is the stable partition by the split rule, missing bin on either side.
@Test func partitionKernelIsTheStablePartitionByTheBinRule() {
    let bins = [5, 9], d = bins.count, n = 300
    let codes = randomCodes(rows: n, bins: bins, seed: 5)
    for missingLeft in [false, true] {
        var rows = (0..<n).filter { $0 % 4 != 0 }.map { Int32($0) }
        let goesLeft = { (r: Int32) -> Bool in
            let bin = Int(codes[Int(r) * d + 1])
            return bin == bins[1] ? missingLeft : bin <= 3
        }
        let expected = rows.filter(goesLeft) + rows.filter { !goesLeft($0) }
        var spill = [Int32](repeating: 0, count: rows.count)
        let left = ck_partition(codes, d, 1, 3, bins[1], missingLeft ? 1 : 0, &rows, rows.count, &spill)
        #expect(rows == expected)
        #expect(left == expected.filter(goesLeft).count)
    }
}
