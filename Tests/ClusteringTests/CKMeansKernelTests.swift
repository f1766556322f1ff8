import CKMeansKernel
import Testing

@Suite("Fused assignment kernel")
struct CKMeansKernelTests {
    /// What one kernel call produces.
    struct Result: Equatable {
        var labels: [Int32]
        var counts: [Int]
        var sums: [Double]
        var distanceSum: Double
    }

    typealias Kernel = (
        UnsafePointer<Double>?, Int, Int, UnsafePointer<Double>?, Int, UnsafePointer<Double>?,
        UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Double>?
    ) -> Double

    /// Runs `kernel` on rows `x` (m × d) and centroids `c` (k × d).
    static func run(_ kernel: Kernel, x: [Double], m: Int, c: [Double], k: Int, d: Int) -> Result {
        let norms = (0..<k).map { j in (0..<d).reduce(0.0) { $0 + c[j * d + $1] * c[j * d + $1] } }
        let rowNorms = (0..<m).map { i in (0..<d).reduce(0.0) { $0 + x[i * d + $1] * x[i * d + $1] } }
        var workspace = [Double](repeating: 0, count: ck_kmeans_workspace_count(k, d))
        ck_kmeans_prepare(c, norms, k, d, &workspace)
        var result = Result(
            labels: [Int32](repeating: -1, count: m), counts: [Int](repeating: 0, count: k),
            sums: [Double](repeating: 0, count: k * d), distanceSum: 0)
        result.distanceSum = kernel(
            workspace, k, d, x, m, rowNorms, &result.labels, &result.counts, &result.sums)
        return result
    }

    /// The reference: g_j = ‖c_j‖² − 2 Σ_f x_f c_jf in feature order, the first minimum, and the
    /// plain sums, counts and Σ max(0, ‖x‖² + min g), by straightforward loops.
    static func reference(x: [Double], m: Int, c: [Double], k: Int, d: Int) -> Result {
        var result = Result(
            labels: [], counts: [Int](repeating: 0, count: k), sums: [Double](repeating: 0, count: k * d),
            distanceSum: 0)
        for i in 0..<m {
            var g = [Double](repeating: 0, count: k)
            for j in 0..<k {
                var norm = 0.0, dot = 0.0
                for f in 0..<d {
                    norm += c[j * d + f] * c[j * d + f]
                    dot += x[i * d + f] * c[j * d + f]
                }
                g[j] = norm - 2 * dot
            }
            var best = 0
            for j in 0..<k where g[j] < g[best] { best = j }
            result.labels.append(Int32(best))
            result.counts[best] += 1
            var rowNorm = 0.0
            for f in 0..<d {
                result.sums[best * d + f] += x[i * d + f]
                rowNorm += x[i * d + f] * x[i * d + f]
            }
            result.distanceSum += max(0, rowNorm + g[best])
        }
        return result
    }

    @Test("both paths equal the straightforward loops bitwise, ties included",
          arguments: [(1, 1, 1), (5, 3, 5), (4, 8, 16), (33, 8, 16), (7, 11, 17), (66, 20, 3), (13, 17, 9)])
    func paths(shape: (m: Int, k: Int, d: Int)) {
        let (m, k, d) = shape
        var generator = SeededRandomForTests(seed: UInt64(m * 1000 + k * 10 + d))
        // Small integers, so that equal distances (ties) are frequent.
        let x = (0..<(m * d)).map { _ in Double(Int(generator.gaussian() * 2)) }
        let c = (0..<(k * d)).map { _ in Double(Int(generator.gaussian() * 2)) }
        let expected = Self.reference(x: x, m: m, c: c, k: k, d: d)
        #expect(Self.run(ck_kmeans_assign_portable, x: x, m: m, c: c, k: k, d: d) == expected)
        #expect(Self.run(ck_kmeans_assign, x: x, m: m, c: c, k: k, d: d) == expected)
        if ck_kmeans_has_avx2() == 1 {
            #expect(Self.run(ck_kmeans_assign_avx2, x: x, m: m, c: c, k: k, d: d) == expected)
        }
        // Gaussian values: rounding in every product, same order on every path.
        let xg = (0..<(m * d)).map { _ in generator.gaussian() }
        let cg = (0..<(k * d)).map { _ in generator.gaussian() }
        let expectedGaussian = Self.reference(x: xg, m: m, c: cg, k: k, d: d)
        #expect(Self.run(ck_kmeans_assign, x: xg, m: m, c: cg, k: k, d: d) == expectedGaussian)
        #expect(Self.run(ck_kmeans_assign_portable, x: xg, m: m, c: cg, k: k, d: d) == expectedGaussian)
    }

    @Test("a hand-worked case: rows (0, 0), (3, 0), (1.5, 0) and centroids (1, 0), (2, 0)")
    func handWorked() {
        // g = (1, 4) → 0, distance 0 + 1; g = (−5, −8) → 1, distance 9 − 8; g = (−2, −2), a tie → 0,
        // distance 2.25 − 2.
        let x: [Double] = [0, 0, 3, 0, 1.5, 0], c: [Double] = [1, 0, 2, 0]
        let expected = Result(labels: [0, 1, 0], counts: [2, 1], sums: [1.5, 0, 3, 0], distanceSum: 2.25)
        #expect(Self.run(ck_kmeans_assign_portable, x: x, m: 3, c: c, k: 2, d: 2) == expected)
        #expect(Self.run(ck_kmeans_assign, x: x, m: 3, c: c, k: 2, d: 2) == expected)
    }
}
