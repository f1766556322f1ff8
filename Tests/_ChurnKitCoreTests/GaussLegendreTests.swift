import Foundation
import _TestSupport
import Testing
@testable import _ChurnKitCore

@Suite struct GaussLegendreTests {
    @Test func rulesIntegratePolynomialsOfDegreeBelowTwiceTheirOrderExactly() {
        for order in [1, 2, 5, 12, 20] {
            let rule = GaussLegendre(order: order)
            #expect(rule.nodes.count == order && rule.nodes == rule.nodes.sorted())
            for degree in 0..<(2 * order) {
                let integral = zip(rule.nodes, rule.weights).reduce(0.0) { $0 + $1.1 * pow($1.0, Double(degree)) }
                let exact = degree % 2 == 0 ? 2 / Double(degree + 1) : 0
                #expect(isClose(integral, exact, tolerance: 1e-14), "order \(order), degree \(degree): \(integral)")
            }
        }
    }

    @Test func fivePointRuleEqualsItsClosedForm() {
        // Abramowitz and Stegun 25.4.29: ±√(5 ∓ 2√(10/7))/3, 0; weights (322 ± 13√70)/900, 128/225.
        let rule = GaussLegendre(order: 5)
        let inner = (5 - 2 * (10.0 / 7).squareRoot()).squareRoot() / 3, outer = (5 + 2 * (10.0 / 7).squareRoot()).squareRoot() / 3
        #expect(isClose(rule.nodes, [-outer, -inner, 0, inner, outer], tolerance: 1e-15))
        let innerWeight = (322 + 13 * 70.0.squareRoot()) / 900, outerWeight = (322 - 13 * 70.0.squareRoot()) / 900
        #expect(isClose(rule.weights, [outerWeight, innerWeight, 128.0 / 225, innerWeight, outerWeight], tolerance: 1e-15))
    }
}
