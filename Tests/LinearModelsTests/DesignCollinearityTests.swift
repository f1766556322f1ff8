import LinearAlgebra
import Testing
@testable import LinearModels

@Suite("DesignCollinearity")
struct DesignCollinearityTests {
    /// Columns: a, b = a (aliased), c, d = 1 - c (aliased with the intercept and c), e.
    static func design() throws -> Matrix {
        var rows: [[Double]] = []
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<200 {
            let a = next() < 0.3 ? 1.0 : 0.0, c = next() < 0.5 ? 1.0 : 0.0
            rows.append([a, a, c, 1 - c, next() * 10 + 100])
        }
        return try Matrix(rows)
    }

    @Test("the later member of an exact dependence is aliased, with the earlier terms named")
    func aliasedColumns() throws {
        let scan = try DesignCollinearity(try Self.design(), fitIntercept: true)
        #expect(scan.aliased == [
            AliasedTerm(column: 1, aliasedWith: [.feature(0)]),
            AliasedTerm(column: 3, aliasedWith: [.intercept, .feature(2)]),
        ])
        #expect(scan.keptColumns == [0, 2, 4])
        #expect(scan.varianceInflation[1].isNaN && scan.varianceInflation[3].isNaN)
        #expect(scan.nearCollinear.isEmpty)
    }

    @Test("without an intercept, 1 - c is not a combination of c alone")
    func noIntercept() throws {
        let scan = try DesignCollinearity(try Self.design(), fitIntercept: false)
        #expect(scan.aliased == [AliasedTerm(column: 1, aliasedWith: [.feature(0)])])
    }

    @Test("variance inflation factors equal 1 / (1 - R²) worked by hand, the partner is named")
    func varianceInflation() throws {
        // x2 = x1 + small noise: corr(x1, x2) = r, VIF = 1 / (1 - r²) for both; x3 orthogonal.
        let x1: [Double] = [1, -1, 1, -1, 1, -1, 1, -1]
        let noise: [Double] = [0.1, 0.1, -0.1, -0.1, 0.1, 0.1, -0.1, -0.1]
        let x3: [Double] = [1, 1, 1, 1, -1, -1, -1, -1]
        let rows = (0..<8).map { [x1[$0], x1[$0] + noise[$0], x3[$0]] }
        let scan = try DesignCollinearity(try Matrix(rows), fitIntercept: true)
        // Σ x1² = 8, Σ x2² = 8 + 0.08, Σ x1 x2 = 8 (x1 ⟂ noise): r² = 8 / 8.08.
        let expected = 1 / (1 - 8 / 8.08)
        #expect(abs(scan.varianceInflation[0] - expected) < 1e-9 * expected)
        #expect(abs(scan.varianceInflation[1] - expected) < 1e-9 * expected)
        #expect(abs(scan.varianceInflation[2] - 1) < 1e-12)
        #expect(scan.nearCollinear.map(\.column) == [0, 1])
        #expect(scan.nearCollinear.map(\.partner) == [1, 0])
        #expect(scan.nearCollinear.allSatisfy { $0.partialCorrelation > 0.99 })
    }

    @Test("a constant column is aliased with the intercept; a zero column without intercept with nothing")
    func constantColumns() throws {
        let rows: [[Double]] = (0..<10).map { [Double($0), 3, 0] }
        #expect(try DesignCollinearity(try Matrix(rows), fitIntercept: true).aliased
            == [AliasedTerm(column: 1, aliasedWith: [.intercept]), AliasedTerm(column: 2, aliasedWith: [.intercept])])
        #expect(try DesignCollinearity(try Matrix(rows), fitIntercept: false).aliased
            == [AliasedTerm(column: 2, aliasedWith: [])])
    }
}
