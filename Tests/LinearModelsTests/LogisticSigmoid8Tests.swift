import Foundation
import Testing

@testable import LinearModels

/// The 8-lane sigmoid against the scalar, libm-based `logisticSigmoid` and closed forms.
@Suite struct LogisticSigmoid8Tests {
    /// Lane-by-lane results for `values`, padded to a multiple of 8 with zeros.
    func lanes(_ values: [Double]) -> [Double] {
        stride(from: 0, to: values.count, by: 8).flatMap { start in
            var z = SIMD8<Double>()
            for k in 0..<min(8, values.count - start) { z[k] = values[start + k] }
            let p = _logisticSigmoid8(z)
            return (0..<min(8, values.count - start)).map { p[$0] }
        }
    }

    @Test("seeded logits over [-40, 40] and [-760, 760] agree with logisticSigmoid to 1e-12")
    func againstScalar() {
        var state: UInt64 = 7
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let z = (0..<40_000).map { i in (2 * uniform() - 1) * (i % 2 == 0 ? 40 : 760) }
        for (zi, p) in zip(z, lanes(z)) {
            let expected = logisticSigmoid(zi)
            if expected >= Double.leastNormalMagnitude {
                #expect(close(p, expected, relative: 1e-12, absolute: 0), "z = \(zi): \(p) vs \(expected)")
            } else {
                // Subnormal results: a couple of units of the last (subnormal) place.
                #expect(abs(p - expected) <= 2 * Double.leastNonzeroMagnitude, "z = \(zi): \(p) vs \(expected)")
            }
        }
    }

    @Test("closed forms: 1/2 at 0, 3/4 at log 3, exp(z) in the far left tail, 0 and 1 beyond it")
    func closedForms() {
        let p = lanes([0, -0.0, log(3), -log(3), -700, -745.2, -1e6, 1e6])
        #expect(p[0] == 0.5 && p[1] == 0.5)
        #expect(close(p[2], 0.75, relative: 1e-15, absolute: 0))
        #expect(close(p[3], 0.25, relative: 1e-15, absolute: 0))
        // 1 / (1 + e^700) = e^-700 to double precision.
        #expect(close(p[4], 9.859676543759771e-305, relative: 1e-12, absolute: 0))
        #expect(p[5] == 0 && p[6] == 0 && p[7] == 1)
    }
}
