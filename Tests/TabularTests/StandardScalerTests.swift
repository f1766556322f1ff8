import Foundation
import LinearAlgebra
import Testing
@testable import Tabular

/// References: scikit-learn StandardScaler (Fixtures/make_encoder_fixtures.py) and closed forms.
@Test func standardScalerMatchesScikitLearn() throws {
    let reference = try EncoderFixtures.load().scaler
    let x = try Matrix(reference.x.map { $0.map { $0 ?? .nan } })
    let fitted = try StandardScaler().fit(x)
    #expect(approximatelyEqual([fitted.means], [reference.mean]))
    #expect(approximatelyEqual([fitted.scales], [reference.scale], tolerance: 1e-9))
    #expect(fitted.constantColumns == [2])

    let scaled = try fitted.transform(Matrix(reference.x_new.map { $0.map { $0 ?? .nan } }))
    for (i, expectedRow) in reference.x_new_scaled.enumerated() {
        for (j, expected) in expectedRow.enumerated() {
            if let expected {
                #expect(abs(scaled[i, j] - expected) <= 1e-8 * (1 + abs(expected)))
            } else {
                #expect(scaled[i, j].isNaN)  // NaN passes through, as in scikit-learn
            }
        }
    }
}

@Test func handWorkedStandardization() throws {
    // [1, 2, 3]: mean 2, population variance 2/3.
    let fitted = try StandardScaler().fit(Matrix([[1], [2], [3]]))
    #expect(fitted.means == [2])
    #expect(abs(fitted.scales[0] - (2.0 / 3).squareRoot()) < 1e-15)
    let z = try fitted.transform(Matrix([[2], [3]]))
    #expect(z[0, 0] == 0)
    #expect(abs(z[1, 0] - 1 / (2.0 / 3).squareRoot()) < 1e-15)
    let back = try fitted.inverseTransform(z)
    #expect(abs(back[1, 0] - 3) < 1e-15)

    let centerOnly = try StandardScaler(withMean: true, withStd: false).fit(Matrix([[1], [3]]))
    #expect(centerOnly.means == [2] && centerOnly.scales == [1])
}

@Test func standardScalerRejectsBadInput() throws {
    #expect(throws: TabularError.nonFiniteValue(column: "#1", row: 1, value: -.infinity)) {
        try StandardScaler().fit(Matrix([[1, 2], [3, -.infinity]]))
    }
    #expect(throws: TabularError.self) { try StandardScaler().fit(Matrix(rows: 0, columns: 2)) }
    let fitted = try StandardScaler().fit(Matrix([[1, 2], [3, 4]]))
    #expect(throws: TabularError.self) { try fitted.transform(Matrix([[1, 2, 3]])) }
    #expect(throws: TabularError.self) { try FittedStandardScaler(means: [0], scales: [0]) }
    #expect(throws: TabularError.self) { try FittedStandardScaler(means: [0, 1], scales: [1]) }
}

@Test func fittedScalerRoundTripsThroughJSON() throws {
    let fitted = try StandardScaler().fit(Matrix([[1, 5], [2, 5], [4, 5]]))
    let decoded = try JSONDecoder().decode(FittedStandardScaler.self, from: JSONEncoder().encode(fitted))
    #expect(decoded == fitted)
    #expect(decoded.constantColumns == [1])
}

/// Issue 13: one value of 1e200 among 58.5s overflowed the variance (d² = 1e400) to inf - inf = NaN,
/// which `max(0, NaN)` turned into 0: the column was called constant ("every value is 58.5") and
/// dropped. Its standard deviation is finite: for [a, b, b, b] with a ≫ b it is a √3 / 4.
@Test func aHugeValueGivesItsTrueSpreadNotAConstantColumn() throws {
    let stats = try #require(_Standardization([1e200, 58.5, 58.5, 58.5]))
    #expect(!stats.isConstant)
    #expect(abs(stats.scale / (1e200 * 3.0.squareRoot() / 4) - 1) < 1e-14)
    #expect(abs(stats.mean / 2.5e199 - 1) < 1e-14)
    // Ordinary columns are unchanged to the bit (the scaling is by a power of two).
    let plain = try #require(_Standardization([1.5, 2.25, 7, 11.125]))
    let mean = (1.5 + 2.25 + 7 + 11.125) / 4
    #expect(plain.mean == mean)
    #expect(_Standardization([1, .infinity]) == nil)
}
