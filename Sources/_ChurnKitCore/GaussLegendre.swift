// Gauss-Legendre quadrature rules, for integrals of smooth functions over short intervals
// (the Pareto/NBD likelihood's dropout integral).
//
// Goal: nodes and weights to about 1 ulp, computed once, without a table of constants to mistype.
// Method: the nodes are the roots of the Legendre polynomial Pₙ, found by Newton's method from
// the Chebyshev-like guesses cos(π (i − 1/4)/(n + 1/2)) with Pₙ and Pₙ′ from the three-term
// recurrence; the weight of a root xᵢ is 2 / ((1 − xᵢ²) Pₙ′(xᵢ)²). An n-point rule integrates
// polynomials of degree 2n − 1 exactly on [−1, 1].
// Reference: W. H. Press et al., "Numerical Recipes", 3rd ed. (2007), §4.6 (gauleg).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An n-point Gauss-Legendre rule on [−1, 1].
package struct GaussLegendre: Sendable {
    /// The nodes in (−1, 1), increasing.
    package let nodes: [Double]
    /// The weights of the nodes (they sum to 2).
    package let weights: [Double]

    /// The rule with `order` points (at least 1).
    /// - Parameter order: The number of nodes n; values below 1 give the 1-point rule.
    /// - Complexity: O(n²) (a few Newton steps per node, each O(n)).
    package init(order: Int) {
        let n = max(order, 1)
        var nodes = [Double](repeating: 0, count: n), weights = [Double](repeating: 0, count: n)
        for i in 0..<(n + 1) / 2 {
            var z = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                // P_n(z) by the recurrence (k+1) P_{k+1} = (2k+1) z P_k − k P_{k−1}.
                var current = 1.0, previous = 0.0
                for k in 0..<n {
                    let next = ((2 * Double(k) + 1) * z * current - Double(k) * previous) / (Double(k) + 1)
                    previous = current
                    current = next
                }
                derivative = Double(n) * (z * current - previous) / (z * z - 1)
                let step = current / derivative
                z -= step
                if abs(step) <= 1e-16 { break }
            }
            let weight = 2 / ((1 - z * z) * derivative * derivative)
            (nodes[i], nodes[n - 1 - i]) = (-z, z)
            (weights[i], weights[n - 1 - i]) = (weight, weight)
        }
        self.nodes = nodes
        self.weights = weights
    }
}
