// Tolerance comparisons shared by every test target (one definition, one meaning).

/// |actual − expected| ≤ tolerance · max(1, |expected|): a relative test for large values and an
/// absolute one below 1; infinities must match exactly.
/// - Parameters:
///   - actual: the computed value.
///   - expected: the reference value.
///   - tolerance: the budget (default 1e-12).
/// - Returns: whether `actual` is within the budget of `expected`.
package func isClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
    if expected.isInfinite || actual.isInfinite { return actual == expected }
    return abs(actual - expected) <= tolerance * max(1, abs(expected))
}

/// Element-wise `isClose(_:_:tolerance:)` of arrays of equal length.
/// - Parameters:
///   - actual: the computed values.
///   - expected: the reference values.
///   - tolerance: the budget per element (default 1e-12).
/// - Returns: whether the lengths match and every element is within the budget.
package func isClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { isClose($0, $1, tolerance: tolerance) }
}

/// |actual − expected| ≤ tolerance · |expected|: a purely relative test (for tail probabilities);
/// an expected 0 must be matched exactly.
/// - Parameters:
///   - actual: the computed value.
///   - expected: the reference value.
///   - tolerance: the relative budget.
/// - Returns: whether `actual` is within the budget of `expected`.
package func isRelativelyClose(_ actual: Double, _ expected: Double, tolerance: Double) -> Bool {
    if expected == 0 { return actual == 0 }
    return abs(actual - expected) <= tolerance * abs(expected)
}
