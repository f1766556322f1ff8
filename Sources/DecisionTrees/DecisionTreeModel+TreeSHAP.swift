import LinearAlgebra

/// Per-row feature contributions of a tree's output and the value they start from: for every
/// row, `expectedValue + Σ_j contributions[row, j]` is the model's output for the row.
public struct TreeSHAPValues: Sendable, Equatable {
    /// n x d contributions (the units of the explained output: a probability for a
    /// classification tree).
    public let contributions: Matrix
    /// The expected output over the training distribution the tree's covers describe.
    public let expectedValue: Double

    /// Creates the values.
    /// - Parameters:
    ///   - contributions: n x d contributions.
    ///   - expectedValue: the expected output.
    public init(contributions: Matrix, expectedValue: Double) {
        self.contributions = contributions
        self.expectedValue = expectedValue
    }
}

extension DecisionTreeModel {
    /// Exact path-dependent TreeSHAP values (Lundberg, Erion & Lee 2018, Algorithm 2) of the
    /// probability of class 1: the Shapley values of v(S) = E[p(x) | x_S], where a split on a
    /// feature outside S averages its children by their weighted training rows. Missing values
    /// and unknown level codes follow the missing-value direction, as in prediction.
    /// - Parameter x: n x d features, as for `predictProbabilities(_:)`.
    /// - Returns: n x d contributions (probability units) and the expected value (the root's
    ///   weighted probability of class 1); each row's contributions plus it equal its probability.
    /// - Throws: `DecisionTreeError.notBinary` for more than two classes, `.dimensionMismatch`
    ///   when x does not have d columns.
    /// - Complexity: O(n leaves depth²), on all cores for large n.
    public func shapValues(_ x: Matrix) throws(DecisionTreeError) -> TreeSHAPValues {
        guard classCount == 2 else { throw .notBinary(classCount: classCount) }
        let tree = _shapTree
        var phi = [Double](repeating: 0, count: x.rows * x.columns)
        try tree.accumulateContributions(x, into: &phi)
        do {
            return TreeSHAPValues(
                contributions: try Matrix(rows: x.rows, columns: x.columns, values: phi), expectedValue: tree.expectedValue)
        } catch {
            throw .dimensionMismatch(error.description)
        }
    }
}
