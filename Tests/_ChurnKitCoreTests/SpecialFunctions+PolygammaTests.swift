import _TestSupport
import Testing
import _ChurnKitCore

/// Digamma and trigamma against scipy.special 1.17.1 (`digamma(x)`, `polygamma(1, x)`), on both
/// sides of the recurrence's threshold 10 and at the BG/NBD and Gamma-Gamma CDNOW parameters.
@Test func polygammaMatchesScipy() {
    let reference: [[Double]] = [
        [0.001, -1000.5755719318103, 1000001.6425331959],
        [0.243, -4.351093864423211, 18.14177978709583],
        [0.5, -1.9635100260214235, 4.93480220054468],
        [1.0, -0.5772156649015329, 1.6449340668482266],
        [2.426, 0.6662079149687962, 0.508471848480258],
        [6.25, 1.750453526883736, 0.17347923315893213],
        [9.99, 2.250700372831201, 0.10527695014824176],
        [10.0, 2.251752589066721, 0.10516633568168576],
        [37.5, 3.6109483445963386, 0.027025382266785015],
        [1000.0, 6.907255195648812, 0.001000500166666633],
        [1000000.0, 13.81551005796419, 1.0000005000001667e-06],
    ]
    for row in reference {
        #expect(isRelativelyClose(SpecialFunctions.digamma(row[0]), row[1], tolerance: 1e-14), "x = \(row[0])")
        #expect(isRelativelyClose(SpecialFunctions.trigamma(row[0]), row[2], tolerance: 1e-14), "x = \(row[0])")
    }
    for bad in [0.0, -1.5, .infinity, .nan] {
        #expect(SpecialFunctions.digamma(bad).isNaN && SpecialFunctions.trigamma(bad).isNaN)
    }
}
