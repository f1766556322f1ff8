// The bounded integer and the shuffle every seeded ChurnKit API draws with (`SeededRandom`'s
// `nextIndex(below:)` and `shuffle(_:)`, and the APIs that take any generator: `DataSplit`'s
// `using:` overloads, permutation importance), written once so that a seed gives the same draws
// everywhere.
//
// - Bounded integers: Lemire's multiply-and-reject method (D. Lemire, "Fast random integer
//   generation in an interval", ACM TOMACS 29, 2019), unbiased, one draw in the common case.
// - Shuffle: Fisher-Yates from the last position down, position i swapped with a uniform index
//   in 0...i (Knuth, TAOCP vol. 2, Algorithm 3.4.2 P).

/// Seeded draws shared by the modules.
@usableFromInline
package enum SeededDraws {
    /// A uniform integer in `0..<bound` by Lemire's method; 0 without a draw when `bound <= 1`.
    /// - Parameters:
    ///   - bound: the exclusive upper bound.
    ///   - generator: the source of randomness.
    /// - Returns: the integer.
    /// - Complexity: O(1) expected draws.
    @inlinable
    package static func index(below bound: Int, using generator: inout some RandomNumberGenerator) -> Int {
        guard bound > 1 else { return 0 }
        let range = UInt64(bound)
        var product = generator.next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = generator.next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// Shuffles `elements` in place by Fisher-Yates, drawing with `index(below:using:)` from the
    /// last position down, so a seed gives the same order on every platform.
    /// - Parameters:
    ///   - elements: the collection to shuffle.
    ///   - generator: the source of randomness.
    /// - Complexity: O(n).
    @inlinable
    package static func shuffle<C: MutableCollection & RandomAccessCollection>(
        _ elements: inout C, using generator: inout some RandomNumberGenerator
    ) {
        var i = elements.count
        while i > 1 {
            let j = index(below: i, using: &generator)
            i -= 1
            elements.swapAt(elements.index(elements.startIndex, offsetBy: i), elements.index(elements.startIndex, offsetBy: j))
        }
    }
}
