import CKMeansKernel
import Testing

@Suite("Fused assignment kernel")
struct CKMeansKernelTests {
    /// What one kernel call produces.
    struct Result: Equatable {
        var labels: [Int]
        var counts: [Int]
        var sums: [Double]
        var changed: Int
        var distanceSum: Double
    }

    typealias Kernel = (
        UnsafePointer<Double>?, UnsafePointer<Double>?, Int, Int, UnsafePointer<Double>?, Int,
        UnsafeMutablePointer<ck_kmeans_block>?
    ) -> Void

    /// Every path this processor can run: the portable loops, the dispatcher, and the AVX2 and
    /// AVX-512 paths when present.
    static var kernels: [Kernel] {
        [ck_kmeans_assign_portable, ck_kmeans_assign]
            + (ck_kmeans_has_avx2() == 1 ? [ck_kmeans_assign_avx2] : [])
            + (ck_kmeans_has_avx512() == 1 ? [ck_kmeans_assign_avx512] : [])
    }

    /// Runs `kernel` on rows `x` (m × d, untranslated) and centroids `c` (k × d, translated by
    /// `shift`), starting from the labels `previous`.
    static func run(
        _ kernel: Kernel, x: [Double], m: Int, c: [Double], shift: [Double], k: Int, d: Int, previous: [Int]
    ) -> Result {
        var workspace = [Double](repeating: 0, count: ck_kmeans_workspace_count(k, d))
        ck_kmeans_prepare(c, shift, k, d, &workspace)
        var result = Result(
            labels: previous, counts: [Int](repeating: 0, count: k), sums: [Double](repeating: 0, count: k * d),
            changed: 0, distanceSum: 0)
        result.labels.withUnsafeMutableBufferPointer { labels in
            result.counts.withUnsafeMutableBufferPointer { counts in
                result.sums.withUnsafeMutableBufferPointer { sums in
                    var block = ck_kmeans_block(
                        labels: labels.baseAddress, counts: counts.baseAddress, sums: sums.baseAddress,
                        exact_distances: 1, changed: 0, distance_sum: 0)
                    kernel(workspace, shift, k, d, x, m, &block)
                    result.changed = block.changed
                    result.distanceSum = block.distance_sum
                }
            }
        }
        return result
    }

    /// The reference, by straightforward loops: b_j = ‖c_j‖² + 2 shift·c_j and
    /// g_j = b_j − 2 Σ_f x_f c_jf (fused multiply-adds in feature order), the first minimum, the changes against
    /// `previous`, and plain counts, sums of x − shift and Σ_f ((x_f − shift_f) − c_f)² (in the
    /// kernel's documented order: eight lanes by f mod 8, then pairwise).
    static func reference(
        x: [Double], m: Int, c: [Double], shift: [Double], k: Int, d: Int, previous: [Int]
    ) -> Result {
        var result = Result(
            labels: [], counts: [Int](repeating: 0, count: k), sums: [Double](repeating: 0, count: k * d),
            changed: 0, distanceSum: 0)
        for i in 0..<m {
            var g = [Double](repeating: 0, count: k)
            for j in 0..<k {
                var norm = 0.0, cross = 0.0, dot = 0.0
                for f in 0..<d {
                    norm += c[j * d + f] * c[j * d + f]
                    cross += shift[f] * c[j * d + f]
                    dot.addProduct(x[i * d + f], c[j * d + f])
                }
                g[j] = (norm + 2 * cross) - 2 * dot
            }
            var best = 0
            for j in 0..<k where g[j] < g[best] { best = j }
            result.labels.append(best)
            if previous[i] != best { result.changed += 1 }
            result.counts[best] += 1
            var lanes = [Double](repeating: 0, count: 8)
            for f in 0..<d {
                let z = x[i * d + f] - shift[f]
                result.sums[best * d + f] += z
                lanes[f % 8] += (z - c[best * d + f]) * (z - c[best * d + f])
            }
            result.distanceSum += ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) + ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]))
        }
        return result
    }

    @Test("both paths equal the straightforward loops bitwise, ties and a translation included",
          arguments: [(1, 1, 1), (5, 3, 5), (4, 8, 16), (33, 8, 16), (7, 11, 17), (66, 20, 3), (13, 17, 9), (8, 8, 16), (23, 9, 5)])
    func paths(shape: (m: Int, k: Int, d: Int)) {
        let (m, k, d) = shape
        var generator = SeededRandomForTests(seed: UInt64(m * 1000 + k * 10 + d))
        let none = [Int](repeating: -1, count: m)
        // Small integers, so that equal distances (ties) are frequent; no translation.
        let x = (0..<(m * d)).map { _ in Double(Int(generator.gaussian() * 2)) }
        let c = (0..<(k * d)).map { _ in Double(Int(generator.gaussian() * 2)) }
        let zero = [Double](repeating: 0, count: d)
        let expected = Self.reference(x: x, m: m, c: c, shift: zero, k: k, d: d, previous: none)
        for kernel in Self.kernels {
            #expect(Self.run(kernel, x: x, m: m, c: c, shift: zero, k: k, d: d, previous: none) == expected)
        }
        // Gaussian values far from the origin, translated: rounding in every product, same order on
        // every path; the previous labels of the first run, so that changes are counted.
        let shift = (0..<d).map { _ in generator.gaussian() * 100 }
        let xg = (0..<(m * d)).map { shift[$0 % d] + generator.gaussian() }
        let cg = (0..<(k * d)).map { _ in generator.gaussian() }
        let previous = expected.labels
        let expectedGaussian = Self.reference(x: xg, m: m, c: cg, shift: shift, k: k, d: d, previous: previous)
        for kernel in Self.kernels {
            #expect(Self.run(kernel, x: xg, m: m, c: cg, shift: shift, k: k, d: d, previous: previous) == expectedGaussian)
        }
    }

    @Test("a hand-worked case: rows (0, 0), (3, 0), (1.5, 0) and centroids (1, 0), (2, 0)")
    func handWorked() {
        // b = (1, 4); g = (1, 4) → 0, distance 1; g = (−5, −8) → 1, distance 1; g = (−2, −2), a tie → 0,
        // distance 0.25. The previous labels (0, 0, 0) change once.
        let x: [Double] = [0, 0, 3, 0, 1.5, 0], c: [Double] = [1, 0, 2, 0]
        let expected = Result(labels: [0, 1, 0], counts: [2, 1], sums: [1.5, 0, 3, 0], changed: 1, distanceSum: 2.25)
        for kernel in Self.kernels {
            #expect(Self.run(kernel, x: x, m: 3, c: c, shift: [0, 0], k: 2, d: 2, previous: [0, 0, 0]) == expected)
        }
        // The same rows and centroids translated by (10, −4): the same labels and distances, sums of x − shift.
        let shifted = [10.0, -4, 13, -4, 11.5, -4]
        for kernel in Self.kernels {
            #expect(Self.run(kernel, x: shifted, m: 3, c: c, shift: [10, -4], k: 2, d: 2, previous: [0, 0, 0]) == expected)
        }
    }
}
